import { cliAgainst } from '../__testUtils__/cli';
import { createTestDatabases } from '../__testUtils__/databases';
import { readPolicyFactory } from '../__testUtils__/readPolicy';
import { event, startApi } from '../__testUtils__/testBackend';

const databases = createTestDatabases();

const PAYMENTS = 'component:default/payments';
const CHECKOUT = 'component:default/checkout';

// A shared library change shipped as a hotfix to two services, tied to
// one incident; the payments hotfix's QA scenario is then done by a person.
async function history(api: Awaited<ReturnType<typeof startApi>>) {
  const hotfix = (entity: string, deploymentId: string, minutesAgo: number) =>
    event(
      'deployment.finished',
      {
        deploymentId,
        environment: 'production',
        outcome: 'succeeded',
        labels: ['hotfix'],
        changeIds: ['abc123'],
        incidentId: 'INC-117',
      },
      { entity, minutesAgo },
    );
  await api.post({
    events: [
      event(
        'incident.opened',
        { incidentId: 'INC-117', severity: 'P0' },
        { minutesAgo: 90 },
      ),
      hotfix('payments', 'd-pay', 60),
      hotfix('checkout', 'd-chk', 30),
      event(
        'deployment.finished',
        {
          deploymentId: 'd-unrelated',
          environment: 'production',
          outcome: 'succeeded',
          labels: ['hotfix'],
          changeIds: ['other'],
        },
        { minutesAgo: 20 },
      ),
    ],
  });
  const payments = (
    await api.get(`/v1/exceptions?entityRef=${PAYMENTS}`)
  ).body.items.find((e: any) => e.links.deployment === 'd-pay');
  const done = await api.postAsUser(
    `/v1/exceptions/${payments.id}/tasks/qa-scenario/complete`,
    { evidenceUrl: 'https://qa.example.com/runs/7' },
  );
  expect(done.status).toBe(200);
  return payments.id as string;
}

describe.each(databases.eachSupportedId())('the trail on %p', databaseId => {
  it('follows a change across services: its events, exceptions, the closed task with who delivered it, findings', async () => {
    const api = await startApi(databases, databaseId);
    const paymentsId = await history(api);

    const res = await api.get('/v1/trail?changeId=abc123');
    expect(res.status).toBe(200);
    expect(res.body.key).toEqual({ kind: 'change', value: 'abc123' });
    expect(res.body.services).toEqual([PAYMENTS, CHECKOUT]);
    const entries = res.body.entries;
    const times = entries.map((e: any) => e.at);
    expect([...times].sort()).toEqual(times);

    const direct = entries.filter((e: any) => e.kind === 'event' && e.direct);
    expect(direct.map((e: any) => e.event.data.deploymentId)).toEqual([
      'd-pay',
      'd-chk',
    ]);
    expect(direct[0].event.provenance).toEqual({
      kind: 'service',
      subject: 'external:test-service',
    });
    const exceptions = entries.filter((e: any) => e.kind === 'exception');
    expect(exceptions.map((e: any) => [e.entityRef, e.exception.kind])).toEqual(
      [
        [PAYMENTS, 'hotfix'],
        [CHECKOUT, 'hotfix'],
      ],
    );
    // Joined through the exception: the QA scenario's completion.
    const task = entries.find((e: any) => e.kind === 'task');
    expect(task).toEqual(
      expect.objectContaining({
        exceptionId: paymentsId,
        entityRef: PAYMENTS,
        task: expect.objectContaining({
          key: 'qa-scenario',
          doneBy: 'user:default/jane',
          evidenceUrl: 'https://qa.example.com/runs/7',
        }),
        closedBy: {
          eventId: expect.any(String),
          provenance: expect.objectContaining({
            kind: 'user',
            userRef: 'user:default/jane',
          }),
        },
      }),
    );
    expect(
      entries
        .filter((e: any) => e.kind === 'finding')
        .map((e: any) => [e.entityRef, e.finding.rule]),
    ).toEqual([
      [PAYMENTS, 'abbreviated-review-below-minimum'],
      [CHECKOUT, 'abbreviated-review-below-minimum'],
    ]);
    expect(JSON.stringify(entries)).not.toContain('d-unrelated');
  });

  it('starts from an incident, a deployment or a story, and names a query without exactly one key', async () => {
    const api = await startApi(databases, databaseId);
    await history(api);
    const incident = await api.get('/v1/trail?incidentId=INC-117');
    expect(
      incident.body.entries
        .filter((e: any) => e.kind === 'event' && e.direct)
        .map((e: any) => e.event.type),
    ).toEqual([
      'incident.opened',
      'deployment.finished',
      'deployment.finished',
    ]);
    const deployment = await api.get('/v1/trail?deploymentId=d-chk');
    expect(deployment.body.services).toEqual([CHECKOUT]);
    const nothing = await api.get('/v1/trail?storyId=ST-404');
    expect(nothing.body).toEqual({
      key: { kind: 'story', value: 'ST-404' },
      services: [],
      entries: [],
      truncated: false,
    });
    for (const query of ['', '?changeId=abc123&incidentId=INC-117']) {
      const bad = await api.get(`/v1/trail${query}`);
      expect(bad.status).toBe(400);
      expect(bad.body.error.message).toMatch(
        /give exactly one of changeId, deploymentId, incidentId, flagKey, storyId/,
      );
    }
  });

  it('prints the trail with the CLI: process-exceptions trail --change', async () => {
    const api = await startApi(databases, databaseId);
    await history(api);
    const { code, stdout } = await cliAgainst(api.server, [
      'trail',
      '--change',
      'abc123',
    ]);
    expect(code).toBe(0);
    const lines = stdout.trim().split('\n');
    expect(lines[0]).toBe(
      `trail of change abc123 across 2 services: ${PAYMENTS}, ${CHECKOUT}`,
    );
    expect(stdout).toMatch(
      /component:default\/payments {2}deployment\.finished \S+ — delivered by service token external:test-service/,
    );
    expect(stdout).toMatch(
      /task qa-scenario done by user:default\/jane \(https:\/\/qa\.example\.com\/runs\/7\), delivered by user:default\/jane in the portal/,
    );
  });

  it('leaves out the services the caller may not read', async () => {
    const api = await startApi(databases, databaseId, {
      features: [
        readPolicyFactory({
          readers: { 'user:default/jane': [PAYMENTS] },
          orgReaders: [],
        }),
      ],
    });
    await history(api);
    const res = await api.get('/v1/trail?changeId=abc123');
    expect(res.status).toBe(200);
    expect(res.body.services).toEqual([PAYMENTS]);
    expect(res.body.entries.every((e: any) => e.entityRef === PAYMENTS)).toBe(
      true,
    );
  });
});
