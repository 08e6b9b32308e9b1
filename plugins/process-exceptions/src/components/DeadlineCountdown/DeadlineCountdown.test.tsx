import { renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { DeadlineCountdown } from './DeadlineCountdown';

const HOUR = 3600 * 1000;

describe('DeadlineCountdown', () => {
  it('counts down to an open deadline', async () => {
    await renderInTestApp(
      <DeadlineCountdown
        status="open"
        deadline={new Date(Date.now() + 5.5 * HOUR).toISOString()}
        backfilledOnTime={null}
      />,
    );
    expect(screen.getByText('due in 5 h')).toBeInTheDocument();
  });

  it('shows how late an overdue backfill is, in the error colour', async () => {
    await renderInTestApp(
      <DeadlineCountdown
        status="overdue"
        deadline={new Date(Date.now() - 50 * HOUR).toISOString()}
        backfilledOnTime={null}
      />,
    );
    const text = screen.getByText('overdue by 2 d');
    expect(text.className).toMatch(/colorError/);
  });
});
