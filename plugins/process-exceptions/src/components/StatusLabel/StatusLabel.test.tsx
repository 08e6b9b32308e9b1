import { renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { StatusLabel } from './StatusLabel';

describe('StatusLabel', () => {
  it('names the status', async () => {
    await renderInTestApp(
      <>
        <StatusLabel status="open" backfilledOnTime={null} />
        <StatusLabel status="overdue" backfilledOnTime={null} />
        <StatusLabel status="backfilled" backfilledOnTime={false} />
      </>,
    );
    expect(screen.getByText('Open')).toBeInTheDocument();
    expect(screen.getByText('Overdue')).toBeInTheDocument();
    expect(screen.getByText('Backfilled late')).toBeInTheDocument();
  });
});
