import { mockServices } from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import { createTestDatabases } from '../__testUtils__/databases';
import { DatabaseExceptionStore } from '../database/DatabaseExceptionStore';
import { ExceptionStore } from '../database/ExceptionStore';
import { Ingestor } from '../ingest/Ingestor';
import { DEFAULT_POLICY, Policy } from '../policy/Policy';
import { policyVersion } from '../policy/PolicyVersion';
import { DatabaseRebuildJobs } from './DatabaseRebuildJobs';
import { RebuildRunner } from './RebuildRunner';
import { PIPELINE } from '../__testUtils__/provenance';

const databases = createTestDatabases();
const HOUR = 3600_000;
const PAYMENTS = 'component:default/payments';
const LEDGER = 'component:default/ledger';

/** The same backfill policy with another deadline. */
const withBackfillHours = (hours: number): Policy => ({
  ...DEFAULT_POLICY,
  hotfix: { ...DEFAULT_POLICY.hotfix, backfillHours: hours },
});

describe.each(databases.eachSupportedId())('rebuilds on %p', databaseId => {
  async function setup() {
    const knex = await databases.init(databaseId);
    const store = await DatabaseExceptionStore.create({
      database: mockServices.database({ knex }),
    });
    return { knex, store };
  }

  /** One replica: its ingestor and rebuild runner on a shared database. */
  function replica(
    knex: Knex,
    store: ExceptionStore,
    policy: Policy,
    revision: number,
  ) {
    const logger = mockServices.logger.mock();
    const ingestor = new Ingestor({
      store,
      resolver: { resolve: async s => new Map(s.map(x => [x, x])) },
      policy,
      version: policyVersion(policy, revision),
      logger,
    });
    const jobs = new DatabaseRebuildJobs(knex);
    const runner = new RebuildRunner({ jobs, ingestor, logger });
    return { ingestor, runner, jobs, logger };
  }

  const hotfix = (id: string, subject: string, at: Date) => ({
    externalId: id,
    type: 'deployment.finished',
    occurredAt: at,
    subject,
    actor: null,
    data: {
      deploymentId: id,
      environment: 'production',
      outcome: 'succeeded',
      labels: ['hotfix'],
    },
    payload: {},
  });

  const deadlines = async (store: ExceptionStore) =>
    (await store.listExceptions({ limit: 10 })).items
      .map(e => [e.entityRef, e.deadline])
      .sort();

  const revisions = async (knex: Knex) =>
    (
      await knex('pe_derivation_state')
        .orderBy('entity_ref')
        .select('entity_ref', 'policy_revision')
    ).map(r => [r.entity_ref, Number(r.policy_revision)]);

  it('rebuilds every service once the policy revision is raised, and never backwards', async () => {
    const { knex, store } = await setup();
    const at = new Date(Date.now() - HOUR);
    const old = replica(knex, store, withBackfillHours(24), 0);
    await old.ingestor.ingest(
      'api',
      [hotfix('d-1', PAYMENTS, at), hotfix('d-2', LEDGER, at)],
      PIPELINE,
    );
    const due24 = new Date(at.getTime() + 24 * HOUR).toISOString();
    expect(await deadlines(store)).toEqual([
      [LEDGER, due24],
      [PAYMENTS, due24],
    ]);
    expect(await revisions(knex)).toEqual([
      [LEDGER, 0],
      [PAYMENTS, 0],
    ]);

    const next = replica(knex, store, withBackfillHours(48), 1);
    await next.runner.checkPolicy();
    await next.runner.wake();
    const due48 = new Date(at.getTime() + 48 * HOUR).toISOString();
    expect(await deadlines(store)).toEqual([
      [LEDGER, due48],
      [PAYMENTS, due48],
    ]);
    expect(await revisions(knex)).toEqual([
      [LEDGER, 1],
      [PAYMENTS, 1],
    ]);
    expect(await next.jobs.get('policy-1')).toEqual(
      expect.objectContaining({
        reason: 'policy',
        status: 'done',
        servicesTotal: 2,
        servicesDone: 2,
        eventsRead: 2,
      }),
    );

    // The replica still on revision 0 refuses to rebuild, and says why.
    await old.runner.checkPolicy();
    expect(old.logger.warn).toHaveBeenCalledWith(
      expect.stringContaining('this replica has 0; it rebuilds nothing'),
    );
    await expect(old.runner.request('user:default/admin')).rejects.toThrow(
      /policyRevision 1, this replica has 0/,
    );
    expect(await deadlines(store)).toContainEqual([PAYMENTS, due48]);

    // A write it still takes marks the service for the newer policy again.
    await old.ingestor.ingest(
      'api',
      [hotfix('d-3', PAYMENTS, new Date(at.getTime() + 1000))],
      PIPELINE,
    );
    expect(await revisions(knex)).toEqual([
      [LEDGER, 1],
      [PAYMENTS, 0],
    ]);
    await next.runner.checkPolicy();
    await next.runner.wake();
    expect(await revisions(knex)).toEqual([
      [LEDGER, 1],
      [PAYMENTS, 1],
    ]);
    const d3 = (await store.listExceptions({ limit: 10 })).items.find(e =>
      e.name.includes('d-3'),
    );
    expect(d3?.deadline).toBe(
      new Date(at.getTime() + 1000 + 48 * HOUR).toISOString(),
    );
  });

  it('indexes and derives events appended without keys or derived rows', async () => {
    const { knex, store } = await setup();
    // As a bulk import or a replica from before the index would leave them.
    const at = new Date(Date.now() - 2 * HOUR);
    await knex('pe_events').insert({
      source: 'api',
      external_id: 'old-1',
      type: 'deployment.finished',
      entity_ref: PAYMENTS,
      subject: PAYMENTS,
      actor: null,
      occurred_at: at,
      received_at: at,
      provenance: JSON.stringify(PIPELINE),
      data: JSON.stringify({
        deploymentId: 'old-1',
        environment: 'production',
        outcome: 'succeeded',
        labels: ['hotfix'],
        incidentId: 'INC-1',
      }),
      payload: JSON.stringify({}),
    });
    const { ingestor, runner } = replica(knex, store, DEFAULT_POLICY, 0);
    const { job, started } = await runner.request('user:default/admin');
    expect(started).toBe(true);
    expect(job).toEqual(
      expect.objectContaining({
        reason: 'requested',
        status: 'running',
        requestedBy: 'user:default/admin',
        servicesTotal: 1,
      }),
    );
    await runner.wake();
    expect(await runner.get(job.id)).toEqual(
      expect.objectContaining({
        status: 'done',
        servicesDone: 1,
        eventsRead: 1,
      }),
    );
    const [exception] = (await store.listExceptions({ limit: 10 })).items;
    expect(exception).toEqual(
      expect.objectContaining({ kind: 'hotfix', status: 'open' }),
    );

    // The case is found through the new keys: a backfill by incident closes it.
    await ingestor.ingest(
      'api',
      [
        {
          externalId: 'done-1',
          type: 'backfill.completed',
          occurredAt: new Date(),
          subject: PAYMENTS,
          actor: null,
          data: { incidentId: 'INC-1', taskKey: 'full-review' },
          payload: {},
        },
      ],
      PIPELINE,
    );
    const after = await store.getException(exception.id);
    expect(after?.tasks.find(t => t.key === 'full-review')?.doneAt).toEqual(
      expect.any(String),
    );
  });

  it('resumes a job from where a stopped worker left it', async () => {
    const { knex, store } = await setup();
    const at = new Date(Date.now() - HOUR);
    const { ingestor, runner, jobs } = replica(knex, store, DEFAULT_POLICY, 0);
    await ingestor.ingest(
      'api',
      [hotfix('d-1', LEDGER, at), hotfix('d-2', PAYMENTS, at)],
      PIPELINE,
    );
    const job = await jobs.createRequested(ingestor.version, 'user:default/a');
    // A worker that rebuilt the first service, then died with its lease.
    const gone = await jobs.claim('gone', new Date(), new Date());
    expect(gone?.id).toBe(job.id);
    await jobs.advance(
      job.id,
      'gone',
      { cursor: LEDGER, done: 1, skipped: 0, events: 1 },
      new Date(Date.now() - 1000),
    );

    await runner.wake();
    expect(await runner.get(job.id)).toEqual(
      expect.objectContaining({
        status: 'done',
        servicesDone: 2,
        eventsRead: 2,
      }),
    );
    const lastSeqs = await knex('pe_derivation_state')
      .orderBy('entity_ref')
      .select('last_seq');
    // The live write records 0; the rebuild, the newest event it read.
    expect(lastSeqs.map(r => Number(r.last_seq) > 0)).toEqual([false, true]);
  });

  it('answers the running rebuild instead of starting a second', async () => {
    const { knex, store } = await setup();
    const { jobs, runner, ingestor } = replica(knex, store, DEFAULT_POLICY, 0);
    const first = await jobs.createRequested(
      ingestor.version,
      'user:default/a',
    );
    const again = await runner.request('user:default/b');
    expect(again).toEqual({ job: first, started: false });
    await runner.wake();
    expect((await jobs.list(5)).map(j => [j.id, j.status])).toEqual([
      [first.id, 'done'],
    ]);
  });
});
