import {
  approvals,
  at,
  deployment,
  evaluate,
  merged,
  review,
} from './__testUtils__/events';

const rules = (
  events: Parameters<typeof evaluate>[0],
  options?: Parameters<typeof evaluate>[1],
) => evaluate(events, options).findings.map(f => f.rule);

describe('pipeline-bypassed', () => {
  it('is reported for a deployment outside the pipeline', () => {
    const { findings } = evaluate([
      ...approvals(['a', 'b', 'c']),
      deployment({ viaPipeline: false }),
    ]);
    expect(findings).toEqual([
      expect.objectContaining({
        naturalKey: 'pipeline-bypassed:component:default/checkout:D-1',
        rule: 'pipeline-bypassed',
        detectedAt: at(0),
      }),
    ]);
  });

  it('is reported even for a hotfix', () => {
    const state = evaluate([
      ...approvals(['tech-lead', 'developer']),
      deployment({ labels: ['hotfix'], viaPipeline: false }),
    ]);
    expect(state.exceptions.map(e => e.kind)).toEqual(['hotfix']);
    expect(state.findings.map(f => f.rule)).toEqual(['pipeline-bypassed']);
  });

  it('is not reported outside production', () => {
    expect(
      rules([deployment({ viaPipeline: false, environment: 'staging' })]),
    ).toEqual([]);
  });
});

describe('unrecorded-exception', () => {
  it('is not reported with three approvals', () => {
    expect(rules([...approvals(['a', 'b', 'c']), deployment()])).toEqual([]);
  });

  it('is reported with fewer approvals and no hotfix', () => {
    const { findings } = evaluate([...approvals(['a', 'b']), deployment()]);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      naturalKey: 'unrecorded-exception:component:default/checkout:D-1',
      rule: 'unrecorded-exception',
    });
    expect(findings[0].message).toContain('2 approval');
    expect(findings[0].message).toContain('3 required');
  });

  it('counts a deployment without changes as unapproved', () => {
    expect(rules([deployment({ changeIds: undefined })])).toEqual([
      'unrecorded-exception',
    ]);
  });

  it('does not count approvals cancelled or given after the deployment', () => {
    expect(
      rules([
        ...approvals(['a', 'b', 'c']),
        review({ reviewer: 'rev-2', decision: 'changes_requested', at: -0.5 }),
        deployment(),
        review({ reviewer: 'late', at: 1 }),
      ]),
    ).toEqual(['unrecorded-exception']);
  });

  it('takes a merge’s approval count when it is higher', () => {
    expect(rules([merged({ approvals: 3, at: -1 }), deployment()])).toEqual([]);
  });

  it('honours the policy’s confirmations', () => {
    const events = [...approvals(['a', 'b']), deployment()];
    expect(rules(events, { policy: { confirmations: 2 } })).toEqual([]);
  });
});
