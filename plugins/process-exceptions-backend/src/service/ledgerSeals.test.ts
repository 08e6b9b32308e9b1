import { cliAgainst } from '../__testUtils__/cli';
import { Knex } from 'knex';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabases } from '../__testUtils__/databases';
import { component, event, startApi } from '../__testUtils__/testBackend';

const databases = createTestDatabases();

const SEALED = {
  processExceptions: {
    ledger: { sealingKey: 'a-test-sealing-key-of-at-least-32-characters' },
  },
};

const deployment = (id: string, entity = 'payments') =>
  event(
    'deployment.finished',
    { deploymentId: id, environment: 'production', outcome: 'succeeded' },
    { entity },
  );
const review = (changeId: string) =>
  event('change.reviewed', {
    changeId,
    reviewer: 'user:default/ada',
    decision: 'approved',
  });

/** Runs `sql` with the ledger's append-only guard out of the way, as an intruder would. */
async function unguarded(knex: Knex, sql: string, bindings: unknown[] = []) {
  if (knex.client.config.client === 'pg') {
    await knex.transaction(async tx => {
      await tx.raw("set local session_replication_role = 'replica'");
      await tx.raw(sql, bindings as Knex.RawBinding[]);
    });
    return;
  }
  for (const trigger of ['pe_events_fill_once', 'pe_chain_heads_no_delete']) {
    await knex.raw(`drop trigger if exists ${trigger}`);
  }
  await knex.raw(sql, bindings as Knex.RawBinding[]);
}

const positions = (knex: Knex) =>
  knex('pe_events')
    .orderBy('seq')
    .pluck('chain_position')
    .then(p => p.map(v => (v === null ? null : Number(v))));

describe.each(databases.eachSupportedId())(
  'the sealed ledger on %p',
  databaseId => {
    it('seals events into a chain as they commit and verifies it', async () => {
      const api = await startApi(databases, databaseId, { config: SEALED });
      await api.post({
        events: [deployment('d-1'), review('c-1'), deployment('d-2')],
      });
      let verified = await api.get('/v1/ledger/verify');
      expect(verified.status).toBe(200);
      expect(verified.body).toMatchObject({
        ok: true,
        sealedEvents: 0,
        unsealedEvents: 3,
        head: null,
      });

      await api.runMaintenance();
      expect(await positions(api.knex)).toEqual([1, 2, 3]);
      verified = await api.get('/v1/ledger/verify');
      expect(verified.body).toMatchObject({
        ok: true,
        sealedEvents: 3,
        unsealedEvents: 0,
        head: { position: 3, seal: expect.stringMatching(/^[0-9a-f]{64}$/) },
        mismatch: null,
        against: null,
      });

      // The entity filled in later is not sealed: mapping an unmapped event keeps the chain.
      const later = { external_id: 'later-1' };
      await api.post({
        events: [{ ...deployment('d-3', 'later'), id: 'later-1' }],
      });
      await api.runMaintenance();
      expect(await api.knex('pe_events').where(later).first()).toMatchObject({
        entity_ref: null,
        chain_position: expect.anything(),
      });
      api.register(component('later', 'group:default/payments-team'));
      await api.runMaintenance();
      verified = await api.get('/v1/ledger/verify');
      expect(verified.body).toMatchObject({
        ok: true,
        sealedEvents: 4,
        head: { position: 4 },
      });
      expect(await api.knex('pe_events').where(later).first()).toMatchObject({
        entity_ref: 'component:default/later',
      });
    });

    it('refuses to change a seal once given, even with the rest unchanged', async () => {
      const api = await startApi(databases, databaseId, { config: SEALED });
      await api.post({ events: [deployment('d-1')] });
      await api.runMaintenance();
      await expect(
        api.knex('pe_events').update({ seal: 'f'.repeat(64) }),
      ).rejects.toThrow(/append-only/);
      await expect(
        api.knex('pe_events').update({ chain_position: 7 }),
      ).rejects.toThrow(/append-only/);
      await expect(api.knex('pe_chain_heads').delete()).rejects.toThrow(
        /pe_chain_heads is append-only/,
      );
    });

    it('reports the first event whose content no longer matches its seal', async () => {
      const api = await startApi(databases, databaseId, { config: SEALED });
      await api.post({
        events: [deployment('d-1'), review('c-1'), deployment('d-2')],
      });
      await api.runMaintenance();
      await unguarded(
        api.knex,
        `update pe_events set data = ? where chain_position = 2`,
        [
          '{"changeId":"c-1","reviewer":"user:default/ada","decision":"dismissed"}',
        ],
      );

      const verified = await api.get('/v1/ledger/verify');
      expect(verified.status).toBe(200);
      const id = (
        await api.knex('pe_events').where({ chain_position: 2 }).first()
      ).external_id;
      expect(verified.body).toMatchObject({
        ok: false,
        sealedEvents: 1,
        mismatch: {
          position: 2,
          problem: 'content',
          event: { source: 'api', id },
        },
      });
      expect(verified.body.mismatch.message).toContain(id);
    });

    it('reports an event moved to another place in the chain', async () => {
      const api = await startApi(databases, databaseId, { config: SEALED });
      await api.post({ events: [deployment('d-1'), deployment('d-2')] });
      await api.runMaintenance();
      await unguarded(
        api.knex,
        'update pe_events set chain_position = 5 where chain_position = 2',
      );
      const verified = await api.get('/v1/ledger/verify');
      expect(verified.body.mismatch).toMatchObject({
        position: 2,
        problem: 'order',
      });
    });

    it('shows against an earlier export what the chain alone cannot: an edited event sealed anew', async () => {
      const api = await startApi(databases, databaseId, { config: SEALED });
      await api.post({
        events: [deployment('d-1'), review('c-1'), deployment('d-2')],
      });
      await api.runMaintenance();
      const from = new Date(Date.now() - 86_400_000).toISOString();
      const to = new Date(Date.now() + 60_000).toISOString();
      const json = await api.get(
        `/v1/evidence?from=${from}&to=${to}&format=json`,
      );
      const head = await api.get('/v1/ledger/verify');
      expect(json.body.chainHeads).toEqual([head.body.head]);
      const csv = await api.get(`/v1/evidence?from=${from}&to=${to}`);
      const dir = await mkdtemp(join(tmpdir(), 'pe-export-'));
      const csvFile = join(dir, 'evidence.csv');
      const jsonFile = join(dir, 'evidence.json');
      await writeFile(csvFile, csv.text);
      await writeFile(jsonFile, JSON.stringify(json.body, null, 2));

      let run = await cliAgainst(api.server, ['verify', '--against', csvFile]);
      expect(run.code).toBe(0);
      expect(run.stdout).toContain(
        'export matches: Nothing sealed up to position 3 changed since the export',
      );

      // An intruder edits the last event, clears its seal and its head,
      // and lets the portal seal it again: the chain is whole once more.
      await unguarded(
        api.knex,
        `update pe_events set data = ?, chain_position = null, seal = null where chain_position = 3`,
        [
          '{"deploymentId":"d-2","environment":"staging","outcome":"succeeded"}',
        ],
      );
      await unguarded(api.knex, 'delete from pe_chain_heads');
      await api.runMaintenance();
      const alone = await api.get('/v1/ledger/verify');
      expect(alone.body).toMatchObject({ ok: true, sealedEvents: 3 });

      for (const file of [csvFile, jsonFile]) {
        run = await cliAgainst(api.server, ['verify', '--against', file]);
        expect(run.code).toBe(5);
        expect(run.stdout).toContain(
          'export does NOT match: The chain at position 3 no longer has the seal the export recorded',
        );
      }
      const against = await api.get(
        `/v1/ledger/verify?position=3&seal=${
          json.body.chainHeads[0].seal
        }&signature=${'0'.repeat(64)}`,
      );
      expect(against.body).toMatchObject({
        ok: false,
        against: {
          position: 3,
          matches: false,
          message: expect.stringContaining('not signed with this portal'),
        },
      });
    });

    it('refuses a head to check against given in part, and answers 409 while not sealing', async () => {
      const sealed = await startApi(databases, databaseId, { config: SEALED });
      const partial = await sealed.get('/v1/ledger/verify?position=3');
      expect(partial.status).toBe(400);
      expect(partial.body.error.message).toContain(
        'needs position, seal and signature',
      );
      const unsealed = await startApi(databases, databaseId);
      const off = await unsealed.get('/v1/ledger/verify');
      expect(off.status).toBe(409);
      expect(off.body.error.message).toContain(
        'processExceptions.ledger.sealingKey',
      );
    });
  },
);
