export { AcknowledgeFindingDialog } from './AcknowledgeFindingDialog';
