import { DEFAULT_POLICY } from '../policy/Policy';
import { buildContext, entityNameOf } from './context';
import { at, deployment, merged, review } from './__testUtils__/events';

describe('buildContext', () => {
  it('counts the latest decision of each distinct reviewer', () => {
    const ctx = buildContext(DEFAULT_POLICY, [
      review({ reviewer: 'ann', role: 'Tech-Lead', at: 0 }),
      review({ reviewer: 'ann', changeId: 'PR-2', role: 'developer', at: 0 }),
      review({ reviewer: 'bob', at: 0 }),
      review({ reviewer: 'bob', decision: 'dismissed', at: 1 }),
      review({ reviewer: 'cy', decision: 'changes_requested', at: 0 }),
      review({ reviewer: 'cy', at: 2 }),
    ]);
    const names = (time: Date) =>
      ctx.approvalsBefore(['PR-1', 'PR-2'], time).map(a => a.reviewer);

    expect(names(at(0))).toEqual(['ann', 'bob']);
    expect(names(at(1))).toEqual(['ann']);
    expect(names(at(2))).toEqual(['ann', 'cy']);
    expect(ctx.approvalsBefore(['PR-1', 'PR-2'], at(0))[0].roles).toEqual([
      'tech-lead',
      'developer',
    ]);
  });

  it('counts a merge’s approvals when they exceed the reviews', () => {
    const ctx = buildContext(DEFAULT_POLICY, [
      review({ reviewer: 'ann', at: 0 }),
      merged({ approvals: 3, at: 1 }),
    ]);
    expect(ctx.approvalCountAt(['PR-1'], at(0))).toBe(1);
    expect(ctx.approvalCountAt(['PR-1'], at(1))).toBe(3);
    expect(ctx.approvalCountAt([], at(1))).toBe(0);
  });

  it('finds the review that reached a count', () => {
    const ctx = buildContext(DEFAULT_POLICY, [
      review({ reviewer: 'c', at: 3, url: 'https://r/3' }),
      review({ reviewer: 'a', at: 1 }),
      review({ reviewer: 'b', at: 2 }),
    ]);
    expect(ctx.reviewReaching(['PR-1'], 3)?.review.data.url).toBe(
      'https://r/3',
    );
    expect(ctx.reviewReaching(['PR-1'], 4)).toBeNull();
  });

  it('matches environments case-insensitively against the policy', () => {
    const ctx = buildContext(
      {
        ...DEFAULT_POLICY,
        environments: { production: ['prod', 'Live'], staging: ['stage'] },
      },
      [deployment()],
    );
    expect(ctx.isProduction('PROD')).toBe(true);
    expect(ctx.isProduction('live')).toBe(true);
    expect(ctx.isProduction('production')).toBe(false);
    expect(ctx.isStaging('Stage')).toBe(true);
  });

  it('names the entity by the part after the last slash', () => {
    expect(entityNameOf('component:default/checkout')).toBe('checkout');
  });
});
