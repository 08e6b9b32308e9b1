import { buildScorecard } from './buildScorecard';

const row = (
  entityRef: string,
  over: Partial<Parameters<typeof buildScorecard>[0][0]> = {},
) => ({
  entityRef,
  open: 0,
  overdue: 0,
  backfilledOnTime: 0,
  backfilledLate: 0,
  unacknowledgedFindings: 0,
  findingsInWindow: 0,
  oldestOverdueDeadline: null,
  backfillBuckets: [],
  ...over,
});

describe('buildScorecard', () => {
  const owners: Record<string, string> = {
    'component:default/a': 'group:default/payments',
    'component:default/b': 'group:default/payments',
    'component:default/c': 'group:default/checkout',
  };

  it('adds entities up per owner and ranks the most overdue first', () => {
    const rows = buildScorecard(
      [
        row('component:default/a', {
          open: 1,
          backfilledOnTime: 3,
          backfillBuckets: [
            { seconds: 3600, count: 1 },
            { seconds: 7200, count: 1 },
            { seconds: 36000, count: 1 },
          ],
        }),
        row('component:default/b', {
          overdue: 2,
          backfilledLate: 1,
          backfillBuckets: [{ seconds: 90000, count: 1 }],
          unacknowledgedFindings: 1,
          findingsInWindow: 1,
          oldestOverdueDeadline: new Date('2026-11-01T00:00:00Z'),
        }),
        row('component:default/c', {
          open: 4,
          backfilledOnTime: 1,
          backfillBuckets: [{ seconds: 1800, count: 1 }],
        }),
      ],
      ref => owners[ref],
    );
    expect(rows.map(r => r.key)).toEqual([
      'group:default/payments',
      'group:default/checkout',
    ]);
    expect(rows[0]).toEqual({
      key: 'group:default/payments',
      entityRefs: ['component:default/a', 'component:default/b'],
      open: 1,
      overdue: 2,
      backfilledOnTime: 3,
      backfilledLate: 1,
      onTimeRate: 0.75,
      medianHoursToBackfill: 6,
      unacknowledgedFindings: 1,
      findingsInWindow: 1,
      oldestOverdueDeadline: '2026-11-01T00:00:00.000Z',
    });
    expect(rows[1].medianHoursToBackfill).toBe(0.5);
  });

  it('reports no rate and no median where nothing was backfilled', () => {
    const [only] = buildScorecard(
      [row('component:default/c', { open: 2 })],
      r => r,
    );
    expect(only.onTimeRate).toBeNull();
    expect(only.medianHoursToBackfill).toBeNull();
  });
});
