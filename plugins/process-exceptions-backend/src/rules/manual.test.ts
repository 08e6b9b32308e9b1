import {
  acknowledged,
  approvals,
  at,
  deployment,
  evaluate,
  flagChanged,
  merged,
  recorded,
  review,
  shuffled,
  storyPulled,
} from './__testUtils__/events';
import { findingIdFor } from './ids';

const UNRECORDED = 'unrecorded-exception:component:default/checkout:D-1';

describe('exception.recorded', () => {
  it('opens a hotfix with its default tasks and deadline', () => {
    const { exceptions } = evaluate([
      recorded({
        externalId: 'portal-1',
        actor: 'lead',
        links: { incident: 'INC-9' },
      }),
    ]);
    expect(exceptions[0]).toMatchObject({
      naturalKey: 'manual:component:default/checkout:portal-1',
      kind: 'hotfix',
      name: 'Manual',
      reason: 'Because',
      links: { incident: 'INC-9' },
      openedBy: 'lead',
      openedAt: at(0),
      deadline: at(24),
    });
    expect(exceptions[0].tasks.map(t => t.key)).toEqual([
      'full-review',
      'brief-check',
      'qa-scenario',
      'design-check',
    ]);
  });

  it('is not closed by evidence, only by backfills', () => {
    const { exceptions } = evaluate([
      recorded({ links: { changes: ['PR-1'] } }),
      review({ reviewer: 'po', role: 'product-owner', at: 1 }),
    ]);
    expect(exceptions[0].tasks.every(t => t.doneAt === null)).toBe(true);
  });

  it('gives flag-disable and partial-readiness their own tasks', () => {
    const { exceptions } = evaluate([
      recorded({ kind: 'flag-disable' }),
      recorded({
        kind: 'partial-readiness',
        gaps: [{ key: 'copy', description: 'Final copy' }],
        at: 1,
      }),
    ]);
    expect(exceptions.map(e => [e.deadline, e.tasks.map(t => t.key)])).toEqual([
      [at(72), ['fix-deployed', 'staging-verified', 'flag-re-enabled']],
      [at(241), ['gap:copy']],
    ]);
  });
});

describe('finding.acknowledged', () => {
  it('acknowledges the finding and opens the missing exception', () => {
    const events = [
      deployment({ incidentId: 'INC-1' }),
      acknowledged({
        findingId: findingIdFor(UNRECORDED),
        name: 'Hotfix after all',
        reason: 'Night incident',
        actor: 'lead',
        at: 2,
      }),
    ];
    const { findings, exceptions } = evaluate(events);
    const exceptionKey = `ack:component:default/checkout:${findingIdFor(
      UNRECORDED,
    )}`;
    expect(findings[0]).toMatchObject({
      naturalKey: UNRECORDED,
      acknowledgedAt: at(2),
      acknowledgedBy: 'lead',
      exceptionKey,
    });
    expect(exceptions).toEqual([
      expect.objectContaining({
        naturalKey: exceptionKey,
        kind: 'hotfix',
        name: 'Hotfix after all',
        reason: 'Night incident',
        links: { incident: 'INC-1', changes: ['PR-1'], deployment: 'D-1' },
        openedBy: 'lead',
        openedAt: at(2),
        deadline: at(26),
        eventSeqs: [events[1].seq],
      }),
    ]);
  });

  it('applies however the events were delivered', () => {
    const ack = acknowledged({ findingId: findingIdFor(UNRECORDED), at: 2 });
    const events = [...approvals(['a']), deployment()];
    // The acknowledgement arrives before the deployment it is about.
    const early = [{ ...ack, seq: 0 }, ...events];
    expect(evaluate(shuffled(early)).findings[0].acknowledgedAt).toEqual(at(2));
  });

  it('ignores acknowledgements of unknown findings', () => {
    const state = evaluate([
      ...approvals(['a', 'b', 'c']),
      deployment(),
      acknowledged({ findingId: findingIdFor(UNRECORDED) }),
    ]);
    expect(state).toEqual({ exceptions: [], findings: [] });
  });

  it('opens the kind each rule calls for', () => {
    const reEnabled =
      're-enabled-before-staging:component:default/checkout:new-checkout:on';
    const mergedGap =
      'merged-with-open-gap:component:default/checkout:ST-1:PR-1';
    const { exceptions } = evaluate([
      flagChanged({ externalId: 'off' }),
      flagChanged({ enabled: true, externalId: 'on', at: 1 }),
      storyPulled({ gaps: [{ key: 'copy', description: 'Copy' }] }),
      merged({ storyId: 'ST-1', at: 1 }),
      acknowledged({ findingId: findingIdFor(reEnabled), at: 2 }),
      acknowledged({ findingId: findingIdFor(mergedGap), at: 3 }),
    ]);
    const acks = exceptions.filter(e => e.naturalKey.startsWith('ack:'));
    expect(acks.map(e => [e.kind, e.links, e.tasks.map(t => t.key)])).toEqual([
      [
        'flag-disable',
        { flag: 'new-checkout' },
        ['fix-deployed', 'staging-verified', 'flag-re-enabled'],
      ],
      [
        'partial-readiness',
        { story: 'ST-1', changes: ['PR-1'] },
        ['gap:retroactive'],
      ],
    ]);
  });
});
