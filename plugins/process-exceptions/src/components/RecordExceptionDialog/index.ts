export { RecordExceptionDialog } from './RecordExceptionDialog';
