import {
  describeProvenance,
  Trail,
  TrailEntry,
} from '@process-exceptions/backstage-plugin-process-exceptions-common';

function describe(entry: TrailEntry): string {
  switch (entry.kind) {
    case 'event': {
      const { event } = entry;
      return `${event.type} ${event.id}${
        entry.direct ? '' : ' (through its exception)'
      } — delivered by ${describeProvenance(event.provenance)}`;
    }
    case 'exception':
      return `${entry.exception.kind} exception "${entry.exception.name}" opened (${entry.exception.status}), id ${entry.exception.id}`;
    case 'task': {
      const by = entry.closedBy
        ? `, delivered by ${describeProvenance(entry.closedBy.provenance)}`
        : '';
      return `task ${entry.task.key} done by ${entry.task.doneBy ?? 'unknown'}${
        entry.task.evidenceUrl ? ` (${entry.task.evidenceUrl})` : ''
      }${by}`;
    }
    default:
      return `finding ${entry.finding.rule}: ${entry.finding.message}${
        entry.finding.acknowledgedAt
          ? ` (acknowledged by ${entry.finding.acknowledgedBy})`
          : ''
      }`;
  }
}

/** A trail as printed by `process-exceptions trail`: one line per entry. */
export function formatTrail(trail: Trail): string {
  const { kind, value } = trail.key;
  if (trail.entries.length === 0) {
    return `nothing on the trail of ${kind} ${value}\n`;
  }
  const lines = [
    `trail of ${kind} ${value} across ${trail.services.length} service${
      trail.services.length === 1 ? '' : 's'
    }: ${trail.services.join(', ')}`,
    ...trail.entries.map(
      e => `${e.at}  ${e.entityRef ?? '(unmapped)'}  ${describe(e)}`,
    ),
    ...(trail.truncated
      ? ['(more than 1,000 events carry this key; the first are shown)']
      : []),
  ];
  return `${lines.join('\n')}\n`;
}
