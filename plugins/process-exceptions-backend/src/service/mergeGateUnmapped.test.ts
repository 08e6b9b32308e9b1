import { cliAgainst } from '../__testUtils__/cli';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
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

const closed = (entity: string) =>
  event('gap.closed', { storyId: 'ST-901', gapKey: 'copy' }, { entity });

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

      const { code, stdout } = await cliAgainst(api.server, [
        'gate',
        '--change',
        'pr-901',
      ]);
      expect(code).toBe(1);
      expect(stdout).toContain('merge blocked: 1 open readiness gap');
      expect(stdout).toContain(
        'ST-901 copy: Final copy from the designer (unknown service component:default/paymnts)',
      );
      expect(stdout).toContain('register that entity');

      // Filled by someone the attestation policy lets close it: open.
      await api.post(closed('paymnts'));
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
      await api.post(closed('paymnts'));
      expect(
        (await api.get('/v1/gates/merge?changeId=pr-901')).body.allowed,
      ).toBe(false);
    });

    it('lets an operator send the story again for its service, recorded in the ledger', async () => {
      const api = await startApi(databases, databaseId);
      await api.post(pulled('paymnts'));
      const reassigned = await api.postAsUser(
        '/v1/unmapped/stories/ST-901/reassign',
        { entityRef: 'component:default/payments' },
      );
      expect(reassigned.status).toBe(201);
      expect(reassigned.body).toEqual({
        entityRef: 'component:default/payments',
        exceptions: [
          expect.objectContaining({
            kind: 'partial-readiness',
            change: 'opened',
          }),
        ],
      });
      const gate = await api.get('/v1/gates/merge?changeId=pr-901');
      expect(gate.body.blocking).toEqual([
        expect.objectContaining({
          entityRef: 'component:default/payments',
          exceptionId: reassigned.body.exceptions[0].id,
          gapKey: 'copy',
        }),
      ]);
      const recorded = await api
        .knex('pe_events')
        .where({ source: 'portal', type: 'story.pulled' })
        .first('entity_ref', 'actor', 'provenance');
      expect(recorded).toMatchObject({
        entity_ref: 'component:default/payments',
        actor: 'user:default/jane',
      });
      expect(JSON.parse(recorded.provenance)).toMatchObject({
        kind: 'user',
        userRef: 'user:default/jane',
      });

      // Nothing waits any more; an unknown target is refused.
      expect(
        (
          await api.postAsUser('/v1/unmapped/stories/ST-901/reassign', {
            entityRef: 'component:default/payments',
          })
        ).status,
      ).toBe(404);
    });

    it('lets an operator withdraw a story sent in error, and opens the gate', async () => {
      const api = await startApi(databases, databaseId);
      await api.post(pulled('paymnts'));
      const withdrawn = await api.postAsUser(
        '/v1/unmapped/stories/ST-901/withdraw',
        { reason: 'Sent for a service that does not exist' },
      );
      expect(withdrawn.status).toBe(204);
      expect(
        (await api.get('/v1/gates/merge?changeId=pr-901')).body.allowed,
      ).toBe(true);
      expect(
        await api
          .knex('pe_events')
          .where({ source: 'portal', type: 'story.withdrawn' })
          .first('subject', 'actor'),
      ).toEqual({
        subject: 'component:default/paymnts',
        actor: 'user:default/jane',
      });
      // Pulled again after the withdrawal: it blocks again.
      await api.post(pulled('paymnts'));
      expect(
        (await api.get('/v1/gates/merge?changeId=pr-901')).body.allowed,
      ).toBe(false);
    });

    it('leaves reassigning and withdrawing to administrators', async () => {
      const api = await startApi(databases, databaseId, {
        permission: AuthorizeResult.DENY,
      });
      await api.post(pulled('paymnts'));
      const refused = await api.postAsUser(
        '/v1/unmapped/stories/ST-901/withdraw',
        { reason: 'no' },
      );
      expect(refused.status).toBe(403);
      expect(await api.ledgerCount()).toBe(1);
    });
  },
);
