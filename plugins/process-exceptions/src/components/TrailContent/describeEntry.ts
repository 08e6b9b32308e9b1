import { describeProvenance } from '@process-exceptions/backstage-plugin-process-exceptions-common';
import { TrailEntry } from '../../api';
import { adviceFor } from '../../utils/findingAdvice';
import { KIND_LABELS, labelOf, STATUS_LABELS } from '../../utils/labels';

const SENDER_URL_FIELDS = ['url', 'pipelineRunUrl', 'evidenceUrl'];

/** Where the sender shows an event (a run, a pull request), if it said. */
export function senderUrlOf(entry: TrailEntry): string | undefined {
  if (entry.kind !== 'event') return undefined;
  const data = (entry.event.data ?? {}) as Record<string, unknown>;
  const field = SENDER_URL_FIELDS.find(f => typeof data[f] === 'string');
  return field ? (data[field] as string) : undefined;
}

/** One trail entry in words: what happened, and who delivered it. */
export function describeEntry(entry: TrailEntry): {
  what: string;
  detail: string;
} {
  switch (entry.kind) {
    case 'event':
      return {
        what: `${entry.event.type}${
          entry.direct ? '' : ' (through its exception)'
        }`,
        detail: `Delivered by ${describeProvenance(entry.event.provenance)}`,
      };
    case 'exception':
      return {
        what: `${labelOf(KIND_LABELS, entry.exception.kind)} opened: ${
          entry.exception.name
        }`,
        detail: `${labelOf(STATUS_LABELS, entry.exception.status)} · ${
          entry.exception.reason
        }`,
      };
    case 'task':
      return {
        what: `${entry.task.title} done by ${entry.task.doneBy ?? 'unknown'}`,
        detail: entry.closedBy
          ? `Delivered by ${describeProvenance(entry.closedBy.provenance)}`
          : 'Closed before the plugin kept who delivered it',
      };
    default:
      return {
        what: `Finding: ${adviceFor(entry.finding.rule).title}`,
        detail: entry.finding.acknowledgedAt
          ? `Acknowledged by ${entry.finding.acknowledgedBy}`
          : 'Not acknowledged',
      };
  }
}
