import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import { createTestDatabases } from '../../__testUtils__/databases';
import { splitIntoCases } from '../../rules/cases';
import { randomLedger, randomOf } from '../../rules/__testUtils__/randomLedger';
import { DatabaseExceptionStore } from '../DatabaseExceptionStore';
import { PIPELINE } from '../../__testUtils__/provenance';

const databases = createTestDatabases();
const migrationsDir = resolvePackagePath(
  '@process-exceptions/backstage-plugin-process-exceptions-backend',
  'migrations',
);

describe.each(databases.eachSupportedId())(
  'the correlation index on %p',
  databaseId => {
    it('finds through the stored keys the cases the rules split a ledger into', async () => {
      const knex = await databases.init(databaseId);
      const store = await DatabaseExceptionStore.create({
        database: mockServices.database({ knex }),
      });
      const random = randomOf(4242);
      const services = ['a', 'b', 'c'].map(n => `component:default/${n}`);
      // The same ids in every service: cases must still stop at the service.
      const ledgers = services.map(ref => randomLedger(random, ref, 60));
      const seqOf = new Map<string, number>();
      await store.transaction(async tx => {
        const recorded = await tx.appendEvents(
          ledgers.flat().map(e => ({
            source: 'api',
            externalId: e.externalId,
            type: e.type,
            entityRef: e.entityRef,
            subject: e.entityRef,
            actor: e.actor,
            occurredAt: e.occurredAt,
            receivedAt: e.occurredAt,
            provenance: PIPELINE,
            data: e.data,
            payload: {},
          })),
        );
        for (const [key, seq] of recorded)
          seqOf.set(key.split('\u0000')[1], seq);
      });

      for (const ledger of ledgers) {
        const stored = ledger.map(e => ({
          ...e,
          seq: seqOf.get(e.externalId)!,
        }));
        for (const expected of splitIntoCases(stored).slice(0, 5)) {
          const found = await store.transaction(tx =>
            tx.loadCases([expected[0]]),
          );
          expect([...found.events.keys()]).toEqual([stored[0].entityRef]);
          const seqs = (found.events.get(stored[0].entityRef) ?? []).map(
            e => e.seq,
          );
          expect(seqs.sort((x, y) => x - y)).toEqual(
            expected.map(e => e.seq).sort((x, y) => x - y),
          );
        }
      }
    });

    it('gives an unmapped event the keys that depend on its service once it is mapped', async () => {
      const knex = await databases.init(databaseId);
      const store = await DatabaseExceptionStore.create({
        database: mockServices.database({ knex }),
      });
      const deployment = (id: string, entityRef: string | null) => ({
        source: 'api',
        externalId: id,
        type: 'deployment.finished',
        entityRef,
        subject: 'checkout',
        actor: null,
        occurredAt: new Date('2026-11-24T10:00:00Z'),
        receivedAt: new Date('2026-11-24T10:00:00Z'),
        provenance: PIPELINE,
        data: {
          deploymentId: id,
          environment: 'production',
          outcome: 'succeeded',
          changeIds: ['PR-1'],
        },
        payload: {},
      });
      const ref = 'component:default/checkout';
      await store.transaction(tx => tx.appendEvents([deployment('D-1', null)]));
      const before = await knex('pe_event_keys').orderBy(['kind', 'value']);
      expect(before.map(k => [k.kind, k.entity_ref])).toEqual([
        ['change', null],
        ['deployment', null],
      ]);

      await store.transaction(tx => tx.mapSubject('checkout', ref));
      await store.transaction(tx => tx.appendEvents([deployment('D-2', ref)]));
      const after = await knex('pe_event_keys').orderBy(['event_seq', 'kind']);
      // change, deployment, and the hotfix and three finding ids, each.
      expect(after).toHaveLength(12);
      expect(new Set(after.map(k => k.entity_ref))).toEqual(new Set([ref]));
      const found = await store.transaction(async tx =>
        tx.loadCases((await tx.loadEntityEvents([ref])).get(ref)!.slice(0, 1)),
      );
      // Both list PR-1: one case.
      expect(found.events.get(ref)).toHaveLength(2);
    });

    it('indexes the events recorded before the index existed when the plugin starts', async () => {
      const knex = await databases.init(databaseId);
      const config = { directory: migrationsDir };
      // The schema of the release before the index.
      await knex.migrate.up(config);
      await knex.migrate.up(config);
      await knex.migrate.up(config);
      await knex.migrate.up(config);
      await knex('pe_events').insert({
        source: 'api',
        external_id: 'old-1',
        type: 'incident.opened',
        entity_ref: 'component:default/checkout',
        subject: 'component:default/checkout',
        actor: null,
        occurred_at: new Date('2026-11-01T10:00:00Z'),
        received_at: new Date('2026-11-01T10:00:00Z'),
        data: JSON.stringify({ incidentId: 'INC-1', severity: 'P0' }),
        payload: '{}',
      });

      await DatabaseExceptionStore.create({
        database: mockServices.database({ knex }),
      });
      expect(
        await knex('pe_event_keys').select('kind', 'value', 'entity_ref'),
      ).toEqual([
        {
          kind: 'incident',
          value: 'INC-1',
          entity_ref: 'component:default/checkout',
        },
      ]);
    });
  },
);
