import { mockServices } from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import { createTestDatabases } from '../__testUtils__/databases';
import { DatabaseExceptionStore } from './DatabaseExceptionStore';
import { NewLedgerEvent } from './ExceptionStore';
import { appendedEvents } from './ledgerRows';

const databases = createTestDatabases();
const SERVICE = 'component:default/payments';

function incident(id: string, minute: number): NewLedgerEvent {
  return {
    source: 'api',
    externalId: id,
    type: 'incident.opened',
    entityRef: SERVICE,
    subject: SERVICE,
    actor: null,
    occurredAt: new Date(Date.UTC(2026, 10, 24, 10, minute)),
    data: { incidentId: id, severity: 'P1', title: `Title of ${id}` },
    payload: {},
  };
}

/** Appends events and returns the service's ledger as a re-evaluation reads it. */
async function appendAndLoad(
  store: DatabaseExceptionStore,
  events: NewLedgerEvent[],
  fail = false,
) {
  return store.transaction(async tx => {
    const appended = appendedEvents(events, await tx.appendEvents(events));
    await tx.lockEntities([SERVICE]);
    const ledger = (await tx.loadEntityEvents([SERVICE], appended)).get(
      SERVICE,
    );
    if (fail) throw new Error('the transaction fails after reading');
    return (ledger ?? []).map(
      e => `${e.externalId}: ${String((e.data as { title?: string }).title)}`,
    );
  });
}

describe.each(databases.eachSupportedId())(
  'ledgers held in memory on %p',
  databaseId => {
    let knex: Knex;
    const replica = (ledgerCacheEvents?: number) =>
      DatabaseExceptionStore.create({
        database: mockServices.database({ knex }),
        ledgerCacheEvents,
      });

    beforeEach(async () => {
      knex = await databases.init(databaseId);
    });

    it('reads a ledger again once another replica has added to it', async () => {
      const [one, two] = [await replica(), await replica()];
      expect(await appendAndLoad(one, [incident('INC-1', 1)])).toEqual([
        'INC-1: Title of INC-1',
      ]);
      await appendAndLoad(two, [incident('INC-2', 2)]);
      expect(await appendAndLoad(one, [incident('INC-3', 3)])).toEqual([
        'INC-1: Title of INC-1',
        'INC-2: Title of INC-2',
        'INC-3: Title of INC-3',
      ]);
    });

    it('holds nothing of a transaction that rolled back', async () => {
      const [one, two] = [await replica(), await replica()];
      await expect(
        appendAndLoad(one, [incident('INC-1', 1)], true),
      ).rejects.toThrow('the transaction fails after reading');
      // As many rows as a kept rolled-back ledger would expect: only a count
      // would not tell them apart.
      await appendAndLoad(two, [incident('INC-2', 2)]);
      expect(await appendAndLoad(one, [incident('INC-3', 3)])).toEqual([
        'INC-2: Title of INC-2',
        'INC-3: Title of INC-3',
      ]);
    });

    it('does not read again a ledger it holds that has not grown, unless told to hold none', async () => {
      const [caching, reading] = [await replica(), await replica(0)];
      await appendAndLoad(caching, [incident('INC-1', 1)]);
      await appendAndLoad(reading, [incident('INC-2', 2)]);
      await appendAndLoad(caching, [incident('INC-3', 3)]);
      // Behind both replicas' backs (the product never rewrites the ledger).
      await knex('pe_events')
        .where({ external_id: 'INC-1' })
        .update({
          data: JSON.stringify({ incidentId: 'INC-1', title: 'new' }),
        });

      expect(await appendAndLoad(caching, [incident('INC-4', 4)])).toEqual([
        'INC-1: Title of INC-1',
        'INC-2: Title of INC-2',
        'INC-3: Title of INC-3',
        'INC-4: Title of INC-4',
      ]);
      expect(await appendAndLoad(reading, [incident('INC-5', 5)])).toEqual([
        'INC-1: new',
        'INC-2: Title of INC-2',
        'INC-3: Title of INC-3',
        'INC-4: Title of INC-4',
        'INC-5: Title of INC-5',
      ]);
    });
  },
);
