import {
  at,
  evaluate,
  gapClosed,
  merged,
  review,
  storyPulled,
} from './__testUtils__/events';

const gaps = [
  { key: 'copy', description: 'Final copy from marketing' },
  { key: 'tracking', description: 'Analytics events agreed' },
];

describe('partial-readiness exceptions', () => {
  it('opens one with a task per named gap', () => {
    const { exceptions } = evaluate([
      storyPulled({ gaps, changeIds: ['PR-1'], actor: 'dev' }),
      review({ changeId: 'PR-2', storyId: 'ST-1', at: 1 }),
    ]);
    expect(exceptions).toHaveLength(1);
    expect(exceptions[0]).toMatchObject({
      naturalKey: 'partial-readiness:component:default/checkout:ST-1',
      kind: 'partial-readiness',
      name: 'Partial readiness of ST-1: Saved carts',
      reason: 'Pulled with 2 named gap(s)',
      links: { story: 'ST-1', changes: ['PR-1', 'PR-2'] },
      openedBy: 'dev',
      deadline: at(240),
    });
    expect(exceptions[0].tasks.map(t => [t.key, t.title, t.role])).toEqual([
      ['gap:copy', 'Final copy from marketing', 'developer'],
      ['gap:tracking', 'Analytics events agreed', 'developer'],
    ]);
  });

  it('opens nothing for a story pulled without gaps', () => {
    expect(evaluate([storyPulled()]).exceptions).toEqual([]);
  });

  it('adds the gaps of a second pull to the same exception', () => {
    const { exceptions } = evaluate([
      storyPulled({ gaps: [gaps[0]] }),
      storyPulled({ gaps, at: 1 }),
    ]);
    expect(exceptions).toHaveLength(1);
    expect(exceptions[0].tasks.map(t => t.key)).toEqual([
      'gap:copy',
      'gap:tracking',
    ]);
  });

  it('closes gaps and is backfilled once every gap is closed', () => {
    const { exceptions } = evaluate(
      [
        storyPulled({ gaps }),
        gapClosed({ gapKey: 'copy', at: 1, actor: 'pm', evidenceUrl: 'u' }),
        gapClosed({ gapKey: 'tracking', at: 2 }),
      ],
      { now: at(3) },
    );
    expect(exceptions[0].tasks[0]).toMatchObject({
      doneAt: at(1),
      doneBy: 'pm',
      evidenceUrl: 'u',
    });
    expect(exceptions[0]).toMatchObject({
      status: 'backfilled',
      backfilledAt: at(2),
    });
  });
});

describe('merged-with-open-gap', () => {
  it('names the gap still open when the change merged', () => {
    const { findings } = evaluate([
      storyPulled({ gaps }),
      gapClosed({ gapKey: 'copy', at: 1 }),
      merged({ changeId: 'PR-7', storyId: 'ST-1', at: 2 }),
    ]);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      naturalKey: 'merged-with-open-gap:component:default/checkout:ST-1:PR-7',
      rule: 'merged-with-open-gap',
      detectedAt: at(2),
    });
    expect(findings[0].message).toContain('tracking');
    expect(findings[0].message).not.toContain('copy');
  });

  it('links a merge to the story through the story’s changes', () => {
    const { findings } = evaluate([
      storyPulled({ gaps, changeIds: ['PR-1'] }),
      merged({ changeId: 'PR-1', at: 1 }),
    ]);
    expect(findings.map(f => f.rule)).toEqual(['merged-with-open-gap']);
  });

  it('is not reported once every gap is closed, or before the pull', () => {
    expect(
      evaluate([
        merged({ storyId: 'ST-1', at: -1 }),
        storyPulled({ gaps }),
        gapClosed({ gapKey: 'copy', at: 1 }),
        gapClosed({ gapKey: 'tracking', at: 1 }),
        merged({ changeId: 'PR-2', storyId: 'ST-1', at: 2 }),
      ]).findings,
    ).toEqual([]);
  });
});
