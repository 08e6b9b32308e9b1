import { mockCredentials } from '@backstage/backend-test-utils';
import request from 'supertest';
import { createTestDatabases } from '../__testUtils__/databases';
import { BASE, event, startApi } from '../__testUtils__/testBackend';

const databases = createTestDatabases();

type Case = {
  name: string;
  body: string | object;
  contentType?: string;
  message: RegExp;
};

const deep = (n: number) => `${'{"a":'.repeat(n)}1${'}'.repeat(n)}`;

/** Hostile bodies every JSON write endpoint must turn away the same way. */
const generic: Case[] = [
  {
    name: 'truncated JSON',
    body: '{"id": "x", "type": ',
    message: /JSON|Unexpected|Expected/i,
  },
  {
    name: 'JSON with a trailing comma',
    body: '{"id": "x",}',
    message: /JSON|Unexpected|Expected/i,
  },
  {
    name: 'a bare word',
    body: 'undefined',
    message: /JSON|Unexpected|Expected|not valid/i,
  },
  {
    name: 'an unclosed array',
    body: '[1, 2',
    message: /JSON|Unexpected|Expected/i,
  },
  {
    name: 'plain text',
    body: 'hello',
    contentType: 'text/plain',
    message: /Content-Type must be application\/json/,
  },
  {
    name: 'a form',
    body: 'id=x&type=y',
    contentType: 'application/x-www-form-urlencoded',
    message: /Content-Type must be application\/json/,
  },
  {
    name: 'XML',
    body: '<event id="x"/>',
    contentType: 'application/xml',
    message: /Content-Type must be application\/json/,
  },
  {
    name: 'deep nesting',
    body: deep(100),
    message: /nested deeper than 32 levels/,
  },
  {
    name: 'a __proto__ key',
    body: '{"__proto__": {"isAdmin": true}}',
    message: /the key '__proto__' is not allowed/,
  },
  {
    name: 'a constructor key',
    body: '{"constructor": {"prototype": {}}}',
    message: /the key 'constructor' is not allowed/,
  },
  {
    name: 'a prototype key deep inside',
    body: '{"data": {"x": {"prototype": 1}}}',
    message: /^data.x.prototype: the key 'prototype'/,
  },
  {
    name: 'a NUL byte',
    body: '{"name": "a\\u0000b", "id": "a\\u0000b"}',
    message: /contains a NUL character/,
  },
  {
    name: 'a lone surrogate',
    body: '{"name": "\\ud83d", "id": "\\ud83d"}',
    message: /invalid Unicode/,
  },
  {
    name: 'a JSON string',
    body: '"just a string"',
    message: /expected|Expected|must be object/,
  },
  {
    name: 'a JSON number',
    body: '42',
    message: /expected|Expected|must be object/,
  },
];

const good = () =>
  event('deployment.finished', {
    deploymentId: 'd-1',
    environment: 'production',
    outcome: 'succeeded',
    pipelineRunUrl: 'https://ci.example.com/1',
  });
const withData = (data: object) => ({
  ...good(),
  data: { ...good().data, ...data },
});
const SQL = "x' OR 1=1; DROP TABLE pe_events; --";
const HTML = '<script>alert(document.cookie)</script>';
// eslint-disable-next-line no-script-url -- hostile input under test
const JS_URL = 'javascript:alert(1)';

const eventCases: Case[] = [
  ...[
    ['pipelineRunUrl', JS_URL],
    ['pipelineRunUrl', SQL],
    ['pipelineRunUrl', HTML],
    ['pipelineRunUrl', 'data:text/html,<b>x</b>'],
    ['pipelineRunUrl', `https://example.com/${'a'.repeat(3000)}`],
    ['outcome', SQL],
    ['outcome', HTML],
    ['environment', 'x'.repeat(101)],
    ['environment', ''],
    ['deploymentId', 'x'.repeat(256)],
    ['deploymentId', 42],
    ['changeIds', [SQL, { nested: true }]],
    ['changeIds', Array.from({ length: 101 }, (_, i) => `pr-${i}`)],
    ['labels', HTML],
    ['viaPipeline', 'false'],
    ['reason', 'x'.repeat(2001)],
    ['fixes', 'flag-1'],
  ].map(([field, value]) => ({
    name: `data.${field} = ${JSON.stringify(value).slice(0, 40)}`,
    body: withData({ [field as string]: value }),
    message: new RegExp(`^data\\.${field}`),
  })),
  {
    name: 'an id of SQL that is too long',
    body: { ...good(), id: SQL.repeat(20) },
    message: /^id/,
  },
  {
    name: 'an HTML type',
    body: { ...good(), type: HTML },
    message: /^type: unknown event type/,
  },
  {
    name: 'a SQL type',
    body: { ...good(), type: SQL },
    message: /^type: unknown event type/,
  },
  {
    name: 'a time in 1969',
    body: { ...good(), occurredAt: '1969-07-20T20:17:00Z' },
    message: /^occurredAt: must be a time between/,
  },
  {
    name: 'a time in 2100',
    body: { ...good(), occurredAt: '2100-01-01T00:00:00Z' },
    message: /^occurredAt: must be a time between/,
  },
  {
    name: 'a time as epoch milliseconds',
    body: { ...good(), occurredAt: Date.now() },
    message: /^occurredAt/,
  },
  {
    name: 'a time with SQL',
    body: { ...good(), occurredAt: `2026-01-01T00:00:00Z${SQL}` },
    message: /^occurredAt/,
  },
  {
    name: 'an entityRef of HTML',
    body: { ...good(), entityRef: HTML },
    message: /^entityRef/,
  },
  {
    name: 'an actor of 10,000 characters',
    body: { ...good(), actor: 'a'.repeat(10_000) },
    message: /^actor/,
  },
  {
    name: 'data as an array',
    body: { ...good(), data: [1, 2] },
    message: /^data/,
  },
  {
    name: 'a story gap of HTML keys',
    body: event('story.pulled', {
      storyId: 'S',
      title: 'T',
      gaps: [{ key: '', description: HTML }],
    }),
    message: /^data.gaps\[0\].key/,
  },
  {
    name: 'a review with an SQL decision',
    body: event('change.reviewed', {
      changeId: 'c',
      reviewer: 'r',
      decision: SQL,
    }),
    message: /^data.decision/,
  },
  {
    name: 'a flag change with enabled as a string',
    body: event('flag.changed', {
      flagKey: 'f',
      environment: 'production',
      enabled: 'off',
    }),
    message: /^data.enabled/,
  },
  {
    name: 'a verification with a javascript: URL',
    body: event('verification.finished', {
      environment: 'staging',
      outcome: 'passed',
      url: JS_URL,
    }),
    message: /^data.url/,
  },
  {
    name: 'a backfill with a javascript: evidence link',
    body: event('backfill.completed', {
      incidentId: 'I',
      taskKey: 'qa-scenario',
      evidenceUrl: JS_URL,
    }),
    message: /^data.evidenceUrl/,
  },
  {
    name: 'a batch hiding one bad event',
    body: { events: [good(), good(), withData({ outcome: HTML })] },
    message: /^events\[2\]\.data\.outcome/,
  },
  {
    name: 'a batch of 10,000',
    body: { events: Array.from({ length: 10_000 }, () => ({ id: 'x' })) },
    message: /at most 500 events/,
  },
  {
    name: 'a body over 1 MiB',
    body: withData({ reason: 'x'.repeat(1_100_000) }),
    message: /too large/i,
  },
];

const portalCases: Case[] = [
  {
    name: 'an HTML kind',
    body: {
      entityRef: 'component:default/payments',
      kind: HTML,
      name: 'n',
      reason: 'r',
    },
    message: /^request\/body\/kind must be equal to one of the allowed values/,
  },
  {
    name: 'a name of 300 characters',
    body: {
      entityRef: 'component:default/payments',
      kind: 'hotfix',
      name: 'n'.repeat(300),
      reason: 'r',
    },
    message: /^request\/body\/name must NOT have more than 255 characters/,
  },
  {
    name: 'an empty reason',
    body: {
      entityRef: 'component:default/payments',
      kind: 'hotfix',
      name: 'n',
      reason: '   ',
    },
    message: /^body.reason: a reason is required/,
  },
  {
    name: 'an unknown field',
    body: {
      entityRef: 'component:default/payments',
      kind: 'hotfix',
      name: 'n',
      reason: 'r',
      isAdmin: true,
    },
    message: /^request\/body must NOT have additional properties/,
  },
  {
    name: 'links with a nested object',
    body: {
      entityRef: 'component:default/payments',
      kind: 'hotfix',
      name: 'n',
      reason: 'r',
      links: { incident: { $gt: '' } },
    },
    message: /^request\/body\/links\/incident must be string/,
  },
  {
    name: 'partial readiness without gaps',
    body: {
      entityRef: 'component:default/payments',
      kind: 'partial-readiness',
      name: 'n',
      reason: 'r',
    },
    message: /^body.gaps/,
  },
];

const taskCases: Case[] = [
  {
    name: 'a javascript: evidence link',
    body: { evidenceUrl: JS_URL },
    message: /^body.evidenceUrl: must be an http\(s\) URL/,
  },
  {
    name: 'a SQL evidence link',
    body: { evidenceUrl: SQL },
    message: /^request\/body\/evidenceUrl must match format "uri"/,
  },
  {
    name: 'an HTML evidence link',
    body: { evidenceUrl: HTML },
    message: /^request\/body\/evidenceUrl must match format "uri"/,
  },
  {
    name: 'no evidence link',
    body: {},
    message: /^request\/body must have required property 'evidenceUrl'/,
  },
];

const ackCases: Case[] = [
  {
    name: 'a missing name',
    body: { reason: 'r' },
    message: /^request\/body must have required property 'name'/,
  },
  {
    name: 'a reason of 5,000 characters',
    body: { name: 'n', reason: 'r'.repeat(5000) },
    message: /^request\/body\/reason must NOT have more than 2000 characters/,
  },
  {
    name: 'a name as a number',
    body: { name: 1, reason: 'r' },
    message: /^request\/body\/name must be string/,
  },
];

const endpoints: Array<{ path: string; auth: () => string; cases: Case[] }> = [
  {
    path: '/v1/events',
    auth: () => mockCredentials.service.header(),
    cases: [...generic, ...eventCases],
  },
  {
    path: '/v1/exceptions',
    auth: () => mockCredentials.user.header(),
    cases: [...generic, ...portalCases],
  },
  {
    path: '/v1/exceptions/some-id/tasks/qa-scenario/complete',
    auth: () => mockCredentials.user.header(),
    cases: [...generic, ...taskCases],
  },
  {
    path: '/v1/findings/some-id/acknowledge',
    auth: () => mockCredentials.user.header(),
    cases: [...generic, ...ackCases],
  },
];

describe.each(databases.eachSupportedId())(
  'hostile input on %p',
  databaseId => {
    let api: Awaited<ReturnType<typeof startApi>>;
    beforeAll(async () => {
      api = await startApi(databases, databaseId);
    });

    const total = endpoints.reduce((n, e) => n + e.cases.length, 0);
    it(`has a corpus of at least 60 bodies (${total})`, () => {
      expect(total).toBeGreaterThanOrEqual(60);
    });

    describe.each(endpoints)('POST $path', ({ path, auth, cases }) => {
      it.each(cases)(
        'turns away $name with a 4xx naming the problem, storing nothing',
        async ({ body, contentType, message }) => {
          const res = await request(api.server)
            .post(`${BASE}${path}`)
            .set('Authorization', auth())
            .set('Content-Type', contentType ?? 'application/json')
            .send(typeof body === 'string' ? body : JSON.stringify(body));
          expect(res.status).toBeGreaterThanOrEqual(400);
          expect(res.status).toBeLessThan(500);
          expect(res.body.error.message).toMatch(message);
          expect(await api.ledgerCount()).toBe(0);
        },
      );
    });

    it('is still serving afterwards', async () => {
      expect((await api.get('/health')).status).toBe(200);
      expect((await api.post(good())).status).toBe(201);
    });
  },
);
