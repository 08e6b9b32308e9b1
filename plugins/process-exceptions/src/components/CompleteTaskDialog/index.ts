export { CompleteTaskDialog } from './CompleteTaskDialog';
