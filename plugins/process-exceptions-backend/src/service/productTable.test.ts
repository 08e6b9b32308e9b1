import { createTestDatabases } from '../__testUtils__/databases';
import {
  event,
  startApi,
  TRUSTED_PIPELINE_CLOCK,
} from '../__testUtils__/testBackend';

const databases = createTestDatabases();
const HOUR = 3600_000;

// Each test walks one row of the PRODUCT.md table through the HTTP API.
describe.each(databases.eachSupportedId())(
  'the product table on %p',
  databaseId => {
    let api: Awaited<ReturnType<typeof startApi>>;
    beforeEach(async () => {
      api = await startApi(databases, databaseId, {
        config: TRUSTED_PIPELINE_CLOCK,
      });
    });

    const exceptionsOf = async (entity = 'payments') =>
      (await api.get(`/v1/exceptions?entityRef=component:default/${entity}`))
        .body.items;
    const findingsOf = async (entity = 'payments') =>
      (await api.get(`/v1/findings?entityRef=component:default/${entity}`)).body
        .items;

    const approve = (
      changeId: string,
      reviewer: string,
      role: string,
      minutesAgo: number,
      entity = 'payments',
    ) =>
      event(
        'change.reviewed',
        { changeId, reviewer, role, decision: 'approved' },
        { minutesAgo, entity },
      );

    it('opens a hotfix for a labelled production deployment with two approvals incl. a tech lead, and records no finding', async () => {
      const deploy = event(
        'deployment.finished',
        {
          deploymentId: 'd-1',
          environment: 'production',
          outcome: 'succeeded',
          changeIds: ['pr-1'],
          labels: ['hotfix'],
        },
        { minutesAgo: 10 },
      );
      const res = await api.post({
        events: [
          approve('pr-1', 'tl', 'tech-lead', 30),
          approve('pr-1', 'dev', 'developer', 20),
          deploy,
        ],
      });
      expect(res.status).toBe(201);
      const deployResult = res.body.results[2];
      expect(deployResult.status).toBe('recorded');
      expect(deployResult.exceptions).toEqual([
        expect.objectContaining({
          kind: 'hotfix',
          change: 'opened',
          status: 'open',
        }),
      ]);

      const [hotfix] = await exceptionsOf();
      expect(hotfix.kind).toBe('hotfix');
      expect(hotfix.tasks.map((t: any) => t.key)).toEqual([
        'full-review',
        'brief-check',
        'qa-scenario',
        'design-check',
      ]);
      // No incident: due 24 h after the deployment.
      expect(Date.parse(hotfix.deadline) - Date.parse(deploy.occurredAt)).toBe(
        24 * HOUR,
      );
      expect(await findingsOf()).toEqual([]);
    });

    it('treats a deployment tied to an open P0 incident as a hotfix, flags an abbreviated review below minimum, and dates the deadline from the resolution', async () => {
      await api.post({
        events: [
          event(
            'incident.opened',
            { incidentId: 'INC-42', severity: 'P0', title: 'Payments down' },
            { minutesAgo: 60 },
          ),
          approve('pr-2', 'dev', 'developer', 50),
          event(
            'deployment.finished',
            {
              deploymentId: 'd-2',
              environment: 'production',
              outcome: 'succeeded',
              changeIds: ['pr-2'],
              incidentId: 'INC-42',
            },
            { minutesAgo: 40 },
          ),
        ],
      });
      let [hotfix] = await exceptionsOf();
      expect(hotfix.name).toContain('INC-42');
      expect(hotfix.deadline).toBeNull(); // the incident is still open
      const findings = await findingsOf();
      expect(findings.map((f: any) => f.rule)).toEqual([
        'abbreviated-review-below-minimum',
      ]);

      const resolved = event(
        'incident.resolved',
        { incidentId: 'INC-42' },
        { minutesAgo: 5 },
      );
      await api.post(resolved);
      [hotfix] = await exceptionsOf();
      expect(
        Date.parse(hotfix.deadline) - Date.parse(resolved.occurredAt),
      ).toBe(24 * HOUR);
    });

    it('records a finding when a production deployment bypassed the pipeline', async () => {
      await api.post({
        events: [
          approve('pr-3', 'a', 'tech-lead', 30),
          approve('pr-3', 'b', 'developer', 30),
          approve('pr-3', 'c', 'developer', 30),
          event('deployment.finished', {
            deploymentId: 'd-3',
            environment: 'production',
            outcome: 'succeeded',
            changeIds: ['pr-3'],
            viaPipeline: false,
          }),
        ],
      });
      expect((await findingsOf()).map((f: any) => f.rule)).toEqual([
        'pipeline-bypassed',
      ]);
    });

    it('records an unrecorded exception for a production deployment with fewer than three approvals, and none with three', async () => {
      await api.post({
        events: [
          approve('pr-4', 'a', 'tech-lead', 30),
          event('deployment.finished', {
            deploymentId: 'd-4',
            environment: 'production',
            outcome: 'succeeded',
            changeIds: ['pr-4'],
          }),
          approve('pr-5', 'a', 'tech-lead', 30, 'ledger'),
          approve('pr-5', 'b', 'developer', 30, 'ledger'),
          approve('pr-5', 'c', 'developer', 30, 'ledger'),
          event(
            'deployment.finished',
            {
              deploymentId: 'd-5',
              environment: 'production',
              outcome: 'succeeded',
              changeIds: ['pr-5'],
            },
            { entity: 'ledger' },
          ),
          event('deployment.finished', {
            deploymentId: 'd-6',
            environment: 'staging',
            outcome: 'succeeded',
            changeIds: ['pr-4'],
          }),
        ],
      });
      const findings = await findingsOf();
      expect(findings.map((f: any) => f.rule)).toEqual([
        'unrecorded-exception',
      ]);
      expect(findings[0].message).toContain('d-4');
      expect(await findingsOf('ledger')).toEqual([]);
      expect(await exceptionsOf()).toEqual([]);
    });

    it('opens a flag-disable exception and records a finding when the flag is re-enabled before staging verification', async () => {
      const res = await api.post({
        events: [
          event(
            'flag.changed',
            {
              flagKey: 'new-checkout',
              environment: 'production',
              enabled: false,
            },
            { minutesAgo: 60, entity: 'checkout' },
          ),
          event(
            'flag.changed',
            {
              flagKey: 'new-checkout',
              environment: 'production',
              enabled: true,
            },
            { minutesAgo: 10, entity: 'checkout' },
          ),
        ],
      });
      expect(res.body.results[0].exceptions).toEqual([
        expect.objectContaining({ kind: 'flag-disable', change: 'opened' }),
      ]);
      expect(res.body.results[1].findings).toEqual([
        expect.objectContaining({
          rule: 're-enabled-before-staging',
          change: 'opened',
        }),
      ]);
      const [flag] = await exceptionsOf('checkout');
      expect(flag.tasks.map((t: any) => [t.key, Boolean(t.doneAt)])).toEqual([
        ['fix-deployed', false],
        ['staging-verified', false],
        ['flag-re-enabled', true],
      ]);
    });

    it('backfills a flag disable whose fix passed staging before the flag came back, with no finding', async () => {
      await api.post({
        events: [
          event(
            'flag.changed',
            { flagKey: 'promo', environment: 'production', enabled: false },
            { minutesAgo: 60 },
          ),
          event(
            'deployment.finished',
            {
              deploymentId: 'd-fix',
              environment: 'staging',
              outcome: 'succeeded',
              changeIds: ['pr-9'],
              fixes: { flagKey: 'promo' },
            },
            { minutesAgo: 40 },
          ),
          event(
            'verification.finished',
            { environment: 'staging', outcome: 'passed', changeIds: ['pr-9'] },
            { minutesAgo: 30 },
          ),
          event(
            'flag.changed',
            { flagKey: 'promo', environment: 'production', enabled: true },
            { minutesAgo: 10 },
          ),
          // a planned switch-off is not an emergency
          event('flag.changed', {
            flagKey: 'old-banner',
            environment: 'production',
            enabled: false,
            planned: true,
          }),
        ],
      });
      const exceptions = await exceptionsOf();
      expect(exceptions).toHaveLength(1);
      expect(exceptions[0]).toEqual(
        expect.objectContaining({
          kind: 'flag-disable',
          status: 'backfilled',
          backfilledOnTime: true,
        }),
      );
      expect(await findingsOf()).toEqual([]);
    });

    it('keeps the merge gate closed while a named gap is open, and records a merge with an open gap', async () => {
      await api.post(
        event(
          'story.pulled',
          {
            storyId: 'ST-7',
            title: 'Refunds',
            gaps: [
              { key: 'copy', description: 'Final copy from the designer' },
              { key: 'api-spec', description: 'Refund API spec' },
            ],
            changeIds: ['pr-20'],
          },
          { minutesAgo: 60 },
        ),
      );
      let gate = await api.get('/v1/gates/merge?storyId=ST-7');
      expect(gate.body.allowed).toBe(false);
      expect(gate.body.blocking.map((b: any) => b.gapKey)).toEqual([
        'copy',
        'api-spec',
      ]);
      gate = await api.get('/v1/gates/merge?changeId=pr-20');
      expect(gate.body.allowed).toBe(false);

      await api.post(
        event(
          'gap.closed',
          { storyId: 'ST-7', gapKey: 'copy' },
          { minutesAgo: 30 },
        ),
      );
      gate = await api.get('/v1/gates/merge?storyId=ST-7');
      expect(gate.body.blocking.map((b: any) => b.gapKey)).toEqual([
        'api-spec',
      ]);

      await api.post(
        event(
          'change.merged',
          { changeId: 'pr-20', storyId: 'ST-7' },
          { minutesAgo: 20 },
        ),
      );
      const findings = await findingsOf();
      expect(findings.map((f: any) => f.rule)).toEqual([
        'merged-with-open-gap',
      ]);
      expect(findings[0].message).toContain('api-spec');

      await api.post(
        event('gap.closed', { storyId: 'ST-7', gapKey: 'api-spec' }),
      );
      gate = await api.get('/v1/gates/merge?storyId=ST-7');
      expect(gate.body).toEqual({ allowed: true, blocking: [] });
      expect(
        (await api.get('/v1/gates/merge?storyId=unknown')).body.allowed,
      ).toBe(true);
    });

    it('marks an exception overdue when its tasks are not done by the deadline', async () => {
      await api.post(
        event(
          'deployment.finished',
          {
            deploymentId: 'd-old',
            environment: 'production',
            outcome: 'succeeded',
            labels: ['HOTFIX'],
          },
          { minutesAgo: 3 * 24 * 60 },
        ),
      );
      const [hotfix] = await exceptionsOf();
      expect(hotfix.status).toBe('overdue');
      const overdue = await api.get('/v1/exceptions?status=overdue');
      expect(overdue.body.items.map((e: any) => e.id)).toEqual([hotfix.id]);
    });
  },
);
