import { createTestDatabases } from '../__testUtils__/databases';
import { event, startApi } from '../__testUtils__/testBackend';

const databases = createTestDatabases();

describe.each(databases.eachSupportedId())('reading on %p', databaseId => {
  let api: Awaited<ReturnType<typeof startApi>>;
  beforeAll(async () => {
    api = await startApi(databases, databaseId);
    const hotfix = (entity: string, id: string, minutesAgo: number) =>
      event(
        'deployment.finished',
        {
          deploymentId: id,
          environment: 'production',
          outcome: 'succeeded',
          labels: ['hotfix'],
        },
        { entity, minutesAgo },
      );
    await api.post({
      events: [
        ...Array.from({ length: 5 }, (_, i) =>
          hotfix('payments', `p-${i}`, 10 + i),
        ),
        hotfix('ledger', 'l-overdue', 3 * 24 * 60),
        hotfix('checkout', 'c-1', 5),
        event(
          'deployment.finished',
          {
            deploymentId: 'c-2',
            environment: 'production',
            outcome: 'succeeded',
          },
          { entity: 'checkout' },
        ),
      ],
    });
  });

  it('pages through an entity history newest first with a cursor', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = `/v1/exceptions?entityRef=component:default/payments&limit=2${
        cursor ? `&cursor=${cursor}` : ''
      }`;
      const res = await api.get(query);
      expect(res.status).toBe(200);
      seen.push(...res.body.items.map((e: any) => e.links.deployment));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(['p-0', 'p-1', 'p-2', 'p-3', 'p-4']);
  });

  it('pages through findings newest first with a cursor', async () => {
    const payments = '/v1/findings?entityRef=component:default/payments';
    // Without a cursor, as before: one page of up to `limit`, the last one.
    const whole = await api.get(payments);
    expect(whole.status).toBe(200);
    expect(whole.body.nextCursor).toBeNull();
    const deploymentOf = (f: any) => /deployment (\S+) /.exec(f.message)?.[1];
    expect(whole.body.items.map(deploymentOf)).toEqual([
      'p-0',
      'p-1',
      'p-2',
      'p-3',
      'p-4',
    ]);

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = `${payments}&limit=2${
        cursor ? `&cursor=${cursor}` : ''
      }`;
      const res = await api.get(query);
      expect(res.status).toBe(200);
      expect(res.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...res.body.items.map((f: any) => f.id));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(whole.body.items.map((f: any) => f.id));

    expect((await api.get('/v1/findings?cursor=garbage')).status).toBe(400);
  });

  it('filters by kind and status, and rejects unknown filters', async () => {
    expect(
      (await api.get('/v1/exceptions?kind=flag-disable')).body.items,
    ).toEqual([]);
    expect(
      (await api.get('/v1/exceptions?status=overdue')).body.items.map(
        (e: any) => e.entityRef,
      ),
    ).toEqual(['component:default/ledger']);
    const bad = await api.get('/v1/exceptions?status=late');
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/query.status/);
    expect((await api.get('/v1/exceptions?cursor=garbage')).status).toBe(400);
    expect((await api.get('/v1/exceptions/no-such-id')).status).toBe(404);
  });

  it('ranks teams by overdue backfills on the scorecard', async () => {
    const res = await api.get('/v1/scorecard?groupBy=owner&window=30d');
    expect(res.status).toBe(200);
    expect(
      res.body.items.map((r: any) => [
        r.key,
        r.open,
        r.overdue,
        r.unacknowledgedFindings,
      ]),
    ).toEqual([
      // every hotfix here had no approvals: an abbreviated-review finding each
      ['group:default/payments-team', 5, 1, 6],
      ['group:default/checkout-team', 1, 0, 2],
    ]);
    const byEntity = await api.get(
      '/v1/scorecard?groupBy=entity&owner=group:default/payments-team',
    );
    expect(byEntity.body.items.map((r: any) => [r.key, r.owner])).toEqual([
      ['component:default/ledger', 'group:default/payments-team'],
      ['component:default/payments', 'group:default/payments-team'],
    ]);
    expect((await api.get('/v1/scorecard?window=forever')).status).toBe(400);
  });

  it('shows a write on the next scorecard read, although scorecards are reused', async () => {
    const teams = async () =>
      Object.fromEntries(
        (await api.get('/v1/scorecard?groupBy=owner&window=7d')).body.items.map(
          (r: any) => [r.key, r.open + r.overdue],
        ),
      );
    const before = await teams();
    await api.post(
      event(
        'deployment.finished',
        {
          deploymentId: 'h-new',
          environment: 'production',
          outcome: 'succeeded',
          labels: ['hotfix'],
        },
        { entity: 'hello-world' },
      ),
    );
    const after = await teams();
    expect(after['group:default/checkout-team']).toBe(
      before['group:default/checkout-team'] + 1,
    );
  });
});
