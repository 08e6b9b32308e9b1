import { ScorecardRow as SharedScorecardRow } from '@process-exceptions/backstage-plugin-process-exceptions-common';
import { EntityScoreRow } from '../database/ExceptionStore';

/** One row of the team leads' scorecard, before its owner is looked up. */
export type ScorecardRow = Omit<SharedScorecardRow, 'owner'>;

/** The median of values given as counts per value. */
function median(counts: Map<number, number>): number | null {
  let total = 0;
  for (const n of counts.values()) total += n;
  if (total === 0) return null;
  const sorted = [...counts.entries()].sort((a, b) => a[0] - b[0]);
  const valueAt = (rank: number) => {
    let seen = 0;
    for (const [seconds, n] of sorted) {
      seen += n;
      if (rank < seen) return seconds;
    }
    return sorted[sorted.length - 1][0];
  };
  const mid = Math.floor(total / 2);
  return total % 2 ? valueAt(mid) : (valueAt(mid - 1) + valueAt(mid)) / 2;
}

/** Running sums of one group; one pass over the rows, whatever their number. */
interface Totals {
  entityRefs: string[];
  open: number;
  overdue: number;
  onTime: number;
  late: number;
  unacknowledgedFindings: number;
  findingsInWindow: number;
  oldestOverdue: number | null;
  backfills: Map<number, number>;
}

function add(totals: Totals, row: EntityScoreRow) {
  totals.entityRefs.push(row.entityRef);
  totals.open += row.open;
  totals.overdue += row.overdue;
  totals.onTime += row.backfilledOnTime;
  totals.late += row.backfilledLate;
  totals.unacknowledgedFindings += row.unacknowledgedFindings;
  totals.findingsInWindow += row.findingsInWindow;
  const oldest = row.oldestOverdueDeadline?.getTime() ?? null;
  if (oldest !== null && (totals.oldestOverdue ?? Infinity) > oldest) {
    totals.oldestOverdue = oldest;
  }
  for (const b of row.backfillBuckets) {
    totals.backfills.set(
      b.seconds,
      (totals.backfills.get(b.seconds) ?? 0) + b.count,
    );
  }
}

/**
 * Groups per-entity figures by entity or by owner and ranks the worst first:
 * most overdue, then most unacknowledged findings, then lowest on-time rate.
 */
export function buildScorecard(
  rows: EntityScoreRow[],
  keyOf: (entityRef: string) => string,
): ScorecardRow[] {
  const groups = new Map<string, Totals>();
  for (const row of rows) {
    const key = keyOf(row.entityRef);
    let totals = groups.get(key);
    if (!totals) {
      totals = {
        entityRefs: [],
        open: 0,
        overdue: 0,
        onTime: 0,
        late: 0,
        unacknowledgedFindings: 0,
        findingsInWindow: 0,
        oldestOverdue: null,
        backfills: new Map(),
      };
      groups.set(key, totals);
    }
    add(totals, row);
  }
  const result = [...groups.entries()].map(([key, t]): ScorecardRow => {
    const seconds = median(t.backfills);
    return {
      key,
      entityRefs: t.entityRefs.sort(),
      open: t.open,
      overdue: t.overdue,
      backfilledOnTime: t.onTime,
      backfilledLate: t.late,
      onTimeRate: t.onTime + t.late > 0 ? t.onTime / (t.onTime + t.late) : null,
      medianHoursToBackfill:
        seconds === null ? null : Math.round((seconds / 3600) * 10) / 10,
      unacknowledgedFindings: t.unacknowledgedFindings,
      findingsInWindow: t.findingsInWindow,
      oldestOverdueDeadline:
        t.oldestOverdue === null
          ? null
          : new Date(t.oldestOverdue).toISOString(),
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
