import {
  acknowledged,
  approvals,
  at,
  backfill,
  deployment,
  evaluate,
  flagChanged,
  gapClosed,
  incidentOpened,
  incidentResolved,
  merged,
  recorded,
  review,
  shuffled,
  storyPulled,
  verification,
} from './__testUtils__/events';
import { exceptionIdFor, findingIdFor } from './ids';

function scenario() {
  return [
    incidentOpened({ at: -3, title: 'Checkout down' }),
    ...approvals(['tech-lead']),
    deployment({ incidentId: 'INC-1', viaPipeline: false }),
    incidentResolved({ at: 2 }),
    review({ reviewer: 'po', role: 'product-owner', at: 3 }),
    backfill({
      incidentId: 'INC-1',
      taskKey: 'qa-scenario',
      at: 4,
    }),
    deployment({ deploymentId: 'D-2', changeIds: [], at: 5 }),
    acknowledged({
      findingId: findingIdFor(
        'unrecorded-exception:component:default/checkout:D-2',
      ),
      at: 6,
    }),
    flagChanged({ externalId: 'off', at: 1 }),
    deployment({
      deploymentId: 'FIX',
      environment: 'staging',
      fixes: { flagKey: 'new-checkout' },
      at: 2,
    }),
    flagChanged({ enabled: true, at: 3 }),
    verification({ flagKey: 'new-checkout', at: 4 }),
    storyPulled({
      gaps: [
        { key: 'copy', description: 'Copy' },
        { key: 'tracking', description: 'Tracking' },
      ],
      at: 1,
    }),
    gapClosed({ gapKey: 'copy', at: 2 }),
    merged({ changeId: 'PR-3', storyId: 'ST-1', at: 3 }),
    recorded({ at: 1 }),
  ];
}

describe('evaluateEntity', () => {
  it('returns nothing for no events', () => {
    expect(evaluate([])).toEqual({ exceptions: [], findings: [] });
  });

  it('gives the same output whatever order the events arrive in', () => {
    const events = scenario();
    const now = at(30);
    const expected = evaluate(events, { now });
    expect(expected.exceptions).toHaveLength(5);
    expect(expected.findings).toHaveLength(5);
    for (const seed of [1, 2, 3, 42]) {
      expect(evaluate(shuffled(events, seed), { now })).toEqual(expected);
    }
    expect(evaluate([...events].reverse(), { now })).toEqual(expected);
  });

  it('sorts by time, then natural key, with ascending event seqs', () => {
    const { exceptions, findings } = evaluate(scenario(), { now: at(30) });
    expect(exceptions.map(e => e.naturalKey)).toEqual([
      'hotfix:component:default/checkout:D-1',
      'flag-disable:component:default/checkout:new-checkout:off',
      expect.stringMatching(/^manual:/),
      'partial-readiness:component:default/checkout:ST-1',
      expect.stringMatching(/^ack:/),
    ]);
    expect(findings.map(f => f.rule)).toEqual([
      'abbreviated-review-below-minimum',
      'pipeline-bypassed',
      // Both at 3h: ordered by natural key.
      'merged-with-open-gap',
      're-enabled-before-staging',
      'unrecorded-exception',
    ]);
    for (const item of [...exceptions, ...findings]) {
      expect(item.eventSeqs).toEqual(
        [...new Set(item.eventSeqs)].sort((a, b) => a - b),
      );
    }
  });

  it('derives the hotfix from every event about it', () => {
    const events = scenario();
    const hotfix = evaluate(events, { now: at(30) }).exceptions[0];
    expect(hotfix).toMatchObject({
      deadline: at(26),
      status: 'overdue',
      reason: 'Checkout down',
    });
    expect(hotfix.tasks.map(t => t.doneAt)).toEqual([null, at(3), at(4), null]);
    expect(hotfix.eventSeqs).toEqual(
      // Incident, deployment, resolution, PO review, backfill.
      [events[0], events[2], events[3], events[4], events[5]]
        .map(e => e.seq)
        .sort((a, b) => a - b),
    );
    expect(exceptionIdFor(hotfix.naturalKey)).toHaveLength(36);
  });
});
