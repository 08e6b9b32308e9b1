import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { EventsService, eventsServiceRef } from '@backstage/plugin-events-node';
import { createHmac } from 'crypto';
import request from 'supertest';
import { fixture } from '../adapters/__testUtils__/fixtures';
import { createTestDatabases } from '../__testUtils__/databases';
import { BASE, startApi } from '../__testUtils__/testBackend';

const databases = createTestDatabases();
const SECRETS = {
  github: 'gh-secret',
  launchdarkly: 'ld-secret',
  unleash: 'unleash-secret',
};

/** Hands the test the backend's events service, as a relay module would use it. */
function capturingEvents() {
  const captured: { events?: EventsService } = {};
  const module = createBackendModule({
    pluginId: 'process-exceptions',
    moduleId: 'test-relay',
    register(env) {
      env.registerInit({
        deps: { events: eventsServiceRef, logger: coreServices.logger },
        async init({ events }) {
          captured.events = events;
        },
      });
    },
  });
  return { captured, module };
}

const sign = (secret: string, body: string) =>
  createHmac('sha256', secret).update(body).digest('hex');

describe.each(databases.eachSupportedId())('webhooks on %p', databaseId => {
  async function setup() {
    const relay = capturingEvents();
    const api = await startApi(databases, databaseId, {
      config: {
        processExceptions: {
          webhooks: Object.fromEntries(
            Object.entries(SECRETS).map(([k, v]) => [k, { secret: v }]),
          ),
        },
      },
      features: [relay.module],
    });
    const deliver = (
      source: string,
      payload: object,
      headers: Record<string, string> = {},
    ) => {
      const body = JSON.stringify(payload);
      const signed: Record<string, string> = {
        'content-type': 'application/json',
        ...headers,
      };
      if (source === 'github' && !headers['x-hub-signature-256']) {
        signed['x-hub-signature-256'] = `sha256=${sign(SECRETS.github, body)}`;
      }
      if (source === 'launchdarkly' && !headers['x-ld-signature']) {
        signed['x-ld-signature'] = sign(SECRETS.launchdarkly, body);
      }
      const req = request(api.server).post(`${BASE}/v1/webhooks/${source}`);
      for (const [k, v] of Object.entries(signed)) req.set(k, v);
      return req.send(body);
    };
    return { api, deliver, relay: relay.captured };
  }

  const review = (delivery: string, user: string, sha: string) => {
    const payload = fixture(
      'github/pull_request_review.submitted.payload.json',
    );
    payload.review.state = 'approved';
    payload.review.user.login = user;
    payload.review.commit_id = sha;
    payload.pull_request.head.sha = sha;
    payload.review.submitted_at = new Date(Date.now() - 3600_000).toISOString();
    return {
      payload,
      headers: {
        'x-github-event': 'pull_request_review',
        'x-github-delivery': delivery,
      },
    };
  };

  it('opens a hotfix exception for a GitHub hotfix deployment with two approvals', async () => {
    const { api, deliver } = await setup();
    const sha = 'abc123';
    for (const [delivery, user] of [
      ['r-1', 'octo-lead'],
      ['r-2', 'octo-dev'],
    ]) {
      const r = review(delivery, user, sha);
      expect((await deliver('github', r.payload, r.headers)).status).toBe(201);
    }
    const payload = fixture('github/deployment_status.payload.json');
    payload.deployment.sha = sha;
    payload.deployment.payload = { labels: ['hotfix'] };
    payload.deployment_status.updated_at = new Date().toISOString();
    payload.deployment_status.created_at = payload.deployment_status.updated_at;
    const res = await deliver('github', payload, {
      'x-github-event': 'deployment_status',
      'x-github-delivery': 'd-1',
    });
    expect(res.status).toBe(201);
    expect(res.body.results[0]).toEqual(
      expect.objectContaining({
        entityRef: 'component:default/hello-world',
        exceptions: [
          expect.objectContaining({ kind: 'hotfix', change: 'opened' }),
        ],
      }),
    );
    const [exception] = (
      await api.get('/v1/exceptions?entityRef=component:default/hello-world')
    ).body.items;
    expect(exception.links.changes).toEqual([sha]);
    // Each entry says how it was delivered: here, signed by GitHub.
    const { timeline } = (await api.get(`/v1/exceptions/${exception.id}`)).body;
    expect(timeline.map((e: any) => e.provenance)).toEqual([
      {
        kind: 'webhook',
        source: 'github',
        verification: 'hmac-sha256',
        header: 'x-hub-signature-256',
      },
    ]);
  });

  it('opens a flag-disable exception from LaunchDarkly and records a re-enable before staging as a finding', async () => {
    const { api, deliver } = await setup();
    const off = fixture('launchdarkly/flag-turned-off-production.json');
    const offRes = await deliver('launchdarkly', off);
    expect(offRes.status).toBe(201);
    expect(offRes.body.results[0].exceptions).toEqual([
      expect.objectContaining({ kind: 'flag-disable', change: 'opened' }),
    ]);

    const on = fixture('launchdarkly/flag-turned-off-production.json');
    on._id = 'reenable-1';
    on.date = off.date + 3600_000;
    [on.currentVersion, on.previousVersion] = [
      off.previousVersion,
      off.currentVersion,
    ];
    const onRes = await deliver('launchdarkly', on);
    expect(onRes.body.results[0].findings).toEqual([
      expect.objectContaining({
        rule: 're-enabled-before-staging',
        change: 'opened',
      }),
    ]);
    const findings = (
      await api.get('/v1/findings?entityRef=component:default/checkout')
    ).body.items;
    expect(findings.map((f: any) => f.rule)).toEqual([
      're-enabled-before-staging',
    ]);
  });

  it('refuses wrong or missing signatures with 401 and stores nothing', async () => {
    const { api, deliver } = await setup();
    const off = fixture('launchdarkly/flag-turned-off-production.json');
    expect(
      (
        await deliver('launchdarkly', off, {
          'x-ld-signature': sign('wrong', JSON.stringify(off)),
        })
      ).status,
    ).toBe(401);
    // A signature replayed onto an altered body.
    const signature = sign(SECRETS.launchdarkly, JSON.stringify(off));
    const altered = { ...off, _id: 'other' };
    expect(
      (await deliver('launchdarkly', altered, { 'x-ld-signature': signature }))
        .status,
    ).toBe(401);
    const r = review('r-9', 'octo', 'sha');
    expect(
      (
        await deliver('github', r.payload, {
          ...r.headers,
          'x-hub-signature-256': 'sha256=00',
        })
      ).status,
    ).toBe(401);
    expect(
      (
        await deliver(
          'unleash',
          fixture('unleash/feature-environment-disabled.json'),
          { authorization: 'nope' },
        )
      ).status,
    ).toBe(401);
    // Flagsmith has no secret configured here: refused, not silently open.
    const flagsmith = await deliver(
      'flagsmith',
      fixture('flagsmith/flag-turned-off.json'),
    );
    expect(flagsmith.status).toBe(401);
    expect(flagsmith.body.error.message).toMatch(
      /no secret is configured for flagsmith/,
    );
    expect((await deliver('nope', {})).status).toBe(404);
    expect(await api.ledgerCount()).toBe(0);
  });

  it('records a redelivered webhook once, and keeps irrelevant deliveries as ignored', async () => {
    const { api, deliver } = await setup();
    const off = fixture('launchdarkly/flag-turned-off-production.json');
    expect((await deliver('launchdarkly', off)).status).toBe(201);
    const again = await deliver('launchdarkly', off);
    expect(again.status).toBe(200);
    expect(again.body.results[0].status).toBe('duplicate');

    const star = await deliver(
      'github',
      {
        action: 'created',
        repository: { full_name: 'Codertocat/Hello-World' },
      },
      {
        'x-github-event': 'star',
        'x-github-delivery': 'star-1',
      },
    );
    expect(star.status).toBe(202);
    expect(star.body).toEqual(
      expect.objectContaining({ status: 'ignored', id: 'star-1' }),
    );
    expect(await api.ledgerCount()).toBe(2);
    expect((await api.get('/v1/unmapped')).body.items).toEqual([]);
  });

  it('records the same payload once whether it came through the events system or the webhook', async () => {
    const { api, deliver, relay } = await setup();
    const off = fixture('launchdarkly/flag-turned-off-production.json');
    await relay.events!.publish({
      topic: 'launchdarkly',
      eventPayload: off,
      metadata: {},
    });
    const res = await deliver('launchdarkly', off);
    expect(res.status).toBe(200);
    expect(res.body.results[0].status).toBe('duplicate');

    const r = review('r-77', 'octo', 'sha-77');
    const viaWebhook = await deliver('github', r.payload, r.headers);
    expect(viaWebhook.status).toBe(201);
    await relay.events!.publish({
      topic: 'github.pull_request_review',
      eventPayload: r.payload,
      metadata: r.headers,
    });
    expect(await api.ledgerCount()).toBe(2);
    // The first delivery is the one kept, with its provenance.
    const provenance = await api
      .knex('pe_events')
      .orderBy('seq')
      .pluck('provenance');
    expect(provenance.map(p => JSON.parse(p))).toEqual([
      { kind: 'events-topic', topic: 'launchdarkly' },
      {
        kind: 'webhook',
        source: 'github',
        verification: 'hmac-sha256',
        header: 'x-hub-signature-256',
      },
    ]);
  });

  it('lists an events-system delivery no adapter can read as rejected, with the reason', async () => {
    const { api, relay } = await setup();
    await relay.events!.publish({
      topic: 'unleash',
      eventPayload: { type: 'feature-environment-disabled' },
      metadata: {},
    });
    expect(await api.ledgerCount()).toBe(0);
    const res = await api.get('/v1/inbox?status=rejected');
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual([
      expect.objectContaining({
        topic: 'unleash',
        status: 'rejected',
        lastError: expect.stringMatching(/^unleash: /),
      }),
    ]);
    expect((await api.get('/v1/inbox')).body.items).toEqual([]);
    const bad = await api.get('/v1/inbox?status=applied');
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/status/);
  });

  it("refuses a GitHub deployment that names another repository's entity, storing nothing", async () => {
    const { api, deliver, relay } = await setup();
    const deploymentNaming = (entityRef: string, delivery: string) => {
      const payload = fixture('github/deployment_status.payload.json');
      payload.deployment.payload = { entityRef };
      return {
        payload,
        headers: {
          'x-github-event': 'deployment_status',
          'x-github-delivery': delivery,
        },
      };
    };
    const other = deploymentNaming('component:default/payments', 'd-other');
    const res = await deliver('github', other.payload, other.headers);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe(
      `github: deployment.finished d-other names component:default/payments, whose github.com/project-slug is not set, not the delivering repository 'Codertocat/Hello-World'`,
    );
    // Through the events system it is rejected with the same reason.
    await relay.events!.publish({
      topic: 'github.deployment_status',
      eventPayload: other.payload,
      metadata: other.headers,
    });
    expect((await api.get('/v1/inbox?status=rejected')).body.items).toEqual([
      expect.objectContaining({ lastError: res.body.error.message }),
    ]);
    expect(await api.ledgerCount()).toBe(0);

    // Its own entity, named, is fine; one the catalog does not know yet waits unmapped.
    const own = deploymentNaming('component:default/hello-world', 'd-own');
    expect((await deliver('github', own.payload, own.headers)).status).toBe(
      201,
    );
    const unknown = deploymentNaming('component:default/not-yet', 'd-new');
    const later = await deliver('github', unknown.payload, unknown.headers);
    expect(later.status).toBe(201);
    expect(later.body.results[0].unmapped).toBe(true);
  });

  it('keeps a shared-secret delivery as such', async () => {
    const { api, deliver } = await setup();
    const res = await deliver(
      'unleash',
      fixture('unleash/feature-environment-disabled.json'),
      { authorization: SECRETS.unleash },
    );
    expect(res.status).toBeLessThan(300);
    const [provenance] = await api.knex('pe_events').pluck('provenance');
    expect(JSON.parse(provenance)).toEqual({
      kind: 'webhook',
      source: 'unleash',
      verification: 'shared-secret',
    });
  });
});
