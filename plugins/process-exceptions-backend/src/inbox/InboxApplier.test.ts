import { mockServices } from '@backstage/backend-test-utils';
import { fixture } from '../adapters/__testUtils__/fixtures';
import { createTestDatabases } from '../__testUtils__/databases';
import { DatabaseExceptionStore } from '../database/DatabaseExceptionStore';
import { EntityResolver } from '../ingest/EntityResolver';
import { Ingestor } from '../ingest/Ingestor';
import { DEFAULT_POLICY } from '../policy/Policy';
import { DatabaseInbox } from './DatabaseInbox';
import { retryDelayMs } from '../lib/retryDelay';
import { InboxApplier } from './InboxApplier';

const databases = createTestDatabases();
const HOUR = 3600_000;

/** A catalog that is down until told otherwise, then knows every subject. */
class FlakyCatalog implements EntityResolver {
  down = false;
  async resolve(subjects: string[]) {
    if (this.down) throw new Error('catalog unavailable (503)');
    return new Map(subjects.map(s => [s, 'component:default/checkout']));
  }
}

describe.each(databases.eachSupportedId())('the inbox on %p', databaseId => {
  async function setup() {
    const knex = await databases.init(databaseId);
    const store = await DatabaseExceptionStore.create({
      database: mockServices.database({ knex }),
    });
    const catalog = new FlakyCatalog();
    const inbox = new DatabaseInbox(knex);
    const ingestor = new Ingestor({
      store,
      resolver: catalog,
      policy: DEFAULT_POLICY,
      logger: mockServices.logger.mock(),
    });
    const applier = new InboxApplier({
      inbox,
      ingestor,
      policy: DEFAULT_POLICY,
      logger: mockServices.logger.mock(),
      annotationsOf: async () => undefined,
    });
    const ledger = () => knex('pe_events').orderBy('seq').select();
    return { knex, catalog, inbox, applier, ledger };
  }

  const off = () => fixture('launchdarkly/flag-turned-off-production.json');

  it('keeps a delivery through a fault and applies it once on recovery', async () => {
    const { catalog, inbox, applier, ledger } = await setup();
    catalog.down = true;
    const before = Date.now();
    await applier.receive('launchdarkly', off(), {});
    expect(await ledger()).toEqual([]);
    const [pending] = await inbox.list('pending', 10);
    expect(pending).toEqual(
      expect.objectContaining({
        topic: 'launchdarkly',
        attempts: 1,
        lastError: 'Error: catalog unavailable (503)',
      }),
    );
    // Not due again before its backoff.
    expect(await applier.retryDue(new Date())).toBe(0);

    catalog.down = false;
    const later = new Date(Date.now() + HOUR);
    expect(await applier.retryDue(later)).toBe(1);
    expect(await applier.retryDue(later)).toBe(0);
    expect(await inbox.list('pending', 10)).toEqual([]);
    const [event] = await ledger();
    expect(event.type).toBe('flag.changed');
    expect(JSON.parse(event.provenance)).toEqual({
      kind: 'events-topic',
      topic: 'launchdarkly',
    });
    // Received when it arrived, not when the retry applied it.
    expect(new Date(event.received_at).getTime()).toBeLessThan(before + 60_000);

    // The relay delivers it again: still one event.
    await applier.receive('launchdarkly', off(), {});
    expect(await ledger()).toHaveLength(1);
  });

  it('rejects a delivery no adapter can read, with the reason, and never retries it', async () => {
    const { inbox, applier, ledger } = await setup();
    await applier.receive('launchdarkly', { kind: 'flag' }, {});
    const [rejected] = await inbox.list('rejected', 10);
    expect(rejected).toEqual(
      expect.objectContaining({
        topic: 'launchdarkly',
        status: 'rejected',
        nextAttemptAt: null,
        lastError: expect.stringMatching(/^launchdarkly: /),
        payload: { kind: 'flag' },
      }),
    );
    expect(await applier.retryDue(new Date(Date.now() + 24 * HOUR))).toBe(0);
    expect(await ledger()).toEqual([]);
  });

  it('waits longer after each failure, at most an hour', () => {
    expect([0, 1, 2, 3].map(retryDelayMs)).toEqual([
      10_000, 20_000, 40_000, 80_000,
    ]);
    expect(retryDelayMs(30)).toBe(HOUR);
  });
});
