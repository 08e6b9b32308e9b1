import { act, renderHook } from '@testing-library/react';
import { useNow } from './useNow';

describe('useNow', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('moves on every minute, for every user of the hook', () => {
    const start = Date.now();
    const a = renderHook(() => useNow());
    const b = renderHook(() => useNow());
    expect(a.result.current).toBeGreaterThanOrEqual(start);

    act(() => {
      jest.advanceTimersByTime(60_000);
    });
    expect(a.result.current).toBeGreaterThanOrEqual(start + 60_000);
    expect(b.result.current).toBe(a.result.current);

    a.unmount();
    b.unmount();
    expect(jest.getTimerCount()).toBe(0);
  });
});
