export { BackfillChecklist } from './BackfillChecklist';
