import { buildTrends } from './buildTrends';

describe('buildTrends', () => {
  const since = new Date('2026-09-07T00:00:00Z');

  it('fills every week and computes the on-time rate per week', () => {
    const weeks = buildTrends(
      [
        { week: 0, measure: 'opened', kind: 'hotfix', count: 2 },
        { week: 0, measure: 'opened', kind: 'flag-disable', count: 1 },
        { week: 2, measure: 'backfilled-on-time', kind: 'hotfix', count: 3 },
        { week: 2, measure: 'backfilled-late', kind: 'flag-disable', count: 1 },
        { week: 7, measure: 'opened', kind: 'hotfix', count: 9 },
      ],
      since,
      3,
    );
    expect(weeks).toHaveLength(3);
    expect(weeks[0]).toEqual({
      weekStart: '2026-09-07T00:00:00.000Z',
      opened: { hotfix: 2, 'flag-disable': 1, 'partial-readiness': 0 },
      backfilledOnTime: 0,
      backfilledLate: 0,
      onTimeRate: null,
    });
    expect(weeks[1].weekStart).toBe('2026-09-14T00:00:00.000Z');
    expect(weeks[2].onTimeRate).toBe(0.75);
  });
});
