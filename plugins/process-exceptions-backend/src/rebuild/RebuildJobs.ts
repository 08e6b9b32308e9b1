import { RebuildJob } from '@process-exceptions/backstage-plugin-process-exceptions-common';
import { PolicyVersion } from '../policy/PolicyVersion';

/** A job as its worker reads it: with where it stopped. */
export type ClaimedJob = RebuildJob & { cursor: string | null };

/** Progress of one batch of services. */
export type RebuildProgress = {
  /** The last service of the batch, in entity_ref order. */
  cursor: string;
  done: number;
  skipped: number;
  events: number;
};

/** The rebuild jobs and what the services were derived with. */
export interface RebuildJobs {
  /** The highest revision any service was derived with. */
  highestRevision(): Promise<number | undefined>;
  /** Services derived with a lower revision than `revision`. */
  countServicesBelow(revision: number): Promise<number>;
  /** Services derived with `version`'s revision but another policy. */
  countServicesChangedAt(version: PolicyVersion): Promise<number>;
  /** Starts a requested rebuild of every service in the ledger. */
  createRequested(
    version: PolicyVersion,
    requestedBy: string,
    entityRefs?: string[],
  ): Promise<RebuildJob>;
  /** Opens (or reopens) the job that brings services up to `version`. */
  openPolicyJob(version: PolicyVersion): Promise<void>;
  get(id: string): Promise<RebuildJob | undefined>;
  /** The newest jobs first. */
  list(limit: number): Promise<RebuildJob[]>;
  running(reason: RebuildJob['reason']): Promise<RebuildJob | undefined>;
  /**
   * Takes the oldest running job whose lease is free, expired or already
   * `owner`'s, until `leaseUntil`.
   */
  claim(
    owner: string,
    now: Date,
    leaseUntil: Date,
  ): Promise<ClaimedJob | undefined>;
  /** The next services of the job after its cursor. */
  nextServices(job: ClaimedJob, limit: number): Promise<string[]>;
  /** How many events each of these services has in the ledger. */
  countEvents(entityRefs: string[]): Promise<Map<string, number>>;
  /** Adds a batch's progress and renews the lease; false when it was lost. */
  advance(
    id: string,
    owner: string,
    progress: RebuildProgress,
    leaseUntil: Date,
  ): Promise<boolean>;
  finish(id: string, status: 'done' | 'superseded'): Promise<void>;
  /**
   * Refreshes the planner's statistics of the tables a rebuild fills, as
   * after any bulk write: autovacuum would, but only a while later.
   */
  analyze(): Promise<void>;
  /** Records why an attempt stopped and frees the lease for a retry. */
  release(id: string, owner: string, error?: string): Promise<void>;
}
