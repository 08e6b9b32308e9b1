export { OverdueBackfillsCard } from './OverdueBackfillsCard';
