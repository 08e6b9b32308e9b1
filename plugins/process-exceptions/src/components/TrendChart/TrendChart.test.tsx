import { renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { TrendChart } from './TrendChart';

jest.mock('recharts', () =>
  require('../../__testUtils__/mockRecharts').mockRecharts(),
);

const week = (i: number, rate: number | null) => ({
  weekStart: new Date(Date.UTC(2025, 0, 6 + 7 * i)).toISOString(),
  opened: { hotfix: i, 'flag-disable': 1, 'partial-readiness': 2 },
  backfilledOnTime: 1,
  backfilledLate: 1,
  onTimeRate: rate,
});

describe('TrendChart', () => {
  it('draws opened exceptions by kind and the on-time rate', async () => {
    const { container } = await renderInTestApp(
      <TrendChart weeks={[week(0, 0.5), week(1, null), week(2, 1)]} />,
    );
    expect(
      screen.getByRole('img', { name: /Exceptions opened per week by kind/ }),
    ).toBeInTheDocument();
    expect(screen.getByText('P0 hotfix')).toBeInTheDocument();
    expect(screen.getByText('Emergency flag disable')).toBeInTheDocument();
    expect(screen.getByText('Partial readiness')).toBeInTheDocument();
    expect(screen.getByText('On-time backfill rate')).toBeInTheDocument();
    expect(
      container.querySelectorAll('.recharts-bar-rectangle').length,
    ).toBeGreaterThan(0);
    expect(container.querySelector('.recharts-line')).not.toBeNull();
  });

  it('says when there are no weeks', async () => {
    await renderInTestApp(<TrendChart weeks={[]} />);
    expect(screen.getByText('No weeks to show yet.')).toBeInTheDocument();
  });
});
