/** What the maintenance task retries on its own when it fails. */
export type MaintenanceWork = 'step' | 'subject' | 'notification';

/** One piece of maintenance work waiting for its retry. */
export interface MaintenanceFailure {
  kind: MaintenanceWork;
  /** The step's name, the unmapped subject, or `<subject id>/<transition>`. */
  target: string;
  attempts: number;
  firstFailedAt: Date;
  lastFailedAt: Date;
  nextAttemptAt: Date;
  lastError: string;
}

/**
 * Failed maintenance work and its backoff: work is skipped until its next
 * attempt is due, so one failing piece never holds up the others, and is
 * forgotten once it succeeds.
 */
export interface MaintenanceFailures {
  /** The targets of `kind` whose retry is not due at `now`. */
  waiting(kind: MaintenanceWork, now: Date): Promise<Set<string>>;
  failed(
    kind: MaintenanceWork,
    target: string,
    error: unknown,
    now: Date,
  ): Promise<MaintenanceFailure>;
  succeeded(kind: MaintenanceWork, target: string): Promise<void>;
  /** Everything waiting, the longest-failing first. */
  list(limit: number): Promise<MaintenanceFailure[]>;
}
