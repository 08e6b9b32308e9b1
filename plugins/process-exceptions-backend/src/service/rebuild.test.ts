import { mockCredentials } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { cliAgainst } from '../__testUtils__/cli';
import { createTestDatabases } from '../__testUtils__/databases';
import { event, startApi } from '../__testUtils__/testBackend';

const databases = createTestDatabases();

const hotfix = (id: string) =>
  event('deployment.finished', {
    deploymentId: id,
    environment: 'production',
    outcome: 'succeeded',
    labels: ['hotfix'],
  });

describe.each(databases.eachSupportedId())(
  'the rebuild API on %p',
  databaseId => {
    it('starts a rebuild, reports its progress and lists it', async () => {
      const api = await startApi(databases, databaseId);
      await api.post({ events: [hotfix('d-1'), hotfix('d-2')] });

      const started = await api.postAsUser('/v1/admin/rebuilds', {});
      expect(started.status).toBe(202);
      expect(started.body).toEqual(
        expect.objectContaining({
          reason: 'requested',
          requestedBy: 'user:default/jane',
          servicesTotal: 1,
          policyRevision: 0,
        }),
      );
      let job = started.body;
      for (let i = 0; i < 100 && job.status === 'running'; i++) {
        await new Promise(resolve => setTimeout(resolve, 50));
        job = (await api.get(`/v1/admin/rebuilds/${started.body.id}`)).body;
      }
      expect(job).toEqual(
        expect.objectContaining({
          status: 'done',
          servicesDone: 1,
          servicesSkipped: 0,
          eventsRead: 2,
          finishedAt: expect.any(String),
        }),
      );
      const list = await api.get('/v1/admin/rebuilds');
      expect(list.body.items.map((j: { id: string }) => j.id)).toEqual([
        started.body.id,
      ]);
      const missing = await api.get('/v1/admin/rebuilds/no-such-job');
      expect(missing.status).toBe(404);
      expect(missing.body.error.message).toBe('No rebuild no-such-job');
    });

    it('runs from the CLI, which prints progress until the rebuild is done', async () => {
      const api = await startApi(databases, databaseId);
      await api.post({ events: [hotfix('d-1')] });
      const { code, stdout, stderr } = await cliAgainst(
        api.server,
        ['rebuild', '--interval', '0.05'],
        mockCredentials.user.token(),
      );
      expect(stderr).toBe('');
      expect(code).toBe(0);
      expect(stdout.trim().split('\n').pop()).toMatch(
        /^rebuild [0-9a-f-]{36} done: 1\/1 services, 1 events read, policy revision 0$/,
      );
    });

    it('refuses people without the rebuild permission, starting nothing', async () => {
      const api = await startApi(databases, databaseId, {
        permission: AuthorizeResult.DENY,
      });
      const refused = await api.postAsUser('/v1/admin/rebuilds', {});
      expect(refused.status).toBe(403);
      expect(refused.body.error.message).toBe(
        'Not allowed: process-exceptions.rebuild',
      );
      expect((await api.get('/v1/admin/rebuilds')).status).toBe(403);
    });
  },
);
