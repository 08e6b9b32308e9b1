import { mockServices } from '@backstage/backend-test-utils';
import { createTestDatabases } from '../__testUtils__/databases';
import { DatabaseExceptionStore } from '../database/DatabaseExceptionStore';
import { DEFAULT_POLICY } from '../policy/Policy';
import { EntityResolver } from './EntityResolver';
import { Ingestor } from './Ingestor';
import { DatabaseMaintenanceFailures } from '../maintenance/DatabaseMaintenanceFailures';
import { PIPELINE } from '../__testUtils__/provenance';

const databases = createTestDatabases();

/** A catalog that learns entities while the test runs. */
class GrowingCatalog implements EntityResolver {
  readonly known = new Set<string>();
  async resolve(subjects: string[]) {
    return new Map(subjects.filter(s => this.known.has(s)).map(s => [s, s]));
  }
}

const HOUR = 3600_000;

describe.each(databases.eachSupportedId())('Ingestor on %p', databaseId => {
  async function setup() {
    const knex = await databases.init(databaseId);
    const store = await DatabaseExceptionStore.create({
      database: mockServices.database({ knex }),
    });
    const catalog = new GrowingCatalog();
    const ingestor = new Ingestor({
      store,
      resolver: catalog,
      policy: DEFAULT_POLICY,
      logger: mockServices.logger.mock(),
    });
    return { knex, store, catalog, ingestor };
  }

  const deployment = (id: string, occurredAt: Date) => ({
    externalId: id,
    type: 'deployment.finished',
    occurredAt,
    subject: 'component:default/new-service',
    actor: null,
    data: {
      deploymentId: id,
      environment: 'production',
      outcome: 'succeeded',
      labels: ['hotfix'],
    },
    payload: {},
  });

  it('applies kept unmapped events once the catalog can resolve their service', async () => {
    const { store, catalog, ingestor } = await setup();
    const [outcome] = await ingestor.ingest(
      'api',
      [deployment('d-1', new Date())],
      PIPELINE,
    );
    expect(outcome).toEqual(
      expect.objectContaining({ status: 'recorded', unmapped: true }),
    );
    expect((await store.listExceptions({ limit: 10 })).items).toEqual([]);

    expect(await ingestor.remapUnmapped()).toBe(0); // still unknown
    catalog.known.add('component:default/new-service');
    expect(await ingestor.remapUnmapped()).toBe(1);

    const { items } = await store.listExceptions({ limit: 10 });
    expect(items.map(e => [e.entityRef, e.kind])).toEqual([
      ['component:default/new-service', 'hotfix'],
    ]);
    expect(await store.listUnmappedEvents(10)).toEqual([]);
  });

  it('applies the other unmapped services when one fails, and that one on the next run', async () => {
    const { store, catalog, ingestor } = await setup();
    const on = (id: string, subject: string) => ({
      ...deployment(id, new Date()),
      subject,
    });
    await ingestor.ingest(
      'api',
      [on('d-a', 'component:default/a'), on('d-b', 'component:default/b')],
      PIPELINE,
    );
    catalog.known.add('component:default/a');
    catalog.known.add('component:default/b');
    // The first subject's transaction fails, as a poison event's would.
    const transaction = store.transaction.bind(store);
    const spy = jest
      .spyOn(store, 'transaction')
      .mockRejectedValueOnce(new Error('value too long'))
      .mockImplementation(transaction);
    expect(await ingestor.remapUnmapped()).toBe(1);
    expect(await store.listUnmappedEvents(10)).toHaveLength(1);
    expect(await ingestor.remapUnmapped()).toBe(1);
    expect(await store.listUnmappedEvents(10)).toEqual([]);
    const { items } = await store.listExceptions({ limit: 10 });
    expect(items.map(e => e.entityRef).sort()).toEqual([
      'component:default/a',
      'component:default/b',
    ]);
    spy.mockRestore();
  });

  it('leaves a failing subject to its backoff and lists it until it applies', async () => {
    const { knex, store, catalog, ingestor } = await setup();
    const failures = new DatabaseMaintenanceFailures(knex);
    await ingestor.ingest('api', [deployment('d-1', new Date())], PIPELINE);
    catalog.known.add('component:default/new-service');
    const transaction = store.transaction.bind(store);
    const spy = jest
      .spyOn(store, 'transaction')
      .mockRejectedValueOnce(new Error('value too long'))
      .mockImplementation(transaction);
    const now = new Date();
    expect(await ingestor.remapUnmapped({ failures, now })).toBe(0);
    expect((await failures.list(10)).map(f => [f.kind, f.target])).toEqual([
      ['subject', 'component:default/new-service'],
    ]);
    // Within the backoff the subject is not tried again.
    expect(await ingestor.remapUnmapped({ failures, now })).toBe(0);
    expect(spy).toHaveBeenCalledTimes(1);
    const later = new Date(now.getTime() + 10_000);
    expect(await ingestor.remapUnmapped({ failures, now: later })).toBe(1);
    expect(await failures.list(10)).toEqual([]);
    spy.mockRestore();
  });

  it('marks exceptions overdue in one statement, once, even when two replicas sweep together', async () => {
    const { store, catalog, ingestor } = await setup();
    catalog.known.add('component:default/new-service');
    const now = Date.now();
    await ingestor.ingest(
      'api',
      [
        deployment('due-soon', new Date(now - 23 * HOUR)), // due in 1 h
        deployment('due-later', new Date(now - 1 * HOUR)), // due in 23 h
      ],
      PIPELINE,
    );
    const inTwoHours = new Date(now + 2 * HOUR);
    const [a, b] = await Promise.all([
      store.markOverdue(inTwoHours),
      store.markOverdue(inTwoHours),
    ]);
    expect(a + b).toBe(1);
    const { items } = await store.listExceptions({
      status: 'overdue',
      limit: 10,
    });
    expect(items.map(e => e.links.deployment)).toEqual(['due-soon']);
    expect(await store.markOverdue(inTwoHours)).toBe(0);
  });

  it('derives from what another replica recorded for the service since its own last batch', async () => {
    const knex = await databases.init(databaseId);
    const replica = async () => {
      const store = await DatabaseExceptionStore.create({
        database: mockServices.database({ knex }),
      });
      const catalog = new GrowingCatalog();
      catalog.known.add('component:default/new-service');
      const ingestor = new Ingestor({
        store,
        resolver: catalog,
        policy: DEFAULT_POLICY,
        logger: mockServices.logger.mock(),
      });
      return { store, ingestor };
    };
    const [one, two] = [await replica(), await replica()];
    const now = Date.now();
    // Batches large enough to take the batch path, which reuses ledgers.
    const minorIncidents = (prefix: string) =>
      Array.from({ length: 80 }, (_, i) => ({
        ...deployment(`${prefix}-${i}`, new Date(now - 10 * HOUR)),
        type: 'incident.opened',
        data: { incidentId: `${prefix}-${i}`, severity: 'P3' },
      }));
    await one.ingestor.ingest('api', minorIncidents('early'), PIPELINE);
    await two.ingestor.ingest(
      'api',
      [
        {
          ...deployment('INC-9', new Date(now - 3 * HOUR)),
          type: 'incident.opened',
          data: { incidentId: 'INC-9', severity: 'P0', title: 'Checkout down' },
        },
      ],
      PIPELINE,
    );
    const fix = deployment('fix', new Date(now - 2 * HOUR));
    await one.ingestor.ingest(
      'api',
      [
        ...minorIncidents('late'),
        { ...fix, data: { ...fix.data, incidentId: 'INC-9' } },
      ],
      PIPELINE,
    );

    const { items } = await one.store.listExceptions({ limit: 10 });
    expect(items).toEqual([
      expect.objectContaining({
        kind: 'hotfix',
        name: 'Hotfix for INC-9 on new-service',
        reason: 'Checkout down',
      }),
    ]);
  });

  it('stores what the ledger read back derives, also from events appended in the same request', async () => {
    const { store, catalog, ingestor } = await setup();
    catalog.known.add('component:default/new-service');
    const now = Date.now();
    const first = deployment('first', new Date(now - 5 * HOUR));
    await ingestor.ingest('api', [first], PIPELINE);
    // Earlier than what is stored, twice in one request, beside a duplicate.
    const earlier = deployment('earlier', new Date(now - 7 * HOUR));
    const outcomes = await ingestor.ingest(
      'api',
      [earlier, earlier, first, deployment('later', new Date(now - HOUR))],
      PIPELINE,
    );
    expect(outcomes.map(o => o.status)).toEqual([
      'recorded',
      'duplicate',
      'duplicate',
      'recorded',
    ]);
    const again = await store.transaction(tx =>
      ingestor.reevaluate(tx, ['component:default/new-service']),
    );
    expect(again).toEqual({ exceptions: [], findings: [] });
    const { items } = await store.listExceptions({ limit: 10 });
    expect(items.map(e => e.links.deployment).sort()).toEqual([
      'earlier',
      'first',
      'later',
    ]);
  });
});
