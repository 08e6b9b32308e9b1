import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  TestDatabases,
} from '@backstage/backend-test-utils';
import searchPlugin from '@backstage/plugin-search-backend';
import { searchModuleProcessExceptionsCollator } from './module';
import {
  LEDGER,
  PAYMENTS,
  readPolicy,
  startSeededBackend,
} from './__testUtils__/seededBackend';

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

const PAYMENTS_READER = 'user:default/payments-dev';
const LEDGER_READER = 'user:default/ledger-dev';

describe.each(databases.eachSupportedId())(
  'the search module on %p',
  databaseId => {
    it('makes INC-117 findable in the search backend for whoever may read its service', async () => {
      const scheduler = mockServices.scheduler();
      const { base } = await startSeededBackend({
        knex: await databases.init(databaseId),
        ledgerHotfixes: 3,
        features: [
          searchPlugin,
          searchModuleProcessExceptionsCollator,
          // Nothing runs at start: the test collates after the history is posted.
          createServiceFactory({
            service: coreServices.scheduler,
            deps: {},
            factory: () => scheduler,
          }),
          readPolicy({
            [PAYMENTS_READER]: [PAYMENTS],
            [LEDGER_READER]: [LEDGER],
          }),
          mockServices.rootConfig.factory({
            data: { permission: { enabled: true } },
          }),
        ],
      });
      await scheduler.triggerTask('search_index_process_exception');

      const search = async (userEntityRef: string, term: string) => {
        const res = await fetch(
          `${base}/api/search/query?${new URLSearchParams({ term })}`,
          {
            headers: {
              Authorization: mockCredentials.user.header(userEntityRef),
            },
          },
        );
        expect(res.status).toBe(200);
        const { results } = await res.json();
        return results as Array<{
          type: string;
          document: { title: string; entityRef: string; location: string };
        }>;
      };

      const found = await search(PAYMENTS_READER, 'INC-117');
      expect(found[0]).toMatchObject({
        type: 'process-exception',
        document: {
          title: 'Hotfix for INC-117 on payments-api',
          entityRef: PAYMENTS,
        },
      });
      expect(found.every(r => r.document.entityRef === PAYMENTS)).toBe(true);

      // A change id finds the hotfix too.
      expect((await search(PAYMENTS_READER, 'pr-2118'))[0].document.title).toBe(
        'Hotfix for INC-117 on payments-api',
      );

      // Someone who may read only the ledger sees the ledger's records, not
      // the payments hotfix.
      const ledgerOnly = await search(LEDGER_READER, 'INC-117 hotfix');
      expect(ledgerOnly.length).toBeGreaterThan(0);
      expect(ledgerOnly.every(r => r.document.entityRef === LEDGER)).toBe(true);
    });
  },
);
