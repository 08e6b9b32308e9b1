import { formatDuration, formatHours, formatRelative } from './formatDuration';

const MINUTE = 60 * 1000;
const HOUR = 60 * MINUTE;

describe('formatDuration', () => {
  it.each([
    [30 * 1000, 'less than 1 min'],
    [12 * MINUTE, '12 min'],
    [5 * HOUR + 59 * MINUTE, '5 h'],
    [47 * HOUR, '47 h'],
    [49 * HOUR, '2 d'],
    [-3 * 24 * HOUR, '3 d'],
  ])('formats %d ms as %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});

describe('formatRelative', () => {
  const now = Date.parse('2025-03-10T12:00:00Z');
  it('says how long ago a past time was', () => {
    expect(formatRelative('2025-03-10T09:00:00Z', now)).toBe('3 h ago');
  });
  it('says how far away a future time is', () => {
    expect(formatRelative('2025-03-13T12:00:00Z', now)).toBe('in 3 d');
  });
  it('does not crash on a bad date', () => {
    expect(formatRelative('yesterday-ish', now)).toBe('unknown');
  });
});

describe('formatHours', () => {
  it('uses hours below two days and days above', () => {
    expect(formatHours(20.26)).toBe('20.3 h');
    expect(formatHours(84)).toBe('3.5 d');
    expect(formatHours(null)).toBe('—');
  });
});
