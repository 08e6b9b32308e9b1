import { EventProvenance } from '@process-exceptions/backstage-plugin-process-exceptions-common';

/** What the tests' own deliveries carry: a pipeline's service token. */
export const PIPELINE: EventProvenance = {
  kind: 'service',
  subject: 'test-pipeline',
};
