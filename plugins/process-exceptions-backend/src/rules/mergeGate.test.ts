import { evaluate, gapClosed, storyPulled } from './__testUtils__/events';
import { exceptionIdFor } from './ids';
import { openGaps } from './mergeGate';

describe('openGaps', () => {
  const state = evaluate([
    storyPulled({
      changeIds: ['PR-1'],
      gaps: [
        { key: 'copy', description: 'Final copy' },
        { key: 'tracking', description: 'Analytics' },
      ],
    }),
    gapClosed({ gapKey: 'copy', at: 1 }),
  ]);

  it('lists the gaps not yet closed by story or change', () => {
    const expected = [
      {
        exceptionId: exceptionIdFor(
          'partial-readiness:component:default/checkout:ST-1',
        ),
        storyId: 'ST-1',
        gapKey: 'tracking',
        description: 'Analytics',
      },
    ];
    expect(openGaps(state, { storyId: 'ST-1' })).toEqual(expected);
    expect(openGaps(state, { changeId: 'PR-1' })).toEqual(expected);
  });

  it('lists nothing for unrelated stories and changes', () => {
    expect(openGaps(state, { storyId: 'ST-2', changeId: 'PR-2' })).toEqual([]);
    expect(openGaps(state, {})).toEqual([]);
  });
});
