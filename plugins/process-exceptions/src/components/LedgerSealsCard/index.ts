export { LedgerSealsCard } from './LedgerSealsCard';
