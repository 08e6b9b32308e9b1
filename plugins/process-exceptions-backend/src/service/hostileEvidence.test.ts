import { mockCredentials } from '@backstage/backend-test-utils';
import request from 'supertest';
import { createTestDatabases } from '../__testUtils__/databases';
import {
  BASE,
  event,
  PIPELINE_SUBJECT,
  startApi,
} from '../__testUtils__/testBackend';

const databases = createTestDatabases();
const HOUR = 3600_000;
const SKEW = 300_000;

type Api = Awaited<ReturnType<typeof startApi>>;

/** Config granting the tests' pipeline token one of people's permissions. */
const grantingPipeline = (permission: string) => ({
  processExceptions: {
    servicePermissions: [
      { subject: PIPELINE_SUBJECT, permissions: [permission] },
    ],
  },
});

/** Config letting the pipeline close every hotfix task, so only time decides. */
const PIPELINE_CLOSES_ALL = {
  processExceptions: {
    policies: {
      attestation: {
        tasks: Object.fromEntries(
          ['brief-check', 'qa-scenario', 'design-check'].map(k => [
            k,
            ['pipeline'],
          ]),
        ),
      },
    },
  },
};

const hotfix = (id: string, minutesAgo: number, extra: object = {}) =>
  event(
    'deployment.finished',
    {
      deploymentId: id,
      environment: 'production',
      outcome: 'succeeded',
      labels: ['hotfix'],
      changeIds: [`pr-${id}`],
      ...extra,
    },
    { minutesAgo },
  );

/** Whatever a case sent, the server answers without an error. */
async function stillServing(api: Api) {
  expect((await api.get('/v1/exceptions')).status).toBe(200);
}

async function onlyException(api: Api) {
  const [item] = (await api.get('/v1/exceptions')).body.items;
  return (await api.get(`/v1/exceptions/${item.id}`)).body;
}

/** True when `iso` lies within the skew allowance before `receivedAt`. */
function atReceipt(iso: string, receivedAt: string) {
  const t = Date.parse(iso);
  const received = Date.parse(receivedAt);
  return t <= received && t >= received - SKEW;
}

describe.each(databases.eachSupportedId())(
  'evidence that tries to move a record, on %p',
  databaseId => {
    const start = (config?: object) =>
      startApi(databases, databaseId, { config });

    it('a product-owner approval posted with a pipeline token: 201, kept and shown as untrusted; the brief check stays open', async () => {
      const api = await start();
      await api.post(hotfix('d-1', 10));
      const res = await api.post(
        event(
          'change.reviewed',
          {
            changeId: 'pr-d-1',
            reviewer: 'omar',
            role: 'product-owner',
            decision: 'approved',
          },
          { minutesAgo: 0 },
        ),
      );
      expect(res.status).toBe(201);
      const detail = await onlyException(api);
      expect(detail.tasks.find((t: any) => t.key === 'brief-check')).toEqual(
        expect.objectContaining({ doneAt: null, doneBy: null }),
      );
      const review = detail.timeline.find(
        (e: any) => e.type === 'change.reviewed',
      );
      expect(review.provenance).toEqual({
        kind: 'service',
        subject: PIPELINE_SUBJECT,
      });
      expect(review.notCounted).toBe(
        `Not counted for brief-check: delivered by service token ${PIPELINE_SUBJECT}; ` +
          'the attestation policy lets only a person in the portal, a signed delivery close it.',
      );
      await stillServing(api);
    });

    it('the same approval when the config names that service for the brief check: the brief check closes', async () => {
      const api = await start({
        processExceptions: {
          policies: {
            attestation: {
              tasks: { 'brief-check': [`service:${PIPELINE_SUBJECT}`] },
            },
          },
        },
      });
      await api.post(hotfix('d-1', 10));
      await api.post(
        event(
          'change.reviewed',
          {
            changeId: 'pr-d-1',
            reviewer: 'omar',
            role: 'product-owner',
            decision: 'approved',
          },
          { minutesAgo: 0 },
        ),
      );
      const detail = await onlyException(api);
      expect(
        detail.tasks.find((t: any) => t.key === 'brief-check').doneBy,
      ).toBe('omar');
      expect(detail.timeline.every((e: any) => e.notCounted === null)).toBe(
        true,
      );
      await stillServing(api);
    });

    it('a backfill.completed dated before it was sent: 201; the task closes at its receive time, late if that is past the deadline', async () => {
      const api = await start(PIPELINE_CLOSES_ALL);
      // Deadline: 24 h after the deployment, so 6 h ago.
      await api.post(hotfix('d-1', 30 * 60));
      const { id } = (await api.get('/v1/exceptions')).body.items[0];
      const tasks = [
        'full-review',
        'brief-check',
        'qa-scenario',
        'design-check',
      ];
      const res = await api.post({
        events: tasks.map(taskKey =>
          event(
            'backfill.completed',
            { exceptionId: id, taskKey, evidenceUrl: 'https://x.example/1' },
            { minutesAgo: 29 * 60 },
          ),
        ),
      });
      expect(res.status).toBe(201);
      const detail = await onlyException(api);
      const [received] = detail.timeline
        .filter((e: any) => e.type === 'backfill.completed')
        .map((e: any) => e.receivedAt);
      for (const task of detail.tasks) {
        expect(atReceipt(task.doneAt, received)).toBe(true);
      }
      expect(detail).toEqual(
        expect.objectContaining({
          status: 'backfilled',
          backfilledOnTime: false,
        }),
      );
      await stillServing(api);
    });

    it('an incident.resolved dated a day back: the hotfix deadline counts from when it was received', async () => {
      const api = await start();
      await api.post({
        events: [
          event(
            'incident.opened',
            { incidentId: 'INC-9', severity: 'P0' },
            { minutesAgo: 30 * 60 },
          ),
          hotfix('d-9', 29 * 60, { labels: [], incidentId: 'INC-9' }),
        ],
      });
      await api.post(
        event(
          'incident.resolved',
          { incidentId: 'INC-9' },
          { minutesAgo: 24 * 60 },
        ),
      );
      const detail = await onlyException(api);
      const resolved = detail.timeline.find(
        (e: any) => e.type === 'incident.resolved',
      );
      const startedAt = Date.parse(detail.deadline) - 24 * HOUR;
      expect(
        atReceipt(new Date(startedAt).toISOString(), resolved.receivedAt),
      ).toBe(true);
      await stillServing(api);
    });

    it('a person completing the brief check in the portal: it closes, delivered by that person', async () => {
      const api = await start();
      await api.post(hotfix('d-1', 10));
      const { id } = (await api.get('/v1/exceptions')).body.items[0];
      const res = await api.postAsUser(
        `/v1/exceptions/${id}/tasks/brief-check/complete`,
        { evidenceUrl: 'https://tracker.example.com/brief' },
      );
      expect(res.status).toBe(200);
      const detail = await onlyException(api);
      expect(
        detail.tasks.find((t: any) => t.key === 'brief-check').doneBy,
      ).toBe('user:default/jane');
      expect(
        detail.timeline.find((e: any) => e.type === 'backfill.completed')
          .provenance,
      ).toEqual({
        kind: 'user',
        userRef: 'user:default/jane',
        // settled at receipt: the login's catalog refs, the permission allowed
        groups: ['user:default/jane'],
        permission: 'process-exceptions.task.complete',
      });
      await stillServing(api);
    });

    it('a service allowed to complete tasks, completing the brief check: 403 naming the attestation policy; nothing stored', async () => {
      const api = await start(
        grantingPipeline('process-exceptions.task.complete'),
      );
      await api.post(hotfix('d-1', 10));
      const { id } = (await api.get('/v1/exceptions')).body.items[0];
      const before = await api.ledgerCount();
      const res = await request(api.server)
        .post(`${BASE}/v1/exceptions/${id}/tasks/brief-check/complete`)
        .set('Authorization', mockCredentials.service.header())
        .send({ evidenceUrl: 'https://tracker.example.com/brief' });
      expect(res.status).toBe(403);
      expect(res.body.error.message).toMatch(
        /^Not counted for brief-check: delivered by service token/,
      );
      expect(await api.ledgerCount()).toBe(before);
      // A task a pipeline may close, it closes.
      const full = await request(api.server)
        .post(`${BASE}/v1/exceptions/${id}/tasks/full-review/complete`)
        .set('Authorization', mockCredentials.service.header())
        .send({ evidenceUrl: 'https://ci.example.com/review' });
      expect(full.status).toBe(200);
      await stillServing(api);
    });

    it('a pipeline token recording an exception by hand under the demo config: 403, nothing stored', async () => {
      // As app-config.demo.yaml grants it: rebuilds only.
      const api = await start(grantingPipeline('process-exceptions.rebuild'));
      const res = await request(api.server)
        .post(`${BASE}/v1/exceptions`)
        .set('Authorization', mockCredentials.service.header())
        .send({
          entityRef: 'component:default/payments',
          kind: 'hotfix',
          name: 'By hand',
          reason: 'The pipeline says so',
        });
      expect(res.status).toBe(403);
      expect(res.body.error.message).toMatch(
        /process-exceptions\.exception\.create/,
      );
      expect(await api.ledgerCount()).toBe(0);
      await stillServing(api);
    });
  },
);
