import { renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { createFakeApi, entityRef } from '../../__testUtils__/fixtures';
import { TestProviders } from '../../__testUtils__/TestProviders';
import { SummaryStrip } from './SummaryStrip';

describe('SummaryStrip', () => {
  it('shows the four counts of the service', async () => {
    const api = createFakeApi({
      getSummary: jest.fn(async () => ({
        open: 2,
        overdue: 1,
        backfilledOnTime: 7,
        backfilledLate: 1,
        unacknowledgedFindings: 3,
        since: '2025-01-01T00:00:00Z',
      })),
    });
    await renderInTestApp(
      <TestProviders api={api}>
        <SummaryStrip entityRef={entityRef} />
      </TestProviders>,
    );
    expect(await screen.findByLabelText('Open: 2')).toBeInTheDocument();
    expect(screen.getByLabelText('Overdue: 1')).toBeInTheDocument();
    expect(
      screen.getByLabelText('Backfilled on time (last 90 days): 7'),
    ).toBeInTheDocument();
    expect(screen.getByText('of 8 backfilled')).toBeInTheDocument();
    expect(
      screen.getByLabelText('Unacknowledged findings: 3'),
    ).toBeInTheDocument();
    expect(api.getSummary).toHaveBeenCalledWith({ entityRef });
  });

  it('explains when the counts cannot be loaded', async () => {
    const api = createFakeApi({
      getSummary: jest.fn(async () => {
        throw new Error('backend down');
      }),
    });
    await renderInTestApp(
      <TestProviders api={api}>
        <SummaryStrip entityRef={entityRef} />
      </TestProviders>,
    );
    expect(
      await screen.findByText(/Could not load the summary/),
    ).toBeInTheDocument();
  });
});
