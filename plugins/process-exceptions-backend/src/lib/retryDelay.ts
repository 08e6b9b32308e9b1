/**
 * The wait after the nth failure of work retried in the background (an
 * inbox delivery, a maintenance step, a subject, a notification): 10 s,
 * doubling, at most an hour.
 */
export function retryDelayMs(attempts: number): number {
  return Math.min(10_000 * 2 ** attempts, 3_600_000);
}
