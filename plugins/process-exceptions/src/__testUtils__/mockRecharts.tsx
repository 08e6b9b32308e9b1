import { cloneElement, ReactElement } from 'react';

/**
 * recharts' ResponsiveContainer measures its parent, which is 0×0 in jsdom
 * (and needs ResizeObserver). Tests give the chart a fixed size instead:
 * `jest.mock('recharts', () => mockRecharts())`.
 */
export function mockRecharts() {
  const actual = jest.requireActual('recharts');
  return {
    ...actual,
    ResponsiveContainer: ({ children }: { children: ReactElement }) => (
      <div style={{ width: 800, height: 320 }}>
        {cloneElement(children, { width: 800, height: 320 })}
      </div>
    ),
  };
}
