import { mockServices } from '@backstage/backend-test-utils';
import { createTestDatabases } from '../__testUtils__/databases';
import { DatabaseExceptionStore } from './DatabaseExceptionStore';
import { LedgerTransaction } from './ExceptionStore';
import { PIPELINE } from '../__testUtils__/provenance';

const databases = createTestDatabases();
// Only PostgreSQL runs two writers at once; SQLite's single writer cannot deadlock.
const postgres = databases
  .eachSupportedId()
  .filter(([id]) => id.startsWith('POSTGRES'));

/** Resolves once `count` callers are waiting. */
function barrier(count: number) {
  let arrived = 0;
  let release!: () => void;
  const all = new Promise<void>(resolve => (release = resolve));
  return () => {
    arrived += 1;
    if (arrived === count) release();
    return all;
  };
}

describe.each(postgres)('transactions on %p', databaseId => {
  it('runs a transaction again when PostgreSQL breaks a deadlock with it', async () => {
    const knex = await databases.init(databaseId);
    const store = await DatabaseExceptionStore.create({
      database: mockServices.database({ knex }),
    });
    const bothHoldOne = barrier(2);
    let runs = 0;
    // Each takes one service's lock, waits for the other to hold the other
    // service's, then asks for it: a deadlock on the first runs.
    const write = (id: string, first: string, second: string) =>
      store.transaction(async (tx: LedgerTransaction) => {
        runs += 1;
        const firstRun = runs <= 2;
        await tx.appendEvents([
          {
            source: 'api',
            externalId: id,
            type: 'incident.opened',
            entityRef: first,
            subject: first,
            actor: null,
            occurredAt: new Date('2026-11-24T10:00:00Z'),
            receivedAt: new Date('2026-11-24T10:00:00Z'),
            provenance: PIPELINE,
            data: { incidentId: id, severity: 'P1' },
            payload: {},
          },
        ]);
        await tx.lockEntities([first]);
        // The lock goes to the server with the next statement that answers.
        await tx.loadEntityEvents([first]);
        if (firstRun) await bothHoldOne();
        await tx.lockEntities([second]);
        return id;
      });

    const results = await Promise.all([
      write('e-1', 'component:default/a', 'component:default/b'),
      write('e-2', 'component:default/b', 'component:default/a'),
    ]);

    expect(results).toEqual(['e-1', 'e-2']);
    expect(runs).toBe(3); // PostgreSQL rolled one back; it ran again
    // The rolled-back run's event is not in the ledger twice, nor lost.
    expect(
      await knex('pe_events').orderBy('external_id').pluck('external_id'),
    ).toEqual(['e-1', 'e-2']);
  });
});
