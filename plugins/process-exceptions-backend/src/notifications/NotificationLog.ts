import {
  Finding,
  ProcessException,
} from '@process-exceptions/backstage-plugin-process-exceptions-common';

export type Transition = 'opened' | 'due-soon' | 'overdue' | 'finding';

/** Remembers which transitions were announced; claims are exclusive. */
export interface NotificationLog {
  /** Exceptions in a state that was not yet announced. */
  pendingExceptions(
    transition: Exclude<Transition, 'finding'>,
    options: {
      now: Date;
      dueSoonHours: number;
      lookbackHours: number;
      limit: number;
    },
  ): Promise<ProcessException[]>;
  pendingFindings(options: {
    now: Date;
    lookbackHours: number;
    limit: number;
  }): Promise<Finding[]>;
  /** True for the one caller that may announce it. */
  claim(subjectId: string, transition: Transition, now: Date): Promise<boolean>;
  /** Gives a claim back when sending failed, so the next sweep retries. */
  release(subjectId: string, transition: Transition): Promise<void>;
}
