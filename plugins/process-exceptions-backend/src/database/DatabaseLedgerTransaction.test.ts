import { mockServices } from '@backstage/backend-test-utils';
import { createTestDatabases } from '../__testUtils__/databases';
import { DEFAULT_POLICY } from '../policy/Policy';
import { policyVersion } from '../policy/PolicyVersion';
import { evaluateEntity } from '../rules/evaluateEntity';
import { DatabaseExceptionStore } from './DatabaseExceptionStore';
import { ledgerKey, NewLedgerEvent } from './ExceptionStore';
import { PIPELINE } from '../__testUtils__/provenance';

const databases = createTestDatabases();
const PAYMENTS = 'component:default/payments';
const AT = new Date('2026-12-01T10:00:00Z');

const hotfix = (
  id: string,
  entityRef: string | null = PAYMENTS,
): NewLedgerEvent => ({
  source: 'api',
  externalId: id,
  type: 'deployment.finished',
  entityRef,
  subject: 'payments',
  actor: null,
  occurredAt: AT,
  receivedAt: AT,
  provenance: PIPELINE,
  data: {
    deploymentId: id,
    environment: 'production',
    outcome: 'succeeded',
    labels: ['hotfix'],
    incidentId: 'INC-1',
  },
  payload: { id },
});

describe.each(databases.eachSupportedId())(
  'DatabaseLedgerTransaction on %p',
  databaseId => {
    async function setup() {
      const knex = await databases.init(databaseId);
      const store = await DatabaseExceptionStore.create({
        database: mockServices.database({ knex }),
      });
      return { knex, store };
    }

    describe('appendEvents', () => {
      it('records each (source, id) once and indexes what it recorded', async () => {
        const { knex, store } = await setup();
        const first = await store.transaction(tx =>
          tx.appendEvents([hotfix('d-1'), hotfix('d-1'), hotfix('d-2')]),
        );
        expect([...first.keys()].sort()).toEqual([
          ledgerKey('api', 'd-1'),
          ledgerKey('api', 'd-2'),
        ]);
        const again = await store.transaction(tx =>
          tx.appendEvents([hotfix('d-2')]),
        );
        expect(again.size).toBe(0);
        expect(await store.countEvents()).toBe(2);
        const kinds = await knex('pe_event_keys')
          .where({ event_seq: first.get(ledgerKey('api', 'd-1')) })
          .orderBy('kind')
          .pluck('kind');
        expect([...new Set(kinds)]).toEqual([
          'deployment',
          'exception',
          'incident',
        ]);
        // one key per exception or finding the hotfix can derive
        expect(kinds.filter(k => k === 'exception').length).toBeGreaterThan(1);
      });
    });

    describe('loadEntityEvents and loadCases', () => {
      it('reads a whole ledger, or the case of some of its events with what it derived', async () => {
        const { store } = await setup();
        await store.transaction(tx =>
          tx.appendEvents([
            hotfix('d-1'),
            hotfix('d-2'),
            { ...hotfix('other'), data: { deploymentId: 'other' } },
          ]),
        );
        const whole = await store.transaction(tx =>
          tx.loadEntityEvents([PAYMENTS]),
        );
        expect(whole.get(PAYMENTS)?.map(e => e.externalId)).toEqual([
          'd-1',
          'd-2',
          'other',
        ]);
        const saved = await store.transaction(tx =>
          tx.saveEntityStates(
            new Map([
              [
                PAYMENTS,
                evaluateEntity(DEFAULT_POLICY, whole.get(PAYMENTS)!, AT),
              ],
            ]),
          ),
        );
        // d-1 and d-2 share their incident; `other` shares nothing.
        const cases = await store.transaction(tx =>
          tx.loadCases([whole.get(PAYMENTS)![0]]),
        );
        expect(cases.events.get(PAYMENTS)?.map(e => e.externalId)).toEqual([
          'd-1',
          'd-2',
        ]);
        const hotfixes = saved.exceptions.filter(c => c.kind === 'hotfix');
        expect(hotfixes).toHaveLength(2);
        expect([...cases.stored.exceptions.keys()].sort()).toEqual(
          hotfixes.map(c => c.id).sort(),
        );
      });
    });

    describe('saveEntityStates', () => {
      it('opens, keeps and withdraws derived rows by fingerprint', async () => {
        const { store } = await setup();
        const save = () =>
          store.transaction(async tx => {
            const events = await tx.loadEntityEvents([PAYMENTS]);
            const state = evaluateEntity(
              DEFAULT_POLICY,
              events.get(PAYMENTS) ?? [],
              AT,
            );
            return tx.saveEntityStates(new Map([[PAYMENTS, state]]));
          });
        await store.transaction(tx => tx.appendEvents([hotfix('d-1')]));
        const opened = await save();
        expect(opened.exceptions.map(c => [c.kind, c.change])).toEqual([
          ['hotfix', 'opened'],
        ]);
        const kept = await save();
        expect(kept).toEqual({ exceptions: [], findings: [] });
        expect((await store.listExceptions({ limit: 5 })).items).toHaveLength(
          1,
        );
      });
    });

    describe('mapSubject and indexEntityEvents', () => {
      it("fills in unmapped events' entity once, and their keys with it", async () => {
        const { knex, store } = await setup();
        const seqs = await store.transaction(tx =>
          tx.appendEvents([hotfix('u-1', null)]),
        );
        const seq = seqs.get(ledgerKey('api', 'u-1'))!;
        const mapped = await store.transaction(tx =>
          tx.mapSubject('payments', PAYMENTS),
        );
        expect(mapped.map(e => [e.seq, e.entityRef])).toEqual([
          [seq, PAYMENTS],
        ]);
        expect(
          await store.transaction(tx => tx.mapSubject('payments', PAYMENTS)),
        ).toEqual([]);
        const keys = await knex('pe_event_keys')
          .where({ event_seq: seq })
          .select('entity_ref', 'kind');
        expect(new Set(keys.map(k => k.entity_ref))).toEqual(
          new Set([PAYMENTS]),
        );
        // Indexing again adds nothing it already has.
        const events = await store.transaction(tx =>
          tx.loadEntityEvents([PAYMENTS]),
        );
        await store.transaction(tx =>
          tx.indexEntityEvents(PAYMENTS, events.get(PAYMENTS)!),
        );
        expect(
          Number(
            (
              await knex('pe_event_keys')
                .where({ event_seq: seq })
                .count({ n: '*' })
            )[0].n,
          ),
        ).toBe(keys.length);
      });
    });

    describe('derivationOf, recordDerivation and noteCasesDerived', () => {
      it('records the policy a service was derived with, and only ever lowers it from a write', async () => {
        const { store } = await setup();
        const v0 = policyVersion(DEFAULT_POLICY, 0);
        const v2 = policyVersion(DEFAULT_POLICY, 2);
        expect(
          await store.transaction(tx => tx.derivationOf(PAYMENTS)),
        ).toBeUndefined();
        await store.transaction(tx => tx.recordDerivation(PAYMENTS, v2, 7));
        expect(
          await store.transaction(tx => tx.derivationOf(PAYMENTS)),
        ).toEqual(v2);
        await store.transaction(tx =>
          tx.noteCasesDerived([PAYMENTS, 'component:default/new'], v0),
        );
        expect(
          await store.transaction(tx => tx.derivationOf(PAYMENTS)),
        ).toEqual(v0);
        expect(
          await store.transaction(tx =>
            tx.derivationOf('component:default/new'),
          ),
        ).toEqual(v0);
        await store.transaction(tx => tx.noteCasesDerived([PAYMENTS], v2));
        expect(
          await store.transaction(tx => tx.derivationOf(PAYMENTS)),
        ).toEqual(v0);
      });
    });
  },
);
