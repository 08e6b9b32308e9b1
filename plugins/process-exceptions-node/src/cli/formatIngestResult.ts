import { IngestResult } from '@process-exceptions/backstage-plugin-process-exceptions-common';

/**
 * One line per event, e.g.
 * `deploy-7731: recorded for component:default/payments-api; exception opened: hotfix "…" (id, open); finding opened: pipeline-bypassed (id)`.
 */
export function formatIngestResult(result: IngestResult): string {
  let line = `${result.id}: ${result.status}`;
  if (result.status === 'duplicate') {
    line += ' (already in the ledger; nothing changed)';
  } else if (result.unmapped) {
    line += ` but unmapped: the catalog does not know ${
      result.entityRef ?? 'its entity'
    } yet, so it applies once it does`;
  } else if (result.entityRef) {
    line += ` for ${result.entityRef}`;
  }
  for (const exception of result.exceptions) {
    line += `; exception ${exception.change}: ${exception.kind} "${exception.name}" (${exception.id}, ${exception.status})`;
  }
  for (const finding of result.findings) {
    line += `; finding ${finding.change}: ${finding.rule} (${finding.id})`;
  }
  return line;
}
