import { mockCredentials } from '@backstage/backend-test-utils';
import request from 'supertest';
import { createTestDatabases } from '../__testUtils__/databases';
import {
  BASE,
  event,
  startApi,
  TRUSTED_PIPELINE_CLOCK,
} from '../__testUtils__/testBackend';

const databases = createTestDatabases();

describe.each(databases.eachSupportedId())('ingestion on %p', databaseId => {
  let api: Awaited<ReturnType<typeof startApi>>;
  // These tests replay histories in different orders and compare: the
  // times they send must count as sent.
  const start = () =>
    startApi(databases, databaseId, { config: TRUSTED_PIPELINE_CLOCK });
  beforeEach(async () => {
    api = await start();
  });

  const hotfix = (id: string, minutesAgo = 0) =>
    event(
      'deployment.finished',
      {
        deploymentId: id,
        environment: 'production',
        outcome: 'succeeded',
        labels: ['hotfix'],
      },
      { minutesAgo, id: `deploy-${id}` },
    );

  it('records an event sent twice once, and says the second was a duplicate', async () => {
    const e = hotfix('d-1');
    const first = await api.post(e);
    const second = await api.post(e);
    expect(first.status).toBe(201);
    expect(first.body.results[0]).toEqual(
      expect.objectContaining({
        id: e.id,
        status: 'recorded',
        unmapped: false,
      }),
    );
    expect(second.status).toBe(200);
    expect(second.body.results[0]).toEqual(
      expect.objectContaining({
        id: e.id,
        status: 'duplicate',
        exceptions: [],
        findings: [],
      }),
    );
    expect(await api.ledgerCount()).toBe(1);
    expect((await api.get('/v1/exceptions')).body.items).toHaveLength(1);
  });

  it('records a duplicate inside one batch once', async () => {
    const e = hotfix('d-2');
    const res = await api.post({ events: [e, e, hotfix('d-3')] });
    expect(res.body.results.map((r: any) => r.status)).toEqual([
      'recorded',
      'duplicate',
      'recorded',
    ]);
    expect(await api.ledgerCount()).toBe(2);
  });

  it('records concurrent deliveries of the same events once', async () => {
    const batch = { events: [hotfix('d-4'), hotfix('d-5'), hotfix('d-6')] };
    const responses = await Promise.all([
      api.post(batch),
      api.post(batch),
      api.post(batch),
    ]);
    expect(responses.every(r => r.status < 300)).toBe(true);
    const recorded = responses
      .flatMap(r => r.body.results)
      .filter((r: any) => r.status === 'recorded');
    expect(recorded).toHaveLength(3);
    expect(await api.ledgerCount()).toBe(3);
    expect((await api.get('/v1/exceptions')).body.items).toHaveLength(3);
  });

  it('ends in the same state whatever order the events arrive in', async () => {
    const events = [
      event(
        'incident.opened',
        { incidentId: 'INC-1', severity: 'P0' },
        { minutesAgo: 90, id: 'i-open' },
      ),
      event(
        'change.reviewed',
        {
          changeId: 'pr-1',
          reviewer: 'tl',
          role: 'tech-lead',
          decision: 'approved',
        },
        { minutesAgo: 80, id: 'r-1' },
      ),
      event(
        'deployment.finished',
        {
          deploymentId: 'd-9',
          environment: 'production',
          outcome: 'succeeded',
          changeIds: ['pr-1'],
          incidentId: 'INC-1',
        },
        { minutesAgo: 70, id: 'dep' },
      ),
      event(
        'incident.resolved',
        { incidentId: 'INC-1' },
        { minutesAgo: 60, id: 'i-res' },
      ),
    ];
    for (const e of [...events].reverse()) await api.post(e);
    const reversed = (await api.get('/v1/exceptions')).body.items;
    const reversedFindings = (await api.get('/v1/findings')).body.items;

    const inOrder = await start();
    await inOrder.post({ events });
    expect((await inOrder.get('/v1/exceptions')).body.items).toEqual(reversed);
    expect((await inOrder.get('/v1/findings')).body.items).toEqual(
      reversedFindings,
    );
    expect(reversed[0].deadline).toBe(
      new Date(Date.parse(events[3].occurredAt) + 24 * 3600_000).toISOString(),
    );
    expect(reversedFindings.map((f: any) => f.rule)).toEqual([
      'abbreviated-review-below-minimum',
    ]);
  });

  it('derives from a batch of many services what the same events derive one by one', async () => {
    // Beyond the size at which a group reads its own events back, so the
    // batch's events are handed to the rules, not read.
    const story = (k: number) => {
      const entity = k % 2 ? 'ledger' : 'payments';
      const at = (minutesAgo: number, id: string) => ({
        minutesAgo,
        entity,
        id: `${id}-${k}`,
      });
      return [
        event(
          'incident.opened',
          { incidentId: `INC-${k}`, severity: 'P0' },
          at(90, 'open'),
        ),
        event(
          'change.reviewed',
          {
            changeId: `pr-${k}`,
            reviewer: 'tl',
            role: 'tech-lead',
            decision: 'approved',
          },
          at(80, 'review'),
        ),
        event(
          'deployment.finished',
          {
            deploymentId: `d-${k}`,
            environment: 'production',
            outcome: 'succeeded',
            changeIds: [`pr-${k}`],
            incidentId: `INC-${k}`,
          },
          at(70, 'deploy'),
        ),
        event('incident.resolved', { incidentId: `INC-${k}` }, at(60, 'res')),
      ];
    };
    const events = Array.from({ length: 20 }, (_, k) => story(k)).flat();
    // One is in the ledger already: read, not handed over.
    await api.post(events[1]);
    const res = await api.post({ events });
    expect(
      res.body.results.filter((r: any) => r.status === 'duplicate'),
    ).toHaveLength(1);

    const oneByOne = await start();
    for (const e of [...events].reverse()) await oneByOne.post(e);
    const batched = (await api.get('/v1/exceptions?limit=100')).body.items;
    expect(batched).toHaveLength(20);
    expect((await oneByOne.get('/v1/exceptions?limit=100')).body.items).toEqual(
      batched,
    );
    // Each exception with its tasks and timeline, but when it was received.
    const detail = async (from: typeof api, id: string) => {
      const { timeline, ...rest } = (await from.get(`/v1/exceptions/${id}`))
        .body;
      return {
        ...rest,
        timeline: timeline.map(({ receivedAt, ...e }: any) => e),
      };
    };
    for (const { id } of batched) {
      const fromBatch = await detail(api, id);
      expect(fromBatch.timeline).toHaveLength(3);
      expect(await detail(oneByOne, id)).toEqual(fromBatch);
    }
    const findings = (await api.get('/v1/findings')).body.items;
    expect(findings).toHaveLength(20);
    expect((await oneByOne.get('/v1/findings')).body.items).toEqual(findings);
  });

  it('keeps an event whose service the catalog does not know, and reports it unmapped', async () => {
    const e = {
      ...hotfix('d-7'),
      entityRef: 'component:default/not-in-catalog',
    };
    const res = await api.post(e);
    expect(res.status).toBe(201);
    expect(res.body.results[0]).toEqual(
      expect.objectContaining({
        status: 'recorded',
        unmapped: true,
        entityRef: null,
        exceptions: [],
      }),
    );
    expect(await api.ledgerCount()).toBe(1);
    const unmapped = await api.get('/v1/unmapped');
    expect(unmapped.body.items).toEqual([
      expect.objectContaining({
        id: e.id,
        subject: 'component:default/not-in-catalog',
      }),
    ]);
  });

  it('refuses writes without a service token, and reads without credentials', async () => {
    const e = hotfix('d-8');
    const none = await request(api.server)
      .post(`${BASE}/v1/events`)
      .set('Authorization', mockCredentials.none.header())
      .send(e);
    expect(none.status).toBe(401);
    const asUser = await request(api.server)
      .post(`${BASE}/v1/events`)
      .set('Authorization', mockCredentials.user.header())
      .send(e);
    expect(asUser.status).toBe(403);
    const read = await request(api.server)
      .get(`${BASE}/v1/exceptions`)
      .set('Authorization', mockCredentials.none.header());
    expect(read.status).toBe(401);
    expect(await api.ledgerCount()).toBe(0);
  });
});
