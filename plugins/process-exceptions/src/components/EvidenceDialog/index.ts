export { EvidenceDialog } from './EvidenceDialog';
