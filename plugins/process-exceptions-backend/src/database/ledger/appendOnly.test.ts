import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { createTestDatabases } from '../../__testUtils__/databases';

const migrationsDir = resolvePackagePath(
  '@process-exceptions/backstage-plugin-process-exceptions-backend',
  'migrations',
);

const databases = createTestDatabases();

// Sealing added that an unsealed row's chain position and seal are filled in once.
const REFUSED =
  /append-only: only an unmapped row's entity_ref (and .*)?may be filled in, once/;

describe.each(databases.eachSupportedId())(
  'the append-only ledger on %p',
  databaseId => {
    async function setup() {
      const knex = await databases.init(databaseId);
      await knex.migrate.latest({ directory: migrationsDir });
      const at = new Date('2026-12-01T10:00:00Z');
      const row = (id: string, entityRef: string | null) => ({
        source: 'api',
        external_id: id,
        type: 'deployment.finished',
        entity_ref: entityRef,
        subject: 'payments',
        actor: null,
        occurred_at: at,
        received_at: at,
        data: '{"deploymentId":"1"}',
        payload: '{}',
        provenance: '{"kind":"service","subject":"delivery-pipeline"}',
      });
      await knex('pe_events').insert([
        row('mapped', 'component:default/payments'),
        row('unmapped', null),
      ]);
      const seqs = await knex('pe_events')
        .orderBy('seq')
        .pluck('seq')
        .then(values => values.map(Number));
      await knex('pe_event_keys').insert(
        seqs.map((seq, i) => ({
          event_seq: seq,
          entity_ref: i === 0 ? 'component:default/payments' : null,
          kind: 'deployment',
          value_digest: 'd'.repeat(64),
          value: '1',
        })),
      );
      return { knex, mapped: seqs[0], unmapped: seqs[1] };
    }

    it('refuses to change or delete recorded events', async () => {
      const { knex, mapped, unmapped } = await setup();
      await expect(
        knex('pe_events').where({ seq: mapped }).update({ data: '{}' }),
      ).rejects.toThrow(REFUSED);
      await expect(
        knex('pe_events')
          .where({ seq: mapped })
          .update({ entity_ref: 'component:default/ledger' }),
      ).rejects.toThrow(REFUSED);
      await expect(
        knex('pe_events')
          .where({ seq: unmapped })
          .update({ entity_ref: 'component:default/x', type: 'other' }),
      ).rejects.toThrow(REFUSED);
      // Who delivered it is settled at receipt, even while it is unmapped.
      await expect(
        knex('pe_events').where({ seq: unmapped }).update({
          entity_ref: 'component:default/x',
          provenance: '{"kind":"user","userRef":"user:default/mallory"}',
        }),
      ).rejects.toThrow(REFUSED);
      await expect(
        knex('pe_events').where({ seq: unmapped }).delete(),
      ).rejects.toThrow(REFUSED);
      await expect(
        knex('pe_event_keys').where({ event_seq: mapped }).delete(),
      ).rejects.toThrow(REFUSED);
      await expect(
        knex('pe_event_keys')
          .where({ event_seq: mapped })
          .update({ value: '2' }),
      ).rejects.toThrow(REFUSED);
      // Emptying the table is refused too: TRUNCATE on PostgreSQL, an
      // unconditional delete (SQLite's truncate) there.
      const emptying = databaseId.startsWith('POSTGRES')
        ? knex.raw('truncate pe_events cascade')
        : knex('pe_events').delete();
      await expect(emptying).rejects.toThrow(REFUSED);
      expect(await knex('pe_events').orderBy('seq').pluck('data')).toEqual([
        '{"deploymentId":"1"}',
        '{"deploymentId":"1"}',
      ]);
      expect(await knex('pe_event_keys').count({ n: '*' })).toEqual([
        { n: expect.anything() },
      ]);
    });

    it("fills in an unmapped event's entity once, and its keys' once", async () => {
      const { knex, unmapped } = await setup();
      const payments = 'component:default/payments';
      await knex('pe_events')
        .where({ seq: unmapped })
        .update({ entity_ref: payments });
      await knex('pe_event_keys')
        .where({ event_seq: unmapped })
        .update({ entity_ref: payments });
      expect(
        await knex('pe_events').where({ seq: unmapped }).first('entity_ref'),
      ).toEqual({ entity_ref: payments });

      await expect(
        knex('pe_events')
          .where({ seq: unmapped })
          .update({ entity_ref: 'component:default/ledger' }),
      ).rejects.toThrow(REFUSED);
      await expect(
        knex('pe_event_keys')
          .where({ event_seq: unmapped })
          .update({ entity_ref: null }),
      ).rejects.toThrow(REFUSED);
    });
  },
);
