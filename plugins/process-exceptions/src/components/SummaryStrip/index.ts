export { SummaryStrip } from './SummaryStrip';
