import { mockCredentials } from '@backstage/backend-test-utils';
import { runCli } from '@process-exceptions/backstage-plugin-process-exceptions-node/cli';
import { AddressInfo } from 'node:net';
import { createTestDatabases } from '../__testUtils__/databases';
import { component, event, startApi } from '../__testUtils__/testBackend';

const databases = createTestDatabases();

const pulled = (entity: string) =>
  event(
    'story.pulled',
    {
      storyId: 'ST-901',
      title: 'Instant refunds',
      gaps: [{ key: 'copy', description: 'Final copy from the designer' }],
      changeIds: ['pr-901'],
    },
    { entity, minutesAgo: 30 },
  );

describe.each(databases.eachSupportedId())(
  'the merge gate on %p',
  databaseId => {
    it('stays closed for a story sent for a service the catalog does not know', async () => {
      const api = await startApi(databases, databaseId);
      const story = pulled('paymnts');
      const sent = await api.post(story);
      expect(sent.body.results[0]).toMatchObject({ unmapped: true });

      const gate = await api.get('/v1/gates/merge?changeId=pr-901');
      expect(gate.body).toEqual({
        allowed: false,
        blocking: [
          {
            exceptionId: null,
            entityRef: null,
            storyId: 'ST-901',
            gapKey: 'copy',
            description: 'Final copy from the designer',
            unmapped: {
              subject: 'component:default/paymnts',
              eventId: story.id,
              hint: expect.stringContaining(
                'which the catalog does not know yet',
              ),
            },
          },
        ],
      });
      expect(
        (await api.get('/v1/gates/merge?storyId=ST-901')).body.allowed,
      ).toBe(false);
      // Another id is another change.
      expect(
        (await api.get('/v1/gates/merge?changeId=pr-902')).body.allowed,
      ).toBe(true);

      const { port } = api.server.address() as AddressInfo;
      let stdout = '';
      const code = await runCli(['gate', '--change', 'pr-901'], {
        stdout: { write: (s: string) => (stdout += s) },
        stderr: { write: () => undefined },
        env: {
          PROCESS_EXCEPTIONS_URL: `http://127.0.0.1:${port}`,
          PROCESS_EXCEPTIONS_TOKEN: mockCredentials.service.token(),
        },
      });
      expect(code).toBe(1);
      expect(stdout).toContain('merge blocked: 1 open readiness gap');
      expect(stdout).toContain(
        'ST-901 copy: Final copy from the designer (unknown service component:default/paymnts)',
      );
      expect(stdout).toContain('register that entity');

      // Filled by someone the attestation policy lets close it: open.
      await api.post(
        event(
          'gap.closed',
          { storyId: 'ST-901', gapKey: 'copy' },
          { entity: 'paymnts' },
        ),
      );
      expect(
        (await api.get('/v1/gates/merge?changeId=pr-901')).body.allowed,
      ).toBe(true);
    });

    it("lets the known service's exception decide once the story reaches one", async () => {
      const api = await startApi(databases, databaseId);
      await api.post(pulled('refunds'));
      api.register(component('refunds', 'group:default/payments-team'));
      await api.runMaintenance();
      const gate = await api.get('/v1/gates/merge?changeId=pr-901');
      expect(gate.body.allowed).toBe(false);
      expect(gate.body.blocking).toEqual([
        expect.objectContaining({
          entityRef: 'component:default/refunds',
          exceptionId: expect.any(String),
          gapKey: 'copy',
        }),
      ]);
      expect(gate.body.blocking[0].unmapped).toBeUndefined();
    });

    it('does not count a gap closed by a sender the attestation policy refuses', async () => {
      const api = await startApi(databases, databaseId, {
        config: {
          processExceptions: {
            policies: { attestation: { tasks: { gaps: ['person'] } } },
          },
        },
      });
      await api.post(pulled('paymnts'));
      // The pipeline's token is not a person.
      await api.post(
        event(
          'gap.closed',
          { storyId: 'ST-901', gapKey: 'copy' },
          { entity: 'paymnts' },
        ),
      );
      expect(
        (await api.get('/v1/gates/merge?changeId=pr-901')).body.allowed,
      ).toBe(false);
    });
  },
);
