import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { renderInTestApp } from '@backstage/test-utils';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createFakeApi } from '../../__testUtils__/fixtures';
import { TestProviders } from '../../__testUtils__/TestProviders';
import { ProcessExceptionsPage } from './ProcessExceptionsPage';

jest.mock('recharts', () =>
  require('../../__testUtils__/mockRecharts').mockRecharts(),
);

const rows = [
  {
    key: 'group:default/payments-team',
    owner: 'group:default/payments-team',
    entityRefs: ['component:default/payments'],
    open: 3,
    overdue: 2,
    backfilledOnTime: 1,
    backfilledLate: 3,
    onTimeRate: 0.25,
    medianHoursToBackfill: 60,
    unacknowledgedFindings: 4,
    findingsInWindow: 4,
    oldestOverdueDeadline: null,
  },
  {
    key: 'group:default/search-team',
    owner: 'group:default/search-team',
    entityRefs: ['component:default/search'],
    open: 1,
    overdue: 0,
    backfilledOnTime: 5,
    backfilledLate: 0,
    onTimeRate: 1,
    medianHoursToBackfill: 10,
    unacknowledgedFindings: 0,
    findingsInWindow: 0,
    oldestOverdueDeadline: null,
  },
];

const weeks = Array.from({ length: 12 }, (_, i) => ({
  weekStart: new Date(Date.UTC(2025, 0, 6 + 7 * i)).toISOString(),
  opened: { hotfix: 1, 'flag-disable': 0, 'partial-readiness': i % 2 },
  backfilledOnTime: 1,
  backfilledLate: 0,
  onTimeRate: 1,
}));

const mountedRoutes = { '/catalog/:namespace/:kind/:name': entityRouteRef };

describe('ProcessExceptionsPage', () => {
  it('ranks the teams and draws the organisation trend with one request each', async () => {
    const api = createFakeApi({
      getScorecard: jest.fn(async () => ({
        groupBy: 'owner',
        window: '90d',
        since: '2025-01-01T00:00:00Z',
        items: rows,
      })),
      getTrends: jest.fn(async () => ({ weeks })),
    });
    await renderInTestApp(
      <TestProviders api={api}>
        <ProcessExceptionsPage />
      </TestProviders>,
      { mountedRoutes },
    );

    expect(
      await screen.findByRole('heading', { name: 'Process exceptions' }),
    ).toBeInTheDocument();
    await screen.findAllByText('payments-team');
    const ranked = screen
      .getAllByRole('row')
      .map(r => r.textContent)
      .filter(text => /-team/.test(text ?? ''));
    expect(ranked).toHaveLength(2);
    expect(ranked[0]).toMatch(/^1payments-team/);
    expect(ranked[1]).toMatch(/^2search-team/);

    expect(
      await screen.findByRole('img', {
        name: /Exceptions opened per week by kind/,
      }),
    ).toBeInTheDocument();
    expect(screen.getByText('Trend: whole organisation')).toBeInTheDocument();
    expect(api.getScorecard).toHaveBeenCalledTimes(1);
    expect(api.getScorecard).toHaveBeenCalledWith({
      groupBy: 'owner',
      window: '90d',
    });
    expect(api.getTrends).toHaveBeenCalledTimes(1);
    expect(api.getTrends).toHaveBeenCalledWith({ owner: undefined, weeks: 12 });
  });

  it('shows the trend of the team chosen', async () => {
    const user = userEvent.setup();
    const api = createFakeApi({
      getScorecard: jest.fn(async () => ({
        groupBy: 'owner',
        window: '90d',
        since: '2025-01-01T00:00:00Z',
        items: rows,
      })),
      getTrends: jest.fn(async () => ({ weeks })),
    });
    await renderInTestApp(
      <TestProviders api={api}>
        <ProcessExceptionsPage />
      </TestProviders>,
      { mountedRoutes },
    );
    await screen.findAllByText('payments-team');
    await user.selectOptions(
      screen.getByLabelText('Trend for'),
      'group:default/search-team',
    );
    await waitFor(() =>
      expect(api.getTrends).toHaveBeenLastCalledWith({
        owner: 'group:default/search-team',
        weeks: 12,
      }),
    );
    expect(await screen.findByText('Trend: search-team')).toBeInTheDocument();

    await user.selectOptions(screen.getByLabelText('Window'), '30d');
    await waitFor(() =>
      expect(api.getScorecard).toHaveBeenLastCalledWith({
        groupBy: 'owner',
        window: '30d',
      }),
    );
  });

  it('explains when the scorecard cannot be loaded', async () => {
    const api = createFakeApi({
      getScorecard: jest.fn(async () => {
        throw new Error('catalog unreachable');
      }),
    });
    await renderInTestApp(
      <TestProviders api={api}>
        <ProcessExceptionsPage />
      </TestProviders>,
      { mountedRoutes },
    );
    expect(
      await screen.findByText(/Could not load the scorecard/),
    ).toBeInTheDocument();
  });
});
