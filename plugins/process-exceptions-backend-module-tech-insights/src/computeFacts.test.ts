import { computeFacts, EntityFigures } from './computeFacts';

const figures = (key: string, over: Partial<EntityFigures>): EntityFigures => ({
  key,
  open: 0,
  overdue: 0,
  backfilledOnTime: 0,
  backfilledLate: 0,
  onTimeRate: null,
  unacknowledgedFindings: 0,
  findingsInWindow: 0,
  oldestOverdueDeadline: null,
  ...over,
});

describe('computeFacts', () => {
  const now = new Date('2026-11-24T12:00:00Z');

  it('gives every component its facts, zeros where nothing was recorded', () => {
    const facts = computeFacts({
      entityRefs: ['component:default/payments', 'component:default/quiet'],
      last90Days: [
        figures('component:default/payments', {
          open: 1,
          overdue: 2,
          onTimeRate: 0.75,
          unacknowledgedFindings: 3,
          oldestOverdueDeadline: '2026-11-20T11:00:00Z',
        }),
      ],
      last30Days: [
        figures('component:default/payments', { findingsInWindow: 2 }),
      ],
      now,
    });
    expect(facts).toEqual([
      {
        entity: { kind: 'component', namespace: 'default', name: 'payments' },
        facts: {
          openExceptions: 3,
          overdueBackfills: 2,
          onTimeBackfillRate90d: 0.75,
          unacknowledgedFindings: 3,
          unrecordedExceptions30d: 2,
          daysSinceOldestOverdueBackfill: 4,
        },
      },
      {
        entity: { kind: 'component', namespace: 'default', name: 'quiet' },
        facts: {
          openExceptions: 0,
          overdueBackfills: 0,
          onTimeBackfillRate90d: 1,
          unacknowledgedFindings: 0,
          unrecordedExceptions30d: 0,
          daysSinceOldestOverdueBackfill: 0,
        },
      },
    ]);
  });
});
