import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import processExceptionsPlugin from '@process-exceptions/backstage-plugin-process-exceptions-backend';
import { Router } from 'express';
import { AddressInfo } from 'net';
import { processExceptionsFactRetriever } from './processExceptionsFactRetriever';

const component = (name: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default' },
  spec: { type: 'service', owner: 'group:default/team' },
});
const entities = [component('payments'), component('quiet')];

/** The catalog's HTTP API is another plugin's boundary: a fake that lists the components. */
const fakeCatalogHttp = createBackendPlugin({
  pluginId: 'catalog',
  register(env) {
    env.registerInit({
      deps: { httpRouter: coreServices.httpRouter },
      async init({ httpRouter }) {
        const router = Router();
        router.get('/entities/by-query', (_req, res) => {
          res.json({
            items: entities,
            totalItems: entities.length,
            pageInfo: {},
          });
        });
        httpRouter.use(router);
      },
    });
  },
});

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

describe.each(databases.eachSupportedId())(
  'processExceptionsFactRetriever on %p',
  databaseId => {
    it('returns the facts of seeded process exceptions for every component', async () => {
      const knex = await databases.init(databaseId);
      const { server } = await startTestBackend({
        features: [
          processExceptionsPlugin,
          fakeCatalogHttp,
          mockServices.database.factory({ knex }),
          catalogServiceMock.factory({ entities }),
        ],
      });
      const base = `http://localhost:${
        (server.address() as AddressInfo).port
      }/api`;
      const post = (body: object) =>
        fetch(`${base}/process-exceptions/v1/events`, {
          method: 'POST',
          headers: {
            Authorization: mockCredentials.service.header(),
            'Content-Type': 'application/json',
          },
          body: JSON.stringify(body),
        });
      const daysAgo = (d: number) =>
        new Date(Date.now() - d * 24 * 3600_000).toISOString();
      // A hotfix three days ago (overdue since two days) with no approvals: one finding.
      const res = await post({
        id: 'deploy-1',
        type: 'deployment.finished',
        occurredAt: daysAgo(3),
        entityRef: 'component:default/payments',
        data: {
          deploymentId: '1',
          environment: 'production',
          outcome: 'succeeded',
          labels: ['hotfix'],
        },
      });
      expect(res.status).toBe(201);

      const facts = await processExceptionsFactRetriever.handler({
        config: new ConfigReader({}),
        discovery: {
          getBaseUrl: async id => `${base}/${id}`,
          getExternalBaseUrl: async id => `${base}/${id}`,
        },
        logger: mockServices.logger.mock(),
        auth: mockServices.auth(),
        urlReader: mockServices.urlReader.mock(),
      });

      expect(facts.map(f => [f.entity.name, f.facts])).toEqual([
        [
          'payments',
          {
            openExceptions: 1,
            overdueBackfills: 1,
            onTimeBackfillRate90d: 1,
            unacknowledgedFindings: 1,
            unrecordedExceptions30d: 1,
            daysSinceOldestOverdueBackfill: 2,
          },
        ],
        [
          'quiet',
          {
            openExceptions: 0,
            overdueBackfills: 0,
            onTimeBackfillRate90d: 1,
            unacknowledgedFindings: 0,
            unrecordedExceptions30d: 0,
            daysSinceOldestOverdueBackfill: 0,
          },
        ],
      ]);
    });
  },
);
