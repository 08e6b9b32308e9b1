import { RebuildJob } from '@process-exceptions/backstage-plugin-process-exceptions-common';
import { randomUUID } from 'crypto';
import { Knex } from 'knex';
import { toIso } from '../database/sql/conversions';
import { PolicyVersion } from '../policy/PolicyVersion';
import { ClaimedJob, RebuildJobs, RebuildProgress } from './RebuildJobs';

const JOBS = 'pe_rebuilds';
const STATES = 'pe_derivation_state';

/** What a rebuild writes. */
const DERIVED_TABLES = [
  'pe_exceptions',
  'pe_exception_states',
  'pe_tasks',
  'pe_exception_events',
  'pe_findings',
  'pe_event_keys',
  STATES,
];

type JobRow = {
  id: string;
  reason: RebuildJob['reason'];
  status: RebuildJob['status'];
  policy_revision: number | string;
  requested_by: string | null;
  scope: string | null;
  cursor: string | null;
  services_total: number | string;
  services_done: number | string;
  services_skipped: number | string;
  events_read: number | string;
  last_error: string | null;
  created_at: Date | number | string;
  updated_at: Date | number | string;
  finished_at: Date | number | string | null;
};

function jobFromRow(row: JobRow): ClaimedJob {
  return {
    id: row.id,
    reason: row.reason,
    status: row.status,
    policyRevision: Number(row.policy_revision),
    requestedBy: row.requested_by,
    entityRefs: row.scope === null ? null : JSON.parse(row.scope),
    servicesTotal: Number(row.services_total),
    servicesDone: Number(row.services_done),
    servicesSkipped: Number(row.services_skipped),
    eventsRead: Number(row.events_read),
    lastError: row.last_error,
    createdAt: toIso(row.created_at)!,
    updatedAt: toIso(row.updated_at)!,
    finishedAt: toIso(row.finished_at),
    cursor: row.cursor,
  };
}

/** The job as the API shows it. */
function publicJob({ cursor: _cursor, ...job }: ClaimedJob): RebuildJob {
  return job;
}

/** The knex implementation of {@link RebuildJobs}. */
export class DatabaseRebuildJobs implements RebuildJobs {
  constructor(private readonly db: Knex) {}

  async highestRevision(): Promise<number | undefined> {
    const row = await this.db(STATES).max({ max: 'policy_revision' }).first();
    return row?.max === null || row?.max === undefined
      ? undefined
      : Number(row.max);
  }

  async countServicesBelow(revision: number): Promise<number> {
    const row = await this.db(STATES)
      .where('policy_revision', '<', revision)
      .count({ n: '*' })
      .first();
    return Number(row?.n ?? 0);
  }

  async countServicesChangedAt(version: PolicyVersion): Promise<number> {
    const row = await this.db(STATES)
      .where('policy_revision', version.revision)
      .andWhereNot('policy_fingerprint', version.fingerprint)
      .count({ n: '*' })
      .first();
    return Number(row?.n ?? 0);
  }

  private async countLedgerServices(): Promise<number> {
    const row = await this.db('pe_events')
      .whereNotNull('entity_ref')
      .countDistinct({ n: 'entity_ref' })
      .first();
    return Number(row?.n ?? 0);
  }

  async createRequested(
    version: PolicyVersion,
    requestedBy: string,
    entityRefs?: string[],
  ): Promise<RebuildJob> {
    const now = new Date();
    const id = randomUUID();
    const scope = entityRefs ? [...new Set(entityRefs)].sort() : undefined;
    await this.db(JOBS).insert({
      id,
      reason: 'requested',
      status: 'running',
      policy_revision: version.revision,
      policy_fingerprint: version.fingerprint,
      requested_by: requestedBy,
      scope: scope ? JSON.stringify(scope) : null,
      services_total: scope ? scope.length : await this.countLedgerServices(),
      created_at: now,
      updated_at: now,
    });
    return (await this.get(id))!;
  }

  async openPolicyJob(version: PolicyVersion): Promise<void> {
    const now = new Date();
    const fresh = {
      status: 'running',
      cursor: null,
      services_total: await this.countServicesBelow(version.revision),
      services_done: 0,
      services_skipped: 0,
      events_read: 0,
      last_error: null,
      updated_at: now,
      finished_at: null,
    };
    // One job per revision; stragglers lowered by a lagging replica reopen it.
    await this.db(JOBS)
      .insert({
        id: `policy-${version.revision}`,
        reason: 'policy',
        policy_revision: version.revision,
        policy_fingerprint: version.fingerprint,
        requested_by: null,
        created_at: now,
        ...fresh,
      })
      .onConflict('id')
      .merge(fresh)
      .whereNot(`${JOBS}.status`, 'running');
  }

  async get(id: string): Promise<RebuildJob | undefined> {
    const row = await this.db(JOBS).where({ id }).first();
    return row ? publicJob(jobFromRow(row)) : undefined;
  }

  async list(limit: number): Promise<RebuildJob[]> {
    const rows = await this.db(JOBS).orderBy('created_at', 'desc').limit(limit);
    return rows.map((r: JobRow) => publicJob(jobFromRow(r)));
  }

  async running(reason: RebuildJob['reason']): Promise<RebuildJob | undefined> {
    const row = await this.db(JOBS)
      .where({ reason, status: 'running' })
      .orderBy('created_at')
      .first();
    return row ? publicJob(jobFromRow(row)) : undefined;
  }

  async claim(
    owner: string,
    now: Date,
    leaseUntil: Date,
  ): Promise<ClaimedJob | undefined> {
    const free = (q: Knex.QueryBuilder) =>
      q
        .whereNull('lease_until')
        .orWhere('lease_until', '<', now)
        .orWhere('lease_owner', owner);
    const candidate = await this.db(JOBS)
      .where('status', 'running')
      .andWhere(free)
      .orderBy('created_at')
      .first('id');
    if (!candidate) return undefined;
    // Another process may take it between the read and this update.
    const taken = await this.db(JOBS)
      .where({ id: candidate.id, status: 'running' })
      .andWhere(free)
      .update({ lease_owner: owner, lease_until: leaseUntil });
    if (taken === 0) return undefined;
    const row = await this.db(JOBS).where({ id: candidate.id }).first();
    return jobFromRow(row);
  }

  async nextServices(job: ClaimedJob, limit: number): Promise<string[]> {
    const after = job.cursor ?? '';
    if (job.reason === 'policy') {
      const rows = await this.db(STATES)
        .where('policy_revision', '<', job.policyRevision)
        .andWhere('entity_ref', '>', after)
        .orderBy('entity_ref')
        .limit(limit)
        .select('entity_ref');
      return rows.map(r => r.entity_ref);
    }
    if (job.entityRefs) {
      return job.entityRefs.filter(ref => ref > after).slice(0, limit);
    }
    const rows = await this.db('pe_events')
      .whereNotNull('entity_ref')
      .andWhere('entity_ref', '>', after)
      .distinct('entity_ref')
      .orderBy('entity_ref')
      .limit(limit);
    return rows.map(r => r.entity_ref);
  }

  async countEvents(entityRefs: string[]): Promise<Map<string, number>> {
    const rows = await this.db('pe_events')
      .whereIn('entity_ref', entityRefs)
      .groupBy('entity_ref')
      .select('entity_ref', this.db.raw('count(*) as n'));
    return new Map(rows.map(r => [r.entity_ref, Number(r.n)]));
  }

  async advance(
    id: string,
    owner: string,
    progress: RebuildProgress,
    leaseUntil: Date,
  ): Promise<boolean> {
    const updated = await this.db(JOBS)
      .where({ id, lease_owner: owner, status: 'running' })
      .update({
        cursor: progress.cursor,
        services_done: this.db.raw('services_done + ?', [progress.done]),
        services_skipped: this.db.raw('services_skipped + ?', [
          progress.skipped,
        ]),
        events_read: this.db.raw('events_read + ?', [progress.events]),
        last_error: null,
        lease_until: leaseUntil,
        updated_at: new Date(),
      });
    return updated > 0;
  }

  async finish(id: string, status: 'done' | 'superseded'): Promise<void> {
    const now = new Date();
    await this.db(JOBS).where({ id }).update({
      status,
      lease_owner: null,
      lease_until: null,
      updated_at: now,
      finished_at: now,
    });
  }

  async analyze(): Promise<void> {
    for (const table of DERIVED_TABLES) await this.db.raw(`analyze ${table}`);
  }

  async release(id: string, owner: string, error?: string): Promise<void> {
    await this.db(JOBS)
      .where({ id, lease_owner: owner })
      .update({
        lease_owner: null,
        lease_until: null,
        last_error: error ?? null,
        updated_at: new Date(),
      });
  }
}
