import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import request from 'supertest';
import { createTestDatabases } from './__testUtils__/databases';
import { processExceptionsPlugin } from './plugin';

const databases = createTestDatabases();

describe.each(databases.eachSupportedId())('plugin on %p', databaseId => {
  it('migrates its database on start and answers /health without credentials', async () => {
    const knex = await databases.init(databaseId);
    const { server } = await startTestBackend({
      features: [
        processExceptionsPlugin,
        mockServices.database.factory({ knex }),
      ],
    });

    const res = await request(server).get('/api/process-exceptions/health');

    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok' });
    expect(await knex.schema.hasTable('pe_events')).toBe(true);
  });
});

describe('plugin configuration', () => {
  it('does not start with a webhook source whose secret is missing, and names the key', async () => {
    await expect(
      startTestBackend({
        features: [
          processExceptionsPlugin,
          mockServices.rootConfig.factory({
            data: {
              processExceptions: { webhooks: { github: {} } },
            },
          }),
        ],
      }),
    ).rejects.toThrow('processExceptions.webhooks.github.secret');
  });
});
