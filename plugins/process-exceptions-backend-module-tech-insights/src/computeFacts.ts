import { parseEntityRef } from '@backstage/catalog-model';

/** The per-entity figures the process-exceptions scorecard API answers. */
export interface EntityFigures {
  key: string;
  open: number;
  overdue: number;
  backfilledOnTime: number;
  backfilledLate: number;
  onTimeRate: number | null;
  unacknowledgedFindings: number;
  findingsInWindow: number;
  oldestOverdueDeadline: string | null;
}

export interface ProcessExceptionFacts {
  entity: { namespace: string; kind: string; name: string };
  facts: {
    openExceptions: number;
    overdueBackfills: number;
    onTimeBackfillRate90d: number;
    unacknowledgedFindings: number;
    unrecordedExceptions30d: number;
    daysSinceOldestOverdueBackfill: number;
  };
}

const DAY_MS = 24 * 3600 * 1000;

/**
 * Facts for every component, zeros where nothing was recorded. A component
 * with no backfills in 90 days has an on-time rate of 1: nothing was late.
 */
export function computeFacts(options: {
  entityRefs: string[];
  last90Days: EntityFigures[];
  last30Days: EntityFigures[];
  now: Date;
}): ProcessExceptionFacts[] {
  const by90 = new Map(options.last90Days.map(r => [r.key, r]));
  const by30 = new Map(options.last30Days.map(r => [r.key, r]));
  return options.entityRefs.map(ref => {
    const { kind, namespace, name } = parseEntityRef(ref);
    const r = by90.get(ref);
    const oldest = r?.oldestOverdueDeadline
      ? Date.parse(r.oldestOverdueDeadline)
      : undefined;
    return {
      entity: { kind, namespace, name },
      facts: {
        openExceptions: (r?.open ?? 0) + (r?.overdue ?? 0),
        overdueBackfills: r?.overdue ?? 0,
        onTimeBackfillRate90d: r?.onTimeRate ?? 1,
        unacknowledgedFindings: r?.unacknowledgedFindings ?? 0,
        unrecordedExceptions30d: by30.get(ref)?.findingsInWindow ?? 0,
        daysSinceOldestOverdueBackfill:
          oldest === undefined
            ? 0
            : Math.max(
                0,
                Math.floor((options.now.getTime() - oldest) / DAY_MS),
              ),
      },
    };
  });
}
