import {
  approvals,
  at,
  deployment,
  evaluate,
  incidentOpened,
  incidentResolved,
  review,
} from './__testUtils__/events';

const hotfixLabel = { labels: ['hotfix'] };
const rules = (events: Parameters<typeof evaluate>[0]) =>
  evaluate(events).findings.map(f => f.rule);

describe('hotfix exceptions', () => {
  it('opens one for a labelled production deployment, due 24h later', () => {
    const deploy = deployment({ ...hotfixLabel, actor: 'dev' });
    const { exceptions } = evaluate([
      ...approvals(['tech-lead', 'developer']),
      deploy,
    ]);

    expect(exceptions).toHaveLength(1);
    expect(exceptions[0]).toMatchObject({
      naturalKey: 'hotfix:component:default/checkout:D-1',
      kind: 'hotfix',
      name: 'Hotfix D-1 on checkout',
      reason: 'Production hotfix',
      links: { changes: ['PR-1'], deployment: 'D-1' },
      openedBy: 'dev',
      openedAt: at(0),
      deadline: at(24),
      status: 'open',
    });
    expect(exceptions[0].tasks.map(t => [t.key, t.role, t.dueAt])).toEqual([
      ['full-review', 'reviewer', at(24)],
      ['brief-check', 'product-owner', at(24)],
      ['qa-scenario', 'qa', at(24)],
      ['design-check', 'designer', at(24)],
    ]);
  });

  it('matches labels case-insensitively and uses the given name', () => {
    const { exceptions } = evaluate([
      deployment({ labels: ['HotFix'], name: 'Fix totals', reason: 'Bug' }),
    ]);
    expect(exceptions[0]).toMatchObject({ name: 'Fix totals', reason: 'Bug' });
  });

  it('opens one for a deployment tied to an open P0 incident', () => {
    const { exceptions } = evaluate([
      incidentOpened({ severity: 'p0', title: 'Checkout down', at: -2 }),
      deployment({ incidentId: 'INC-1' }),
    ]);
    expect(exceptions[0]).toMatchObject({
      name: 'Hotfix for INC-1 on checkout',
      reason: 'Checkout down',
      links: { incident: 'INC-1', deployment: 'D-1' },
      deadline: null,
    });
  });

  it('is due 24h after the incident resolves', () => {
    const { exceptions } = evaluate([
      incidentOpened({ at: -2 }),
      deployment({ incidentId: 'INC-1' }),
      incidentResolved({ at: 5 }),
    ]);
    expect(exceptions[0].deadline).toEqual(at(29));
    expect(exceptions[0].tasks[0].dueAt).toEqual(at(29));
  });

  it('does not treat a resolved or non-P0 incident as a hotfix', () => {
    const resolvedBefore = evaluate([
      incidentOpened({ at: -3 }),
      incidentResolved({ at: -1 }),
      deployment({ incidentId: 'INC-1' }),
    ]);
    expect(resolvedBefore.exceptions).toEqual([]);
    expect(
      evaluate([
        incidentOpened({ severity: 'P2' }),
        deployment({ incidentId: 'INC-1' }),
      ]).exceptions,
    ).toEqual([]);
    // The incident has not reached the ledger: only a label would do.
    expect(evaluate([deployment({ incidentId: 'INC-1' })]).exceptions).toEqual(
      [],
    );
  });

  it('opens nothing for other environments or failed deployments', () => {
    const state = evaluate([
      deployment({ ...hotfixLabel, environment: 'staging' }),
      deployment({ ...hotfixLabel, deploymentId: 'D-2', outcome: 'failed' }),
    ]);
    expect(state).toEqual({ exceptions: [], findings: [] });
  });

  it('closes the full review when the third approval arrives', () => {
    const events = [
      ...approvals(['tech-lead', 'developer']),
      deployment(hotfixLabel),
      review({ reviewer: 'zed', at: 3, url: 'https://git/PR-1#3' }),
    ];
    const [task] = evaluate(events).exceptions[0].tasks;
    expect(task).toMatchObject({
      doneAt: at(3),
      doneBy: 'zed',
      evidenceUrl: 'https://git/PR-1#3',
    });
  });

  it('does not count an approval that was dismissed', () => {
    const events = [
      ...approvals(['tech-lead', 'developer']),
      deployment(hotfixLabel),
      review({ reviewer: 'rev-1', decision: 'dismissed', at: 2 }),
      review({ reviewer: 'zed', at: 3 }),
    ];
    expect(evaluate(events).exceptions[0].tasks[0].doneAt).toBeNull();
  });

  it('closes role checks by approvals after the deployment', () => {
    const events = [
      review({ reviewer: 'po-early', role: 'product-owner', at: -1 }),
      deployment(hotfixLabel),
      review({ reviewer: 'po', role: 'Product-Owner', at: 2, url: 'u' }),
      review({
        reviewer: 'q',
        role: 'qa',
        at: 3,
        decision: 'changes_requested',
      }),
      review({ reviewer: 'des', role: 'designer', at: 4 }),
    ];
    const tasks = evaluate(events).exceptions[0].tasks;
    expect(tasks.map(t => [t.key, t.doneBy])).toEqual([
      // po-early, po and des make three approvals.
      ['full-review', 'des'],
      ['brief-check', 'po'],
      ['qa-scenario', null],
      ['design-check', 'des'],
    ]);
  });

  it('is backfilled on time once evidence closes every task', () => {
    const events = [
      ...approvals(['tech-lead', 'developer', 'developer']),
      deployment(hotfixLabel),
      review({ reviewer: 'po', role: 'product-owner', at: 2 }),
      review({ reviewer: 'q', role: 'qa', at: 3 }),
      review({ reviewer: 'd', role: 'designer', at: 4 }),
    ];
    expect(evaluate(events, { now: at(30) }).exceptions[0]).toMatchObject({
      status: 'backfilled',
      backfilledAt: at(4),
      backfilledOnTime: true,
    });
  });
});

describe('abbreviated-review-below-minimum', () => {
  it('is not reported with two approvals including a tech lead', () => {
    expect(
      rules([
        ...approvals(['tech-lead', 'developer']),
        deployment(hotfixLabel),
      ]),
    ).toEqual([]);
  });

  it('is reported with a single approval', () => {
    const { findings } = evaluate([
      ...approvals(['tech-lead']),
      deployment(hotfixLabel),
    ]);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      naturalKey: 'abbreviated-review:component:default/checkout:D-1',
      rule: 'abbreviated-review-below-minimum',
      detectedAt: at(0),
      acknowledgedAt: null,
    });
    expect(findings[0].message).toContain('D-1');
    expect(findings[0].message).toContain('1 approval');
    expect(findings[0].message).toContain('at least 2');
  });

  it('is reported when no approver is a tech lead', () => {
    const { findings } = evaluate([
      ...approvals(['developer', 'developer']),
      deployment(hotfixLabel),
    ]);
    expect(findings.map(f => f.rule)).toEqual([
      'abbreviated-review-below-minimum',
    ]);
    expect(findings[0].message).toContain('tech-lead');
  });

  it('ignores approvals given after the deployment', () => {
    expect(
      rules([
        deployment(hotfixLabel),
        review({ reviewer: 'a', role: 'tech-lead', at: 1 }),
        review({ reviewer: 'b', at: 1 }),
      ]),
    ).toEqual(['abbreviated-review-below-minimum']);
  });

  it('honours the policy', () => {
    const events = [...approvals(['lead']), deployment(hotfixLabel)];
    const policy = {
      hotfix: {
        labels: ['hotfix'],
        minApprovals: 1,
        requiredReviewerRole: 'Lead',
        backfillHours: 8,
      },
    };
    const state = evaluate(events, { policy });
    expect(state.findings).toEqual([]);
    expect(state.exceptions[0].deadline).toEqual(at(8));
  });
});
