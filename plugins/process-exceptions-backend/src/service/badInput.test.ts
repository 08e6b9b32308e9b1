import { createTestDatabases } from '../__testUtils__/databases';
import { event, startApi } from '../__testUtils__/testBackend';

const databases = createTestDatabases();

const good = () =>
  event('deployment.finished', {
    deploymentId: 'd-1',
    environment: 'production',
    outcome: 'succeeded',
    labels: ['hotfix'],
  });

function nested(depth: number): object {
  let value: object = { leaf: true };
  for (let i = 0; i < depth; i++) value = { next: value };
  return value;
}

// Each body is wrong in one way; the message must name where.
const corpus: Array<[string, () => unknown, RegExp]> = [
  ['a JSON array', () => [good()], /body: expected a JSON object/],
  ['an empty object', () => ({}), /id/],
  ['a missing id', () => ({ ...good(), id: undefined }), /^id: Required/],
  ['a numeric id', () => ({ ...good(), id: 42 }), /^id: Expected string/],
  ['an empty id', () => ({ ...good(), id: '' }), /^id/],
  ['a huge id', () => ({ ...good(), id: 'x'.repeat(300) }), /^id/],
  ['a missing type', () => ({ ...good(), type: undefined }), /^type/],
  [
    'an unknown type',
    () => ({ ...good(), type: 'deployment.exploded' }),
    /unknown event type 'deployment.exploded'/,
  ],
  [
    'a missing occurredAt',
    () => ({ ...good(), occurredAt: undefined }),
    /^occurredAt/,
  ],
  [
    'an invalid date',
    () => ({ ...good(), occurredAt: '2026-13-45T99:00:00Z' }),
    /^occurredAt/,
  ],
  [
    'a date without time zone',
    () => ({ ...good(), occurredAt: '2026-11-24T10:00:00' }),
    /^occurredAt/,
  ],
  [
    'a date far in the past',
    () => ({ ...good(), occurredAt: '1970-01-01T00:00:00Z' }),
    /^occurredAt: must be a time between/,
  ],
  [
    'a date far in the future',
    () => ({ ...good(), occurredAt: '2999-01-01T00:00:00Z' }),
    /^occurredAt: must be a time between/,
  ],
  [
    'a malformed entityRef',
    () => ({ ...good(), entityRef: 'component:' }),
    /^entityRef/,
  ],
  ['data that is a string', () => ({ ...good(), data: 'nope' }), /^data/],
  [
    'a missing data field',
    () => ({
      ...good(),
      data: { environment: 'production', outcome: 'succeeded' },
    }),
    /^data\.deploymentId: Required/,
  ],
  [
    'a wrong enum',
    () => ({ ...good(), data: { ...good().data, outcome: 'exploded' } }),
    /^data\.outcome/,
  ],
  [
    'a boolean as a string',
    () => ({ ...good(), data: { ...good().data, viaPipeline: 'no' } }),
    /^data\.viaPipeline/,
  ],
  [
    'labels that are not a list',
    () => ({ ...good(), data: { ...good().data, labels: 'hotfix' } }),
    /^data\.labels/,
  ],
  [
    'a huge reason',
    () => ({ ...good(), data: { ...good().data, reason: 'x'.repeat(5000) } }),
    /^data\.reason/,
  ],
  [
    'a javascript: URL',
    () => ({
      ...good(),
      // eslint-disable-next-line no-script-url -- hostile input under test
      data: { ...good().data, pipelineRunUrl: 'javascript:alert(1)' },
    }),
    /^data\.pipelineRunUrl/,
  ],
  [
    'an HTML string as a URL',
    () => ({
      ...good(),
      data: { ...good().data, pipelineRunUrl: '<script>alert(1)</script>' },
    }),
    /^data\.pipelineRunUrl/,
  ],
  [
    'deep nesting in data',
    () => ({ ...good(), data: nested(200) }),
    /^data(\.next)+: nested deeper than 32 levels/,
  ],
  [
    'a backfill naming nothing',
    () => event('backfill.completed', { taskKey: 'qa-scenario' }),
    /^data: needs exceptionId or incidentId/,
  ],
  [
    'an empty batch',
    () => ({ events: [] }),
    /^events: must contain at least one event/,
  ],
  ['a batch that is not a list', () => ({ events: 'x' }), /^events/],
  [
    'a batch of 501',
    () => ({ events: Array.from({ length: 501 }, good) }),
    /at most 500 events/,
  ],
  [
    'one bad event in a batch',
    () => ({
      events: [
        good(),
        { ...good(), id: 'b', data: { ...good().data, changeIds: [1] } },
      ],
    }),
    /^events\[1\]\.data\.changeIds\[0\]/,
  ],
  [
    'a story whose gaps lack keys',
    () =>
      event('story.pulled', {
        storyId: 'S',
        title: 'T',
        gaps: [{ description: 'd' }],
      }),
    /^data\.gaps\[0\]\.key/,
  ],
];

describe.each(databases.eachSupportedId())('bad input on %p', databaseId => {
  let api: Awaited<ReturnType<typeof startApi>>;
  beforeAll(async () => {
    api = await startApi(databases, databaseId);
  });

  it.each(corpus)(
    'rejects %s with a 400 naming the problem, storing nothing',
    async (_name, body, message) => {
      const res = await api.post(body());
      expect(res.status).toBe(400);
      expect(res.body.error.name).toBe('InputError');
      expect(res.body.error.message).toMatch(message);
      expect(await api.ledgerCount()).toBe(0);
    },
  );

  it('stores SQL and HTML in strings as plain text', async () => {
    // Its own backend: the ledger keeps what it records, and the others
    // here expect an empty one.
    const own = await startApi(databases, databaseId);
    const e = event('deployment.finished', {
      deploymentId: "d'); DROP TABLE pe_events; --",
      environment: 'production',
      outcome: 'succeeded',
      labels: ['hotfix'],
      reason: '<img src=x onerror=alert(1)>',
    });
    expect((await own.post(e)).status).toBe(201);
    const [exception] = (await own.get('/v1/exceptions')).body.items;
    expect(exception.reason).toBe('<img src=x onerror=alert(1)>');
    expect(exception.links.deployment).toBe("d'); DROP TABLE pe_events; --");
  });

  it('answers a body over the size limit with 413, and keeps serving', async () => {
    const res = await api.post({
      ...good(),
      data: { ...good().data, padding: 'x'.repeat(2 * 1024 * 1024) },
    });
    expect(res.status).toBe(413);
    expect(await api.ledgerCount()).toBe(0);
    expect((await api.get('/health')).status).toBe(200);
  });

  it('answers a JSON string with 400 naming the body', async () => {
    const res = await api
      .post('"hello"')
      .set('Content-Type', 'application/json');
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/^body: expected a JSON object/);
  });

  it('answers malformed JSON with 400', async () => {
    const res = await api
      .post('{"id": "x", "type": ')
      .set('Content-Type', 'application/json');
    expect(res.status).toBe(400);
    expect(await api.ledgerCount()).toBe(0);
  });
});
