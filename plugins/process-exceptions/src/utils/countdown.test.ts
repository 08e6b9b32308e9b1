import { describeDeadline, formatCountdown } from './countdown';

const now = Date.parse('2025-03-10T12:00:00Z');

describe('formatCountdown', () => {
  it('counts down to a future deadline', () => {
    expect(formatCountdown('2025-03-10T17:30:00Z', now)).toEqual({
      text: 'due in 5 h',
      overdue: false,
    });
  });

  it('says how late a passed deadline is', () => {
    expect(formatCountdown('2025-03-08T10:00:00Z', now)).toEqual({
      text: 'overdue by 2 d',
      overdue: true,
    });
  });

  it('copes with no deadline (an incident still unresolved)', () => {
    expect(formatCountdown(null, now)).toEqual({
      text: 'no deadline yet',
      overdue: false,
    });
  });
});

describe('describeDeadline', () => {
  it('shows the outcome of a backfilled exception', () => {
    expect(
      describeDeadline(
        { status: 'backfilled', deadline: null, backfilledOnTime: true },
        now,
      ).text,
    ).toBe('backfilled on time');
    expect(
      describeDeadline(
        {
          status: 'backfilled',
          deadline: '2025-03-01T00:00:00Z',
          backfilledOnTime: false,
        },
        now,
      ).text,
    ).toBe('backfilled late');
  });

  it('trusts the server when it says overdue', () => {
    expect(
      describeDeadline(
        {
          status: 'overdue',
          deadline: '2025-03-10T12:00:30Z',
          backfilledOnTime: null,
        },
        now,
      ),
    ).toEqual({ text: 'overdue', overdue: true });
  });
});
