import { toIso } from './conversions';

describe('toIso', () => {
  it.each([
    '2026-11-24T10:00:00+00:00',
    '2026-11-24T10:00:00.1+00:00',
    '2026-11-24T10:00:00.025+00:00',
    '2026-11-24T10:00:00.123456+00:00',
    '2026-11-24T23:59:59.9999+00:00',
    '0999-01-01T00:00:00+00:00',
    // Other offsets and forms go through Date
    '2026-11-24T11:00:00.5+01:00',
    '2026-11-24T10:00:00Z',
    '2026-11-24 10:00:00+00',
  ])('writes %p as Date#toISOString does', text => {
    expect(toIso(text)).toBe(new Date(text).toISOString());
  });

  it('converts Dates, epoch milliseconds and null', () => {
    const at = new Date('2026-11-24T10:00:00.025Z');
    expect(toIso(at)).toBe('2026-11-24T10:00:00.025Z');
    expect(toIso(at.getTime())).toBe('2026-11-24T10:00:00.025Z');
    expect(toIso(null)).toBeNull();
  });
});
