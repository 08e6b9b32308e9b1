import { mockCredentials } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import request from 'supertest';
import { createTestDatabases } from '../__testUtils__/databases';
import { BASE, event, startApi } from '../__testUtils__/testBackend';

const databases = createTestDatabases();

describe.each(databases.eachSupportedId())(
  'people acting through the API on %p',
  databaseId => {
    /** A production deployment nobody approved, and the finding it raised. */
    async function withUnrecordedDeployment() {
      const api = await startApi(databases, databaseId);
      await api.post(
        event('deployment.finished', {
          deploymentId: 'd-1',
          environment: 'production',
          outcome: 'succeeded',
          changeIds: ['pr-1'],
        }),
      );
      const [finding] = (await api.get('/v1/findings?acknowledged=false')).body
        .items;
      return { api, finding };
    }

    it('records an exception by hand, completes its tasks with evidence and shows the timeline', async () => {
      const api = await startApi(databases, databaseId);
      const created = await api.postAsUser('/v1/exceptions', {
        entityRef: 'component:default/payments',
        kind: 'partial-readiness',
        name: 'Partial readiness of ST-1',
        reason: 'Tracker sends no events',
        links: { story: 'ST-1' },
        gaps: [{ key: 'design', description: 'Designs for the empty state' }],
      });
      expect(created.status).toBe(201);
      expect(created.body).toEqual(
        expect.objectContaining({
          kind: 'partial-readiness',
          name: 'Partial readiness of ST-1',
          openedBy: 'user:default/jane',
          status: 'open',
        }),
      );
      const id = created.body.id;
      expect((await api.get('/v1/gates/merge?storyId=ST-1')).body.allowed).toBe(
        false,
      );

      const done = await api.postAsUser(
        `/v1/exceptions/${id}/tasks/gap:design/complete`,
        {
          evidenceUrl: 'https://tracker.example.com/ST-1#designs',
        },
      );
      expect(done.status).toBe(200);
      expect(done.body.status).toBe('backfilled');
      expect(done.body.backfilledOnTime).toBe(true);
      expect(done.body.tasks[0]).toEqual(
        expect.objectContaining({
          doneBy: 'user:default/jane',
          evidenceUrl: 'https://tracker.example.com/ST-1#designs',
        }),
      );
      expect((await api.get('/v1/gates/merge?storyId=ST-1')).body.allowed).toBe(
        true,
      );

      const detail = await api.get(`/v1/exceptions/${id}`);
      expect(detail.body.timeline.map((e: any) => e.type)).toEqual([
        'exception.recorded',
        'backfill.completed',
      ]);

      const again = await api.postAsUser(
        `/v1/exceptions/${id}/tasks/gap:design/complete`,
        {
          evidenceUrl: 'https://tracker.example.com/ST-1',
        },
      );
      expect(again.status).toBe(409);
      const unknownTask = await api.postAsUser(
        `/v1/exceptions/${id}/tasks/nope/complete`,
        {
          evidenceUrl: 'https://tracker.example.com/ST-1',
        },
      );
      expect(unknownTask.status).toBe(404);
      const badEvidence = await api.postAsUser(
        `/v1/exceptions/${id}/tasks/gap:design/complete`,
        {
          // eslint-disable-next-line no-script-url -- hostile input under test
          evidenceUrl: 'javascript:alert(1)',
        },
      );
      expect(badEvidence.status).toBe(400);
      expect(badEvidence.body.error.message).toMatch(/evidenceUrl/);
    });

    it('requires a name and a reason to record an exception', async () => {
      const api = await startApi(databases, databaseId);
      const res = await api.postAsUser('/v1/exceptions', {
        entityRef: 'component:default/payments',
        kind: 'hotfix',
        name: ' ',
      });
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(
        /request\/body must have required property 'reason'/,
      );
      const blankName = await api.postAsUser('/v1/exceptions', {
        entityRef: 'component:default/payments',
        kind: 'hotfix',
        name: ' ',
        reason: 'r',
      });
      expect(blankName.status).toBe(400);
      expect(blankName.body.error.message).toMatch(
        /body.name: a name is required/,
      );
      expect(await api.ledgerCount()).toBe(0);
    });

    it('acknowledges a finding by recording the missing exception retroactively', async () => {
      const { api, finding } = await withUnrecordedDeployment();
      expect(finding.rule).toBe('unrecorded-exception');

      const res = await api.postAsUser(
        `/v1/findings/${finding.id}/acknowledge`,
        {
          name: 'Hotfix for the checkout outage',
          reason: 'Shipped during INC-7 without recording it',
        },
      );
      expect(res.status).toBe(200);
      expect(res.body.finding).toEqual(
        expect.objectContaining({
          acknowledgedBy: 'user:default/jane',
          exceptionId: expect.any(String),
        }),
      );
      expect(res.body.exception).toEqual(
        expect.objectContaining({
          kind: 'hotfix',
          name: 'Hotfix for the checkout outage',
        }),
      );
      expect(
        (await api.get('/v1/findings?acknowledged=false')).body.items,
      ).toEqual([]);
      expect(
        (
          await api.postAsUser(`/v1/findings/${finding.id}/acknowledge`, {
            name: 'x',
            reason: 'y',
          })
        ).status,
      ).toBe(409);
    });

    it('refuses an exception for an entity the catalog does not know, storing nothing', async () => {
      const api = await startApi(databases, databaseId);
      const res = await api.postAsUser('/v1/exceptions', {
        entityRef: 'component:default/not-registered',
        kind: 'hotfix',
        name: 'Hotfix',
        reason: 'Outage',
      });
      expect(res.status).toBe(404);
      expect(res.body.error.message).toMatch(
        /component:default\/not-registered is not in the catalog/,
      );
      expect(await api.ledgerCount()).toBe(0);
      expect((await api.get('/v1/unmapped')).body.items).toEqual([]);
    });

    it('answers 409 naming the first to a second acknowledgement sent at the same time, and keeps only the first', async () => {
      const { api, finding } = await withUnrecordedDeployment();
      const before = await api.ledgerCount();
      const answers = await Promise.all(
        ['first words', 'second words'].map(name =>
          api.postAsUser(`/v1/findings/${finding.id}/acknowledge`, {
            name,
            reason: 'Shipped during INC-7',
          }),
        ),
      );
      expect(answers.map(a => a.status).sort()).toEqual([200, 409]);
      const won = answers.find(a => a.status === 200)!;
      const lost = answers.find(a => a.status === 409)!;
      expect(lost.body.error.message).toContain(
        `Finding ${finding.id} was already acknowledged at ${won.body.finding.acknowledgedAt} by user:default/jane`,
      );
      expect(await api.ledgerCount()).toBe(before + 1);
      const detail = await api.get(`/v1/exceptions/${won.body.exception.id}`);
      expect(detail.body.name).toBe(won.body.exception.name);
    });

    it('answers 409 to a second completion of a task sent at the same time, and keeps only the first', async () => {
      const api = await startApi(databases, databaseId);
      const created = await api.postAsUser('/v1/exceptions', {
        entityRef: 'component:default/payments',
        kind: 'partial-readiness',
        name: 'Partial readiness of ST-2',
        reason: 'Tracker sends no events',
        links: { story: 'ST-2' },
        gaps: [{ key: 'copy', description: 'Final copy' }],
      });
      const before = await api.ledgerCount();
      const answers = await Promise.all(
        ['https://example.com/a', 'https://example.com/b'].map(evidenceUrl =>
          api.postAsUser(
            `/v1/exceptions/${created.body.id}/tasks/gap:copy/complete`,
            { evidenceUrl },
          ),
        ),
      );
      expect(answers.map(a => a.status).sort()).toEqual([200, 409]);
      const won = answers.find(a => a.status === 200)!;
      const lost = answers.find(a => a.status === 409)!;
      expect(lost.body.error.message).toMatch(
        /Task 'gap:copy' was already done at .* by user:default\/jane/,
      );
      expect(await api.ledgerCount()).toBe(before + 1);
      const detail = await api.get(`/v1/exceptions/${created.body.id}`);
      expect(detail.body.tasks[0].evidenceUrl).toBe(
        won.body.tasks[0].evidenceUrl,
      );
    });

    it("refuses people's writes by a service the config does not grant them, storing nothing", async () => {
      const body = {
        entityRef: 'component:default/payments',
        kind: 'hotfix',
        name: 'Hotfix',
        reason: 'Outage',
      };
      const api = await startApi(databases, databaseId);
      const refused = await request(api.server)
        .post(`${BASE}/v1/exceptions`)
        .set('Authorization', mockCredentials.service.header())
        .send(body);
      expect(refused.status).toBe(403);
      expect(refused.body.error.message).toMatch(
        /process-exceptions.exception.create for service external:test-service/,
      );
      expect(await api.ledgerCount()).toBe(0);

      const granted = await startApi(databases, databaseId, {
        config: {
          processExceptions: {
            servicePermissions: [
              {
                subject: 'external:test-service',
                permissions: ['process-exceptions.exception.create'],
              },
            ],
          },
        },
      });
      const recorded = await request(granted.server)
        .post(`${BASE}/v1/exceptions`)
        .set('Authorization', mockCredentials.service.header())
        .send(body);
      expect(recorded.status).toBe(201);
      expect(recorded.body.openedBy).toBe('service:external:test-service');
    });

    it("refuses people's writes the permission policy denies, storing nothing", async () => {
      const api = await startApi(databases, databaseId, {
        permission: AuthorizeResult.DENY,
      });
      const res = await api.postAsUser('/v1/exceptions', {
        entityRef: 'component:default/payments',
        kind: 'hotfix',
        name: 'n',
        reason: 'r',
      });
      expect(res.status).toBe(403);
      expect(res.body.error.message).toMatch(
        /process-exceptions.exception.create/,
      );
      const complete = await api.postAsUser(
        '/v1/exceptions/x/tasks/y/complete',
        {
          evidenceUrl: 'https://example.com',
        },
      );
      expect(complete.status).toBe(403);
      const ack = await api.postAsUser('/v1/findings/x/acknowledge', {
        name: 'n',
        reason: 'r',
      });
      expect(ack.status).toBe(403);
      expect(await api.ledgerCount()).toBe(0);
    });
  },
);
