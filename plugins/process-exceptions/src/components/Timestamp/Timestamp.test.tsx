import { renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { Timestamp } from './Timestamp';

describe('Timestamp', () => {
  it('shows a relative time with the exact time as its title', async () => {
    const value = new Date(Date.now() - 3 * 3600 * 1000 - 60_000).toISOString();
    await renderInTestApp(<Timestamp value={value} />);
    const time = screen.getByText('3 h ago');
    expect(time).toHaveAttribute('title', new Date(value).toLocaleString());
    expect(time).toHaveAttribute('datetime', value);
  });
});
