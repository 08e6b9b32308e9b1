import {
  EXCEPTION_KINDS,
  ExceptionKind,
  TrendWeek,
} from '@process-exceptions/backstage-plugin-process-exceptions-common';
import { WeeklyCountRow } from '../database/ExceptionStore';

const WEEK_MS = 7 * 24 * 3600 * 1000;

/** Spreads grouped counts over every week from `since`, empty weeks included. */
export function buildTrends(
  rows: WeeklyCountRow[],
  since: Date,
  weeks: number,
): TrendWeek[] {
  const result: TrendWeek[] = Array.from({ length: weeks }, (_, i) => ({
    weekStart: new Date(since.getTime() + i * WEEK_MS).toISOString(),
    opened: Object.fromEntries(EXCEPTION_KINDS.map(k => [k, 0])) as Record<
      ExceptionKind,
      number
    >,
    backfilledOnTime: 0,
    backfilledLate: 0,
    onTimeRate: null,
  }));
  for (const row of rows) {
    const week = result[row.week];
    if (!week) continue; // a deadline-free future event beyond the window
    if (row.measure === 'opened') week.opened[row.kind] += row.count;
    else if (row.measure === 'backfilled-on-time')
      week.backfilledOnTime += row.count;
    else week.backfilledLate += row.count;
  }
  for (const week of result) {
    const total = week.backfilledOnTime + week.backfilledLate;
    week.onTimeRate = total > 0 ? week.backfilledOnTime / total : null;
  }
  return result;
}
