import { LoggerService } from '@backstage/backend-plugin-api';
import { ConflictError } from '@backstage/errors';
import { RebuildJob } from '@process-exceptions/backstage-plugin-process-exceptions-common';
import { randomUUID } from 'crypto';
import { Ingestor } from '../ingest/Ingestor';
import { mapWithinBudget } from './mapWithinBudget';
import { ClaimedJob, RebuildJobs } from './RebuildJobs';

/** Services rebuilt between two progress records. */
const BATCH = 50;

/**
 * Events that services rebuilt at once may hold between them: each is read
 * and derived in memory, so a service larger than this is rebuilt alone.
 */
const EVENTS_IN_FLIGHT = 10_000;

/**
 * Works on rebuild jobs: one loop per process, and one process per job at a
 * time through the job's lease, which another process takes over once it
 * expires (after a crash, a timeout or a restart), from the job's cursor.
 */
export class RebuildRunner {
  /** This process, as the owner of job leases. */
  private readonly owner = randomUUID();
  private working: Promise<void> | undefined;
  private warnedChanged = false;

  constructor(
    private readonly options: {
      jobs: RebuildJobs;
      ingestor: Ingestor;
      logger: LoggerService;
      leaseSeconds?: number;
      /**
       * Services rebuilt at once, each in its own transaction, as long as
       * their events fit EVENTS_IN_FLIGHT. Default 1.
       */
      concurrency?: number;
    },
  ) {}

  private get version() {
    return this.options.ingestor.version;
  }

  private leaseUntil(): Date {
    return new Date(Date.now() + (this.options.leaseSeconds ?? 60) * 1000);
  }

  /**
   * The revision services were derived with that is newer than this
   * replica's, if any: then this replica rebuilds nothing.
   */
  private async newerRevision(): Promise<number | undefined> {
    const highest = await this.options.jobs.highestRevision();
    return highest !== undefined && highest > this.version.revision
      ? highest
      : undefined;
  }

  private behindMessage(newer: number): string {
    return `services were derived with processExceptions.policyRevision ${newer}, this replica has ${this.version.revision}; it rebuilds nothing until its configuration catches up`;
  }

  /** Starts a rebuild of every service (or those named), or answers the one running. */
  async request(
    requestedBy: string,
    entityRefs?: string[],
  ): Promise<{ job: RebuildJob; started: boolean }> {
    const newer = await this.newerRevision();
    if (newer !== undefined) {
      throw new ConflictError(`Cannot rebuild: ${this.behindMessage(newer)}`);
    }
    const { jobs, logger } = this.options;
    const running = await jobs.running('requested');
    if (running) return { job: running, started: false };
    const job = await jobs.createRequested(
      this.version,
      requestedBy,
      entityRefs,
    );
    logger.info(
      `Rebuild ${job.id} of ${job.servicesTotal} services requested by ${requestedBy}`,
    );
    this.wake();
    return { job, started: true };
  }

  get(id: string): Promise<RebuildJob | undefined> {
    return this.options.jobs.get(id);
  }

  list(limit: number): Promise<RebuildJob[]> {
    return this.options.jobs.list(limit);
  }

  /**
   * Opens the policy job when services were derived with a lower revision
   * than this replica's, and says when the policy changed but the revision
   * did not.
   */
  async checkPolicy(): Promise<void> {
    const { jobs, logger } = this.options;
    const newer = await this.newerRevision();
    if (newer !== undefined) {
      logger.warn(`Not rebuilding: ${this.behindMessage(newer)}`);
      return;
    }
    const below = await jobs.countServicesBelow(this.version.revision);
    if (below > 0) {
      await jobs.openPolicyJob(this.version);
      logger.info(
        `Rebuilding ${below} services derived before processExceptions.policyRevision ${this.version.revision}`,
      );
      this.wake();
    }
    const changed = await jobs.countServicesChangedAt(this.version);
    if (changed > 0 && !this.warnedChanged) {
      this.warnedChanged = true;
      logger.warn(
        `${changed} services were derived with other policies under the same processExceptions.policyRevision ${this.version.revision}; raise it to rebuild them with these`,
      );
    }
  }

  /** Starts working on open jobs unless this process already is. */
  wake(): Promise<void> {
    this.working ??= this.work()
      .catch(error => this.options.logger.error(`Rebuild stopped: ${error}`))
      .finally(() => {
        this.working = undefined;
      });
    return this.working;
  }

  private async work(): Promise<void> {
    const { jobs, logger } = this.options;
    for (;;) {
      const job = await jobs.claim(this.owner, new Date(), this.leaseUntil());
      if (!job) return;
      if (job.policyRevision < this.version.revision) {
        await jobs.finish(job.id, 'superseded');
        logger.info(
          `Rebuild ${job.id} superseded by policyRevision ${this.version.revision}`,
        );
        continue;
      }
      const newer =
        job.policyRevision > this.version.revision
          ? job.policyRevision
          : await this.newerRevision();
      if (newer !== undefined) {
        await jobs.release(job.id, this.owner);
        logger.warn(`Not rebuilding: ${this.behindMessage(newer)}`);
        return;
      }
      try {
        if (!(await this.run(job))) return;
      } catch (error) {
        await jobs.release(job.id, this.owner, String(error));
        throw error;
      }
    }
  }

  /** Rebuilds the job's services from its cursor; false if the lease was lost. */
  private async run(job: ClaimedJob): Promise<boolean> {
    const { jobs, ingestor, logger } = this.options;
    const mode = job.reason === 'policy' ? 'below' : 'upTo';
    let cursor = job.cursor;
    for (;;) {
      const refs = await jobs.nextServices({ ...job, cursor }, BATCH);
      if (refs.length === 0) {
        await jobs.finish(job.id, 'done');
        await jobs.analyze();
        const done = await jobs.get(job.id);
        logger.info(
          `Rebuild ${job.id} done: ${done?.servicesDone} services, ${done?.servicesSkipped} of them already current, ${done?.eventsRead} events read`,
        );
        return true;
      }
      const progress = {
        cursor: refs[refs.length - 1],
        done: 0,
        skipped: 0,
        events: 0,
      };
      const sizes = await jobs.countEvents(refs);
      const outcomes = await mapWithinBudget(
        refs,
        {
          limit: this.options.concurrency ?? 1,
          budget: EVENTS_IN_FLIGHT,
          weightOf: ref => sizes.get(ref) ?? 0,
        },
        ref => ingestor.rebuildService(ref, mode),
      );
      for (const { outcome, events } of outcomes) {
        progress.done += 1;
        if (outcome !== 'rebuilt') progress.skipped += 1;
        progress.events += events;
      }
      if (
        !(await jobs.advance(job.id, this.owner, progress, this.leaseUntil()))
      ) {
        logger.warn(`Rebuild ${job.id}: another process took it over`);
        return false;
      }
      cursor = progress.cursor;
    }
  }
}
