import { createTestDatabases } from '../__testUtils__/databases';
import { component, event, startApi } from '../__testUtils__/testBackend';

const databases = createTestDatabases();

// Multi-byte, and longer than the 255-character columns some fields once fed.
const long = (n: number) => 'é'.repeat(n);

describe.each(databases.eachSupportedId())(
  'the maintenance task on %p',
  databaseId => {
    it('applies the once-poison events of an unknown service when it is registered, and still sends notifications', async () => {
      const api = await startApi(databases, databaseId);
      const posted = await api.post({
        events: [
          event(
            'story.pulled',
            {
              storyId: 'ST-900',
              title: long(500),
              gaps: [{ key: 'copy', description: long(300) }],
            },
            { entity: 'newcomer' },
          ),
          event(
            'deployment.finished',
            {
              deploymentId: `d-${long(250)}`,
              environment: 'production',
              outcome: 'succeeded',
              labels: ['hotfix'],
            },
            { entity: 'newcomer' },
          ),
          event(
            'deployment.finished',
            {
              deploymentId: 'known-1',
              environment: 'production',
              outcome: 'succeeded',
              labels: ['hotfix'],
            },
            { entity: 'payments' },
          ),
        ],
      });
      expect(posted.status).toBe(201);

      api.register(component('newcomer', 'checkout-team'));
      await api.runMaintenance();

      const exceptions = await api.get(
        '/v1/exceptions?entityRef=component:default/newcomer',
      );
      expect(exceptions.body.items.map((e: any) => e.kind).sort()).toEqual([
        'hotfix',
        'partial-readiness',
      ]);
      const story = exceptions.body.items.find(
        (e: any) => e.kind === 'partial-readiness',
      );
      const detail = await api.get(`/v1/exceptions/${story.id}`);
      expect(detail.body.tasks.map((t: any) => t.title)).toEqual([
        expect.stringContaining(long(200)),
      ]);
      expect((await api.get('/v1/unmapped')).body.items).toEqual([]);

      const notified = api.notifications.map(n => [
        (n.recipients as { entityRef: string }).entityRef,
        n.payload.title,
      ]);
      expect(notified).toEqual(
        expect.arrayContaining([
          ['component:default/payments', expect.stringMatching(/hotfix/i)],
          ['component:default/newcomer', expect.stringMatching(/hotfix/i)],
        ]),
      );
    });

    it('lists the notifications that cannot be sent for operators, and leaves them to their backoff', async () => {
      const api = await startApi(databases, databaseId);
      await api.post(
        event('deployment.finished', {
          deploymentId: 'd-1',
          environment: 'production',
          outcome: 'succeeded',
          labels: ['hotfix'],
        }),
      );
      api.failNotifications(new Error('notifications backend unavailable'));
      await api.runMaintenance();
      const failing = await api.get('/v1/maintenance/failures');
      expect(failing.status).toBe(200);
      expect(failing.body.items.length).toBeGreaterThan(0);
      for (const f of failing.body.items) {
        expect([f.kind, f.attempts, f.lastError]).toEqual([
          'notification',
          1,
          'Error: notifications backend unavailable',
        ]);
      }
      expect(failing.body.items.map((f: any) => f.target)).toContainEqual(
        expect.stringMatching(/\/opened$/),
      );

      api.failNotifications(undefined);
      await api.runMaintenance(); // within the backoff: not tried
      expect(api.notifications).toEqual([]);
    });
  },
);
