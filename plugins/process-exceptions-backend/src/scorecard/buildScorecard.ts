import { ScorecardRow as SharedScorecardRow } from '@process-exceptions/backstage-plugin-process-exceptions-common';
import { EntityScoreRow } from '../database/ExceptionStore';

/** One row of the team leads' scorecard, before its owner is looked up. */
export type ScorecardRow = Omit<SharedScorecardRow, 'owner'>;

/** The median of values given as (value, how many) pairs. */
function median(
  buckets: Array<{ seconds: number; count: number }>,
): number | null {
  const total = buckets.reduce((n, b) => n + b.count, 0);
  if (total === 0) return null;
  const sorted = [...buckets].sort((a, b) => a.seconds - b.seconds);
  const valueAt = (rank: number) => {
    let seen = 0;
    for (const b of sorted) {
      seen += b.count;
      if (rank < seen) return b.seconds;
    }
    return sorted[sorted.length - 1].seconds;
  };
  const mid = Math.floor(total / 2);
  return total % 2 ? valueAt(mid) : (valueAt(mid - 1) + valueAt(mid)) / 2;
}

function earliest(dates: Array<Date | null>): string | null {
  const times = dates
    .filter((d): d is Date => d !== null)
    .map(d => d.getTime());
  return times.length > 0 ? new Date(Math.min(...times)).toISOString() : null;
}

/**
 * Groups per-entity figures by entity or by owner and ranks the worst first:
 * most overdue, then most unacknowledged findings, then lowest on-time rate.
 */
export function buildScorecard(
  rows: EntityScoreRow[],
  keyOf: (entityRef: string) => string,
): ScorecardRow[] {
  const groups = new Map<string, EntityScoreRow[]>();
  for (const row of rows) {
    const key = keyOf(row.entityRef);
    groups.set(key, [...(groups.get(key) ?? []), row]);
  }
  const result = [...groups.entries()].map(([key, members]): ScorecardRow => {
    const sum = (f: (r: EntityScoreRow) => number) =>
      members.reduce((n, r) => n + f(r), 0);
    const onTime = sum(r => r.backfilledOnTime);
    const late = sum(r => r.backfilledLate);
    const seconds = median(members.flatMap(r => r.backfillBuckets));
    return {
      key,
      entityRefs: members.map(r => r.entityRef).sort(),
      open: sum(r => r.open),
      overdue: sum(r => r.overdue),
      backfilledOnTime: onTime,
      backfilledLate: late,
      onTimeRate: onTime + late > 0 ? onTime / (onTime + late) : null,
      medianHoursToBackfill:
        seconds === null ? null : Math.round((seconds / 3600) * 10) / 10,
      unacknowledgedFindings: sum(r => r.unacknowledgedFindings),
      findingsInWindow: sum(r => r.findingsInWindow),
      oldestOverdueDeadline: earliest(
        members.map(r => r.oldestOverdueDeadline),
      ),
    };
  });
  return result.sort(
    (a, b) =>
      b.overdue - a.overdue ||
      b.unacknowledgedFindings - a.unacknowledgedFindings ||
      (a.onTimeRate ?? 1) - (b.onTimeRate ?? 1) ||
      a.key.localeCompare(b.key),
  );
}
