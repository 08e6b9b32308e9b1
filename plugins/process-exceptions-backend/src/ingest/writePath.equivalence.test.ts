import { mockServices } from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import { createTestDatabases } from '../__testUtils__/databases';
import { DatabaseExceptionStore } from '../database/DatabaseExceptionStore';
import { DEFAULT_POLICY } from '../policy/Policy';
import { randomLedger, randomOf } from '../rules/__testUtils__/randomLedger';
import { EntityResolver } from './EntityResolver';
import { Ingestor } from './Ingestor';
import { PIPELINE } from '../__testUtils__/provenance';

const databases = createTestDatabases();

/** A catalog that learns entities while the test runs. */
class GrowingCatalog implements EntityResolver {
  readonly known = new Set<string>();
  async resolve(subjects: string[]) {
    return new Map(subjects.filter(s => this.known.has(s)).map(s => [s, s]));
  }
}

/** Everything stored of the derived state, row by row. */
async function derivedRows(knex: Knex) {
  const order = (table: string, ...columns: string[]) =>
    knex(table).orderBy(columns).select();
  const strip = (rows: Array<Record<string, unknown>>) =>
    rows.map(({ updated_at: _, ...rest }) => rest);
  return {
    exceptions: strip(await order('pe_exceptions', 'id')),
    states: strip(await order('pe_exception_states', 'exception_id')),
    tasks: await order('pe_tasks', 'exception_id', 'key'),
    links: await order('pe_exception_events', 'exception_id', 'event_seq'),
    findings: await order('pe_findings', 'id'),
  };
}

describe.each(databases.eachSupportedId())(
  'the write path on %p',
  databaseId => {
    it.each([[1], [2], [3]])(
      'stores what a full replay of every ledger derives (stream %p)',
      async seed => {
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
        const random = randomOf(seed * 104729);
        const services = ['a', 'b', 'c'].map(n => `component:default/${n}`);
        services.slice(0, 2).forEach(ref => catalog.known.add(ref));
        // Service c is unknown to the catalog until halfway.
        const late = services[2];

        const events = services.flatMap(ref => randomLedger(random, ref, 70));
        const stream = events.map(e => ({
          externalId: e.externalId,
          type: e.type,
          occurredAt: e.occurredAt,
          subject: e.entityRef,
          actor: e.actor,
          data: e.data,
          payload: {},
        }));
        // Shuffled, with some events delivered twice.
        for (let i = stream.length - 1; i > 0; i--) {
          const j = random.int(i + 1);
          [stream[i], stream[j]] = [stream[j], stream[i]];
        }
        for (let i = 0; i < 20; i++) {
          stream.splice(random.int(stream.length), 0, random.pick(stream));
        }

        let sent = 0;
        while (sent < stream.length) {
          // A few requests at once, of one to a dozen events each.
          const requests = [];
          for (let n = 1 + random.int(3); n > 0 && sent < stream.length; n--) {
            const size = 1 + random.int(12);
            requests.push(stream.slice(sent, sent + size));
            sent += size;
          }
          await Promise.all(
            requests.map(r => ingestor.ingest('api', r, PIPELINE)),
          );
          if (sent > stream.length / 2 && !catalog.known.has(late)) {
            catalog.known.add(late);
            await ingestor.remapUnmapped();
          }
        }

        const stored = await derivedRows(knex);
        expect(stored.exceptions.length).toBeGreaterThan(5);
        expect(stored.findings.length).toBeGreaterThan(5);
        // The reference: every service's whole ledger, replayed.
        const changes = await store.transaction(tx =>
          ingestor.reevaluate(tx, services),
        );
        expect(changes).toEqual({ exceptions: [], findings: [] });
        expect(await derivedRows(knex)).toEqual(stored);
        await knex.destroy();
      },
    );
  },
);
