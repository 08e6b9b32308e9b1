import { ProcessException } from '@process-exceptions/backstage-plugin-process-exceptions-common';
import { formatDuration } from './formatDuration';

export interface Countdown {
  /** e.g. `due in 5 h`, `overdue by 2 d`, `backfilled on time`. */
  text: string;
  /** True when the backfill is late and not yet done. */
  overdue: boolean;
}

/** Describes how much time a backfill deadline has left, or how late it is. */
export function formatCountdown(
  deadline: string | null,
  now: number,
): Countdown {
  if (!deadline) return { text: 'no deadline yet', overdue: false };
  const due = new Date(deadline).getTime();
  if (Number.isNaN(due)) return { text: 'no deadline yet', overdue: false };
  const left = due - now;
  return left > 0
    ? { text: `due in ${formatDuration(left)}`, overdue: false }
    : { text: `overdue by ${formatDuration(left)}`, overdue: true };
}

/** The deadline column of an exception: a countdown until it is backfilled. */
export function describeDeadline(
  exception: Pick<ProcessException, 'status' | 'deadline' | 'backfilledOnTime'>,
  now: number,
): Countdown {
  if (exception.status === 'backfilled') {
    return {
      text:
        exception.backfilledOnTime === false
          ? 'backfilled late'
          : 'backfilled on time',
      overdue: false,
    };
  }
  const countdown = formatCountdown(exception.deadline, now);
  // The backend is the judge of overdue; the clock may just not have caught up.
  return exception.status === 'overdue' && !countdown.overdue
    ? { text: 'overdue', overdue: true }
    : countdown;
}
