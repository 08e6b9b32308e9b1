import { resolvePackagePath } from '@backstage/backend-plugin-api';
import fs from 'fs';
import { createTestDatabases } from '../__testUtils__/databases';

const migrationsDir = resolvePackagePath(
  '@process-exceptions/backstage-plugin-process-exceptions-backend',
  'migrations',
);
const migrationFiles = fs
  .readdirSync(migrationsDir)
  .filter(f => f.endsWith('.js'))
  .sort();

const tables = [
  'pe_events',
  'pe_exceptions',
  'pe_exception_states',
  'pe_exception_events',
  'pe_tasks',
  'pe_findings',
  'pe_notifications',
  'pe_event_keys',
  'pe_event_keys_backfill',
  'pe_derivation_state',
  'pe_rebuilds',
  'pe_inbox',
  'pe_maintenance_failures',
  'pe_chain_heads',
];

const databases = createTestDatabases();

describe.each(databases.eachSupportedId())('migrations on %p', databaseId => {
  it('step up and down one at a time, leaving nothing behind', async () => {
    const knex = await databases.init(databaseId);
    const config = { directory: migrationsDir };

    for (let i = 0; i < migrationFiles.length; i++) {
      await knex.migrate.up(config);
    }
    for (const table of tables) {
      expect(await knex.schema.hasTable(table)).toBe(true);
    }

    for (let i = 0; i < migrationFiles.length; i++) {
      await knex.migrate.down(config);
    }
    for (const table of tables) {
      expect(await knex.schema.hasTable(table)).toBe(false);
    }

    await knex.migrate.latest(config);
    for (const table of tables) {
      expect(await knex.schema.hasTable(table)).toBe(true);
    }
    await knex.destroy();
  });

  it('keeps the data of a database populated by the first release when upgrading', async () => {
    const knex = await databases.init(databaseId);
    const config = { directory: migrationsDir };
    await knex.migrate.up(config); // the first release's schema only
    const at = new Date('2026-11-01T10:00:00Z');
    await knex('pe_events').insert({
      source: 'api',
      external_id: 'deploy-1',
      type: 'deployment.finished',
      entity_ref: 'component:default/payments',
      subject: 'component:default/payments',
      actor: null,
      occurred_at: at,
      received_at: at,
      data: '{"deploymentId":"1"}',
      payload: '{}',
    });
    await knex('pe_exceptions').insert({
      id: '00000000-0000-5000-8000-000000000001',
      natural_key: 'hotfix:component:default/payments:1',
      entity_ref: 'component:default/payments',
      kind: 'hotfix',
      name: 'Hotfix 1',
      reason: 'r',
      links: '{}',
      opened_by: null,
      opened_at: at,
      deadline: at,
      status: 'open',
      backfilled_at: null,
      backfilled_on_time: null,
      backfill_seconds: null,
      fingerprint: 'f',
      updated_at: at,
    });
    await knex('pe_tasks').insert({
      exception_id: '00000000-0000-5000-8000-000000000001',
      key: 'full-review',
      position: 0,
      title: 'Full review',
      role: 'reviewer',
      due_at: at,
    });

    await knex.migrate.latest(config);

    expect(
      await knex('pe_events').select('external_id', 'data', 'provenance'),
    ).toEqual([
      {
        external_id: 'deploy-1',
        data: '{"deploymentId":"1"}',
        provenance: '{"kind":"pre-provenance"}',
      },
    ]);
    expect(await knex('pe_exceptions').pluck('name')).toEqual(['Hotfix 1']);
    const [state] = await knex('pe_exception_states').select();
    expect(state).toMatchObject({
      exception_id: '00000000-0000-5000-8000-000000000001',
      entity_ref: 'component:default/payments',
      status: 'open',
      backfilled_at: null,
    });
    expect(new Date(state.deadline)).toEqual(at);
    expect(await knex('pe_tasks').pluck('key')).toEqual(['full-review']);
    expect(await knex.schema.hasTable('pe_notifications')).toBe(true);
    // Its services are marked for one rebuild, with the policy of the day.
    expect(
      await knex('pe_derivation_state').select(
        'entity_ref',
        'policy_revision',
        'last_seq',
      ),
    ).toEqual([
      {
        entity_ref: 'component:default/payments',
        policy_revision: -1,
        last_seq: expect.anything(),
      },
    ]);

    // Its events are as append-only as new ones.
    await expect(knex('pe_events').update({ data: '{}' })).rejects.toThrow(
      /pe_events is append-only/,
    );

    // Derived text grows with the ids senders choose: no length, and the
    // id alone keeps a natural key unique.
    const long = {
      id: '00000000-0000-5000-8000-000000000002',
      natural_key: `flag-disable:${'k'.repeat(700)}`,
      entity_ref: 'component:default/payments',
      kind: 'flag-disable',
      name: `Emergency disable of ${'€'.repeat(400)}`,
      reason: 'r',
      links: '{}',
      opened_at: at,
      fingerprint: 'f'.repeat(64),
      updated_at: at,
    };
    await knex('pe_exceptions').insert(long);
    await knex('pe_tasks').insert({
      exception_id: long.id,
      key: `gap:${'g'.repeat(255)}`,
      position: 0,
      title: '漢'.repeat(500),
      role: 'developer',
      due_at: at,
    });
    await expect(
      knex('pe_exceptions').insert({
        ...long,
        natural_key: 'hotfix:component:default/payments:1',
      }),
    ).rejects.toThrow(); // the same id
    await knex('pe_tasks').where({ exception_id: long.id }).delete();
    await knex('pe_exceptions').where({ id: long.id }).delete();

    // Undoing the move of the state puts it back on the exception.
    await knex('pe_exception_states').update({ status: 'overdue' });
    await knex.migrate.down(config); // the ledger's seals
    expect(await knex.schema.hasColumn('pe_events', 'seal')).toBe(false);
    await knex.migrate.down(config); // the evidence export's indexes
    await knex.migrate.down(config); // the task's closing event
    expect(await knex.schema.hasColumn('pe_tasks', 'done_seq')).toBe(false);
    await knex.migrate.down(config); // maintenance failures
    expect(await knex.schema.hasTable('pe_maintenance_failures')).toBe(false);
    await knex.migrate.down(config); // the inbox
    expect(await knex.schema.hasTable('pe_inbox')).toBe(false);
    await knex.migrate.down(config); // provenance
    expect(await knex.schema.hasColumn('pe_events', 'provenance')).toBe(false);
    // The guard still holds without the column.
    await expect(knex('pe_events').update({ data: '{}' })).rejects.toThrow(
      /pe_events is append-only/,
    );
    await knex.migrate.down(config); // unbounded derived text
    await knex.migrate.down(config); // the append-only triggers
    await knex.migrate.down(config); // the derivation state and rebuilds
    expect(await knex.schema.hasTable('pe_rebuilds')).toBe(false);
    await knex.migrate.down(config); // the correlation index
    expect(await knex.schema.hasTable('pe_event_keys')).toBe(false);
    await knex.migrate.down(config);
    const [exception] = await knex('pe_exceptions').select();
    expect(exception).toMatchObject({ status: 'overdue', backfilled_at: null });
    expect(new Date(exception.deadline)).toEqual(at);
    await knex.destroy();
  });
});
