import { adviceFor } from './findingAdvice';

describe('adviceFor', () => {
  it.each([
    'abbreviated-review-below-minimum',
    'pipeline-bypassed',
    'unrecorded-exception',
    're-enabled-before-staging',
    'merged-with-open-gap',
  ])('explains %s and what to do', rule => {
    const advice = adviceFor(rule);
    expect(advice.title).not.toBe('A rule of the chain was broken');
    expect(advice.whatToDo.length).toBeGreaterThan(20);
  });

  it('has a generic text for a rule added later', () => {
    expect(adviceFor('something-new').title).toBe(
      'A rule of the chain was broken',
    );
  });
});
