import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { renderInTestApp } from '@backstage/test-utils';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ScorecardRow } from '../../api';
import { ScorecardTable } from './ScorecardTable';

const scorecardRows: ScorecardRow[] = [
  {
    key: 'group:default/payments-team',
    owner: 'group:default/payments-team',
    entityRefs: ['component:default/payments', 'component:default/ledger'],
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
    medianHoursToBackfill: 10.5,
    unacknowledgedFindings: 0,
    findingsInWindow: 0,
    oldestOverdueDeadline: null,
  },
  {
    key: 'unknown',
    owner: 'unknown',
    entityRefs: ['component:default/orphan'],
    open: 1,
    overdue: 0,
    backfilledOnTime: 0,
    backfilledLate: 0,
    onTimeRate: null,
    medianHoursToBackfill: null,
    unacknowledgedFindings: 0,
    findingsInWindow: 0,
    oldestOverdueDeadline: null,
  },
];

const mountedRoutes = { '/catalog/:namespace/:kind/:name': entityRouteRef };

describe('ScorecardTable', () => {
  it('ranks the teams as the server does, with their numbers', async () => {
    await renderInTestApp(<ScorecardTable rows={scorecardRows} />, {
      mountedRoutes,
    });
    const rows = screen.getAllByRole('row').slice(1);
    expect(within(rows[0]).getByText('payments-team')).toBeInTheDocument();
    expect(within(rows[0]).getByText('25%')).toBeInTheDocument();
    expect(within(rows[0]).getByText('2.5 d')).toBeInTheDocument();
    expect(within(rows[1]).getByText('search-team')).toBeInTheDocument();
    expect(within(rows[1]).getByText('100%')).toBeInTheDocument();
    expect(within(rows[1]).getByText('10.5 h')).toBeInTheDocument();
    expect(
      within(rows[2]).getByText('No owner in the catalog'),
    ).toBeInTheDocument();
    expect(within(rows[2]).getAllByText('—')).toHaveLength(2);
  });

  it('links each team to its services', async () => {
    const user = userEvent.setup();
    await renderInTestApp(<ScorecardTable rows={scorecardRows} />, {
      mountedRoutes,
    });
    await user.click(
      screen.getAllByRole('button', { name: /Detail panel/ })[0],
    );
    const services = await screen.findByRole('list', {
      name: 'Services of group:default/payments-team',
    });
    expect(
      within(services).getByRole('link', { name: /ledger/ }),
    ).toHaveAttribute('href', '/catalog/default/component/ledger');
  });

  it('selects a team to show its trend', async () => {
    const user = userEvent.setup();
    const onSelectTeam = jest.fn();
    await renderInTestApp(
      <ScorecardTable rows={scorecardRows} onSelectTeam={onSelectTeam} />,
      { mountedRoutes },
    );
    await user.click(screen.getByText('10.5 h'));
    // material-table waits a moment to tell a click from a double click
    await waitFor(() =>
      expect(onSelectTeam).toHaveBeenCalledWith('group:default/search-team'),
    );
  });
});
