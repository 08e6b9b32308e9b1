import { httpAuthServiceFactory } from '@backstage/backend-defaults/httpAuth';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import processExceptionsBackend from '@process-exceptions/backstage-plugin-process-exceptions-backend';
import { createHmac } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { PIPELINE_TOKEN, PLUGIN_PATH, REPO_ROOT } from '../cluster/paths';
import { postgresFromEnv } from '../cluster/postgres';
import { mixedAuthServiceFactory } from './mixedAuthServiceFactory';

/**
 * Every endpoint of the plugin × every kind of caller, against the plugin
 * in a test backend with Backstage's real HTTP auth: static tokens come from
 * `backend.auth.externalAccess` config, people from `mockCredentials`, the
 * permission decision from a mock permission service (one backend allows
 * everything, one denies everything). The resulting table is
 * docs/auth-matrix.md; run with UPDATE_AUTH_MATRIX=1 to rewrite it.
 */

const DOC = path.join(REPO_ROOT, 'docs/auth-matrix.md');
const CATALOG_ONLY_TOKEN = 'auth-matrix-catalog-importer-token';
const REBUILD_ONLY_TOKEN = 'auth-matrix-rebuild-operator-token';
const REBUILD = 'process-exceptions.rebuild';
const SECRETS = {
  github: 'gh-secret',
  launchdarkly: 'ld-secret',
  unleash: 'unleash-secret',
  flagsmith: 'flagsmith-secret',
  cdevents: 'cdevents-secret',
} as const;
type Source = keyof typeof SECRETS;

const config = {
  backend: {
    auth: {
      externalAccess: [
        {
          type: 'static',
          options: { token: PIPELINE_TOKEN, subject: 'delivery-pipeline' },
          accessRestrictions: [{ plugin: 'process-exceptions' }],
        },
        {
          type: 'static',
          options: { token: CATALOG_ONLY_TOKEN, subject: 'catalog-importer' },
          accessRestrictions: [{ plugin: 'catalog' }],
        },
        {
          type: 'static',
          options: { token: REBUILD_ONLY_TOKEN, subject: 'rebuild-operator' },
          accessRestrictions: [
            { plugin: 'process-exceptions', permission: REBUILD },
          ],
        },
      ],
    },
  },
  processExceptions: {
    webhooks: Object.fromEntries(
      Object.entries(SECRETS).map(([k, secret]) => [k, { secret }]),
    ),
    ledger: { sealingKey: 'the-auth-matrix-sealing-key-of-32-characters' },
    // No sweep during the test.
    schedule: {
      frequency: { hours: 24 },
      timeout: { minutes: 5 },
      initialDelay: { hours: 24 },
    },
  },
};

const component = (name: string, owner: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default' },
  spec: { type: 'service', lifecycle: 'production', owner },
  relations: [{ type: 'ownedBy', targetRef: `group:default/${owner}` }],
});

const FIXTURES = path.join(
  REPO_ROOT,
  'plugins/process-exceptions-backend/src/adapters/__fixtures__',
);
const fixtureText = (file: string) =>
  fs.readFileSync(path.join(FIXTURES, file), 'utf8');
const hmac = (secret: string, body: string) =>
  createHmac('sha256', secret).update(body).digest('hex');

/** A delivery in the sender's own format, signed as the sender signs. */
function delivery(source: Source, key: string, secret: string | undefined) {
  const sign = secret ?? 'not-the-secret';
  switch (source) {
    case 'github': {
      const body = fixtureText(
        'github/pull_request_review.submitted.payload.json',
      );
      return {
        body,
        headers: {
          'x-github-event': 'pull_request_review',
          'x-github-delivery': `matrix-${key}`,
          'x-hub-signature-256': `sha256=${hmac(sign, body)}`,
        },
      };
    }
    case 'launchdarkly': {
      const body = fixtureText('launchdarkly/flag-turned-off-production.json');
      return { body, headers: { 'x-ld-signature': hmac(sign, body) } };
    }
    case 'flagsmith': {
      const body = fixtureText('flagsmith/flag-turned-off.json');
      return { body, headers: { 'x-flagsmith-signature': hmac(sign, body) } };
    }
    case 'unleash': {
      const body = fixtureText('unleash/feature-environment-disabled.json');
      return { body, headers: { authorization: sign } };
    }
    default: {
      const body = fixtureText('cdevents/v0.5.1/service_deployed.json');
      return { body, headers: { authorization: `Bearer ${sign}` } };
    }
  }
}

type Caller = {
  key: string;
  title: string;
  /** Which test backend it calls: the permission decision there. */
  permission: AuthorizeResult.ALLOW | AuthorizeResult.DENY;
  /** Headers for the plugin's own endpoints. */
  headers: Record<string, string>;
  /** Webhooks: what this caller sends instead (the body's signature). */
  webhook?: (source: Source, key: string) => ReturnType<typeof delivery>;
};

const CALLERS: Caller[] = [
  {
    key: 'none',
    title: 'no credentials',
    permission: AuthorizeResult.ALLOW,
    headers: {},
  },
  {
    key: 'userDenied',
    title: 'user without permission',
    permission: AuthorizeResult.DENY,
    headers: {
      authorization: mockCredentials.user.header('user:default/omar'),
    },
  },
  {
    key: 'userAllowed',
    title: 'user with permission',
    permission: AuthorizeResult.ALLOW,
    headers: {
      authorization: mockCredentials.user.header('user:default/jane'),
    },
  },
  {
    key: 'service',
    title: 'service: pipeline static token',
    permission: AuthorizeResult.ALLOW,
    headers: { authorization: `Bearer ${PIPELINE_TOKEN}` },
  },
  {
    key: 'serviceDenyAll',
    title: 'service: pipeline static token, deny-all policy',
    permission: AuthorizeResult.DENY,
    headers: { authorization: `Bearer ${PIPELINE_TOKEN}` },
  },
  {
    key: 'scopedService',
    title: `service: static token restricted to ${REBUILD}`,
    permission: AuthorizeResult.ALLOW,
    headers: { authorization: `Bearer ${REBUILD_ONLY_TOKEN}` },
  },
  {
    key: 'otherPlugin',
    title: 'service: static token restricted to catalog',
    permission: AuthorizeResult.ALLOW,
    headers: { authorization: `Bearer ${CATALOG_ONLY_TOKEN}` },
  },
  {
    key: 'wrongSignature',
    title: 'webhook, wrong signature',
    permission: AuthorizeResult.ALLOW,
    headers: {},
    webhook: (source, key) => delivery(source, key, undefined),
  },
  {
    key: 'signed',
    title: 'webhook, right signature',
    permission: AuthorizeResult.ALLOW,
    headers: {},
    webhook: (source, key) => delivery(source, key, SECRETS[source]),
  },
];

/** What the seed created for one caller, so its writes have their own targets. */
type Targets = {
  exceptionId: string;
  findingId: string;
  rebuildId?: string;
  /** Stories sent for a service the catalog does not know, one per operator write. */
  storyIds: { reassign: string; withdraw: string };
};

type Endpoint = {
  label: string;
  /** What the README and openapi.yaml say; see `expected`. */
  kind:
    | 'open'
    | 'read'
    | 'org-read'
    | 'admin-read'
    | 'ingest'
    | 'write'
    | 'webhook'
    | 'webhook-or-service';
  /** The permission a people's write or admin read needs. */
  permission?: string;
  /**
   * A read's answer to a caller the catalog lets read nothing: lists are
   * filtered (200), a record is not there (404), an entity's summary 403.
   */
  denied?: string;
  send: (
    server: any,
    caller: Caller,
    targets: Targets,
  ) => Promise<request.Response>;
};

function call(
  server: any,
  method: 'get' | 'post',
  url: string,
  caller: Caller,
  body?: object,
) {
  let req = request(server)[method](`${PLUGIN_PATH}${url}`);
  // A webhook caller sends its signature headers on every endpoint.
  const headers = caller.webhook
    ? { ...caller.headers, ...caller.webhook('github', caller.key).headers }
    : caller.headers;
  for (const [k, v] of Object.entries(headers)) req = req.set(k, v);
  return body ? req.send(body) : req;
}

/**
 * Waits for a started rebuild to finish, so that the next caller starts one
 * of its own (202) instead of meeting this one still running (200).
 */
async function rebuildFinished(server: any, caller: Caller, id: string) {
  for (let i = 0; i < 200; i++) {
    const res = await call(server, 'get', `/v1/admin/rebuilds/${id}`, caller);
    if (res.body?.status !== 'running') return;
    await new Promise(resolve => setTimeout(resolve, 50));
  }
  throw new Error(`rebuild ${id} still running after 10 s`);
}

const read = (
  label: string,
  url: string,
  kind: 'read' | 'org-read' = 'read',
  denied?: string,
): Endpoint => ({
  label: `GET ${label}`,
  kind,
  denied,
  send: (server, caller) => call(server, 'get', url, caller),
});
const orgRead = (label: string, url: string) => read(label, url, 'org-read');

const webhook = (source: Source): Endpoint => ({
  label: `POST /v1/webhooks/${source}`,
  kind: source === 'cdevents' ? 'webhook-or-service' : 'webhook',
  send: (server, caller) => {
    const signed = caller.webhook?.(source, caller.key);
    // Other callers post the same delivery unsigned, with their credentials.
    const { body, headers } = signed ?? {
      body: delivery(source, caller.key, SECRETS[source]).body,
      headers: caller.headers,
    };
    let req = request(server)
      .post(`${PLUGIN_PATH}/v1/webhooks/${source}`)
      .set('content-type', 'application/json');
    for (const [k, v] of Object.entries(headers)) req = req.set(k, v);
    return req.send(body);
  },
});

const ENDPOINTS: Endpoint[] = [
  {
    label: 'GET /health',
    kind: 'open',
    send: (server, caller) => call(server, 'get', '/health', caller),
  },
  read('/openapi.json', '/openapi.json'),
  {
    label: 'POST /v1/events',
    kind: 'ingest',
    send: (server, caller) =>
      call(server, 'post', '/v1/events', caller, {
        id: `matrix-event-${caller.key}`,
        type: 'incident.opened',
        occurredAt: new Date().toISOString(),
        entityRef: 'component:default/payments-api',
        data: { incidentId: `INC-${caller.key}`, severity: 'P2' },
      }),
  },
  read('/v1/exceptions', '/v1/exceptions'),
  {
    label: 'POST /v1/exceptions',
    kind: 'write',
    send: (server, caller) =>
      call(server, 'post', '/v1/exceptions', caller, {
        entityRef: 'component:default/payments-api',
        kind: 'hotfix',
        name: `Recorded by ${caller.key}`,
        reason: 'Patched by hand during the outage',
      }),
  },
  {
    label: 'GET /v1/exceptions/{id}',
    kind: 'read',
    denied: '404',
    send: (server, caller, t) =>
      call(server, 'get', `/v1/exceptions/${t.exceptionId}`, caller),
  },
  {
    label: 'POST /v1/exceptions/{id}/tasks/{key}/complete',
    kind: 'write',
    send: (server, caller, t) =>
      call(
        server,
        'post',
        `/v1/exceptions/${t.exceptionId}/tasks/qa-scenario/complete`,
        caller,
        { evidenceUrl: 'https://qa.example.com/scenarios/1' },
      ),
  },
  read('/v1/findings', '/v1/findings'),
  {
    label: 'POST /v1/findings/{id}/acknowledge',
    kind: 'write',
    send: (server, caller, t) =>
      call(server, 'post', `/v1/findings/${t.findingId}/acknowledge`, caller, {
        name: 'Hotfix reviewed by one person',
        reason: 'The second reviewer was on leave',
      }),
  },
  read(
    '/v1/summary?entityRef=…',
    '/v1/summary?entityRef=component:default/payments-api',
    'read',
    '403',
  ),
  orgRead('/v1/scorecard', '/v1/scorecard?groupBy=owner'),
  orgRead('/v1/trends', '/v1/trends'),
  read('/v1/trail?changeId=…', '/v1/trail?changeId=pr-1'),
  orgRead('/v1/gates/merge?changeId=…', '/v1/gates/merge?changeId=pr-1'),
  orgRead('/v1/unmapped', '/v1/unmapped'),
  {
    label: 'POST /v1/unmapped/stories/{storyId}/reassign',
    kind: 'write',
    permission: REBUILD,
    send: (server, caller, t) =>
      call(
        server,
        'post',
        `/v1/unmapped/stories/${t.storyIds.reassign}/reassign`,
        caller,
        { entityRef: 'component:default/payments-api' },
      ),
  },
  {
    label: 'POST /v1/unmapped/stories/{storyId}/withdraw',
    kind: 'write',
    permission: REBUILD,
    send: (server, caller, t) =>
      call(
        server,
        'post',
        `/v1/unmapped/stories/${t.storyIds.withdraw}/withdraw`,
        caller,
        { reason: 'Sent for a service that does not exist' },
      ),
  },
  orgRead('/v1/inbox', '/v1/inbox?status=rejected'),
  orgRead('/v1/maintenance/failures', '/v1/maintenance/failures'),
  orgRead('/v1/ledger/verify', '/v1/ledger/verify'),
  orgRead(
    '/v1/evidence?from=…&to=…',
    '/v1/evidence?from=2026-01-01&to=2026-12-31',
  ),
  {
    label: 'POST /v1/admin/rebuilds',
    kind: 'write',
    permission: REBUILD,
    send: async (server, caller, t) => {
      const res = await call(server, 'post', '/v1/admin/rebuilds', caller, {});
      t.rebuildId = res.body?.id;
      if (t.rebuildId) await rebuildFinished(server, caller, t.rebuildId);
      return res;
    },
  },
  {
    label: 'GET /v1/admin/rebuilds',
    kind: 'admin-read',
    permission: REBUILD,
    send: (server, caller) => call(server, 'get', '/v1/admin/rebuilds', caller),
  },
  {
    label: 'GET /v1/admin/rebuilds/{id}',
    kind: 'admin-read',
    permission: REBUILD,
    send: (server, caller, t) =>
      call(
        server,
        'get',
        `/v1/admin/rebuilds/${t.rebuildId ?? 'none'}`,
        caller,
      ),
  },
  webhook('github'),
  webhook('launchdarkly'),
  webhook('unleash'),
  webhook('flagsmith'),
  webhook('cdevents'),
];

const PLUGIN_SERVICES = ['service', 'serviceDenyAll', 'scopedService'];
/** Callers the policy, or their token's restrictions, refuse reads. */
const NOT_READERS = ['userDenied', 'serviceDenyAll', 'scopedService'];

/** The documented answer, as a status or a class such as `2xx`. */
function expected(endpoint: Endpoint, caller: Caller): string {
  const signedWebhook = caller.key === 'signed';
  const pluginService = PLUGIN_SERVICES.includes(caller.key);
  switch (endpoint.kind) {
    case 'open': // no credentials needed
      return '200';
    case 'webhook': // only the sender's signature counts
      return signedWebhook ? '2xx' : '401';
    case 'webhook-or-service': // the signature, or a service token for this plugin
      return signedWebhook || pluginService ? '2xx' : '401';
    default:
  }
  switch (caller.key) {
    case 'none':
    case 'wrongSignature':
    case 'signed':
      return '401'; // a signature is not a credential outside webhooks
    case 'otherPlugin':
      return '403'; // the token's access restrictions exclude this plugin
    default:
  }
  if (endpoint.kind === 'read' || endpoint.kind === 'org-read') {
    // The catalog's read permission per entity; the plugin's own read
    // permission for answers across services.
    if (!NOT_READERS.includes(caller.key)) return '200';
    return endpoint.kind === 'org-read' ? '403' : endpoint.denied ?? '200';
  }
  if (pluginService) {
    // Services may ingest; people's writes and admin reads only
    // with the permission named in their token's access restrictions.
    if (endpoint.kind === 'ingest') return '2xx';
    const named = caller.key === 'scopedService' && endpoint.permission;
    if (!named) return '403';
    return endpoint.kind === 'admin-read' ? '200' : '2xx';
  }
  if (endpoint.kind === 'admin-read') {
    return caller.key === 'userAllowed' ? '200' : '403'; // the rebuild permission
  }
  if (endpoint.kind === 'ingest') return '403'; // service principals only
  return caller.key === 'userAllowed' ? '2xx' : '403';
}

const matches = (status: number, want: string) =>
  want.endsWith('xx') ? String(status)[0] === want[0] : String(status) === want;

function renderDoc(actual: Map<string, Map<string, number>>): string {
  const header = `| endpoint | ${CALLERS.map(c => c.title).join(' | ')} |`;
  const rule = `| --- | ${CALLERS.map(() => '---').join(' | ')} |`;
  const rows = ENDPOINTS.map(
    e =>
      `| \`${e.label}\` | ${CALLERS.map(c =>
        actual.get(e.label)!.get(c.key),
      ).join(' | ')} |`,
  );
  return `# Who may call what: the auth matrix

Every endpoint of the process-exceptions backend plugin
([\`openapi.yaml\`](../plugins/process-exceptions-backend/src/schema/openapi.yaml),
the webhook route included), paths relative to
\`/api/process-exceptions\`, called by each kind of caller. Each cell is the
HTTP status the plugin answered. Generated by
[\`packages/cluster-tests/src/auth/authMatrix.test.ts\`](../packages/cluster-tests/src/auth/authMatrix.test.ts),
which \`bash scripts/test.sh\` runs and which fails when an answer differs
from what is documented or from this table (\`UPDATE_AUTH_MATRIX=1\` rewrites
it).

The callers:

- **no credentials** — no \`Authorization\` header.
- **user without permission** / **user with permission** — a signed-in
  person; the permission policy denies, or allows, the
  \`process-exceptions.*\` permissions.
- **service: pipeline static token** — the pipeline's token from
  \`backend.auth.externalAccess\` (\`accessRestrictions: [{ plugin: process-exceptions }]\`);
  **deny-all policy**: the same token where the permission policy denies
  everything.
- **service: static token restricted to ${REBUILD}** — a token whose
  \`accessRestrictions\` are \`[{ plugin: process-exceptions, permission: ${REBUILD} }]\`.
- **service: static token restricted to catalog** — a real external-access
  token whose \`accessRestrictions\` name only \`catalog\`.
- **webhook, wrong signature** / **right signature** — a sender's delivery
  signed with a wrong or the configured secret
  (\`processExceptions.webhooks.<source>.secret\`), no Backstage token. On the
  other endpoints they send GitHub's signature header, which is not a credential.

${header}
${rule}
${rows.join('\n')}

How to read it:

- \`401\`: no valid credentials for this endpoint (or no valid signature on a
  webhook); \`403\`: valid credentials that may not do this — a person posting
  to the ingestion API (service principals only), a write without the
  permission, a token whose access restrictions exclude this plugin.
- People's writes (recording an exception, completing a task, acknowledging
  a finding, rebuilds) pass through the permission framework. Backstage
  allows any service token there unless its access restrictions name other
  permissions, so the plugin lets a service make them only when its token's
  access restrictions name the permission, or
  \`processExceptions.servicePermissions\` grants it to the token's subject
  (the demo portal's \`app-config.demo.yaml\` grants its pipeline token
  \`${REBUILD}\`, this matrix's config grants nothing). Such a write is
  recorded as \`service:<subject>\`. Ingestion needs no permission.
- Reads follow the catalog: a service's exceptions, findings, summary and
  trail entries need the catalog's \`catalog.entity.read\` for that entity (lists leave
  out what the caller may not read; an exception of an unreadable entity is
  404). Answers across services — scorecard, trends, merge gate, unmapped
  events, inbox, maintenance failures, the evidence export of every
  service — need
  \`process-exceptions.read\`, which also lifts the per-entity check. A
  token whose access restrictions name permissions reads only with those
  it names (the rebuild-only token reads nothing).
- Webhooks answer only to the sender's signature; a Backstage token does not
  replace it, except for CDEvents, whose senders may use a service token
  of this plugin instead of the shared secret. \`202\` means the delivery was
  kept as ignored (nothing the rules read); \`200\` a duplicate delivery.
- \`/health\` needs no credentials, and answers 200 even to a token restricted
  to another plugin: unauthenticated paths do not look at tokens.
`;
}

const databases = TestDatabases.create({ ids: ['POSTGRES_15'] });

describe('the auth matrix', () => {
  const backends = new Map<
    AuthorizeResult,
    { server: any; targets: Map<string, Targets> }
  >();

  beforeAll(async () => {
    postgresFromEnv(); // fails loudly without PostgreSQL
    for (const permission of [
      AuthorizeResult.ALLOW,
      AuthorizeResult.DENY,
    ] as const) {
      const knex = await databases.init('POSTGRES_15');
      const backend = await startTestBackend({
        features: [
          processExceptionsBackend,
          mockServices.database.factory({ knex }),
          mockServices.rootConfig.factory({ data: config }),
          mockServices.permissions.factory({ result: permission }),
          catalogServiceMock.factory({
            entities: [
              component('payments-api', 'payments-team'),
              component('checkout-web', 'checkout-team'),
            ],
          }),
          httpAuthServiceFactory,
          mixedAuthServiceFactory,
        ],
      });
      // One unreviewed hotfix per caller: an exception with tasks and a
      // finding each, so every caller's writes have targets of their own.
      const targets = new Map<string, Targets>();
      for (const caller of CALLERS) {
        const res = await request(backend.server)
          .post(`${PLUGIN_PATH}/v1/events`)
          .set('authorization', `Bearer ${PIPELINE_TOKEN}`)
          .send({
            id: `seed-${caller.key}`,
            type: 'deployment.finished',
            occurredAt: new Date(Date.now() - 3600_000).toISOString(),
            entityRef: 'component:default/payments-api',
            data: {
              deploymentId: `seed-${caller.key}`,
              environment: 'production',
              outcome: 'succeeded',
              labels: ['hotfix'],
              changeIds: [`pr-seed-${caller.key}`],
            },
          });
        if (res.status !== 201) {
          throw new Error(`seeding failed: ${res.status} ${res.text}`);
        }
        const [result] = res.body.results;
        const storyIds = {
          reassign: `ST-reassign-${caller.key}`,
          withdraw: `ST-withdraw-${caller.key}`,
        };
        const stories = await request(backend.server)
          .post(`${PLUGIN_PATH}/v1/events`)
          .set('authorization', `Bearer ${PIPELINE_TOKEN}`)
          .send({
            events: Object.values(storyIds).map(storyId => ({
              id: `seed-${storyId}`,
              type: 'story.pulled',
              occurredAt: new Date(Date.now() - 3600_000).toISOString(),
              entityRef: 'component:default/not-registered',
              data: {
                storyId,
                title: 'A story for an unknown service',
                gaps: [{ key: 'copy', description: 'Final copy' }],
              },
            })),
          });
        if (stories.status !== 201) {
          throw new Error(`seeding failed: ${stories.status} ${stories.text}`);
        }
        targets.set(caller.key, {
          exceptionId: result.exceptions[0].id,
          findingId: result.findings[0].id,
          storyIds,
        });
      }
      backends.set(permission, { server: backend.server, targets });
    }
  }, 120_000);

  it('answers every endpoint × caller as documented, and docs/auth-matrix.md shows it', async () => {
    const actual = new Map<string, Map<string, number>>();
    const wrong: string[] = [];
    for (const endpoint of ENDPOINTS) {
      const row = new Map<string, number>();
      for (const caller of CALLERS) {
        const { server, targets } = backends.get(caller.permission)!;
        const res = await endpoint.send(
          server,
          caller,
          targets.get(caller.key)!,
        );
        row.set(caller.key, res.status);
        const want = expected(endpoint, caller);
        if (!matches(res.status, want)) {
          wrong.push(
            `${endpoint.label} as ${caller.title}: ${
              res.status
            }, documented ${want} (${JSON.stringify(res.body).slice(0, 200)})`,
          );
        }
      }
      actual.set(endpoint.label, row);
    }
    expect(wrong).toEqual([]);

    const doc = renderDoc(actual);
    if (process.env.UPDATE_AUTH_MATRIX) {
      fs.mkdirSync(path.dirname(DOC), { recursive: true });
      fs.writeFileSync(DOC, doc);
    }
    expect(fs.existsSync(DOC) ? fs.readFileSync(DOC, 'utf8') : '').toBe(doc);
  }, 120_000);
});
