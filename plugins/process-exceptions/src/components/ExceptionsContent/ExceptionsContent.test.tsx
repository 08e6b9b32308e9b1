import { renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { ExceptionsContent } from './ExceptionsContent';

describe('ExceptionsContent', () => {
  it('tells the owner when nothing has been recorded', async () => {
    await renderInTestApp(<ExceptionsContent />);
    expect(
      await screen.findByText('No exceptions recorded — the chain is intact'),
    ).toBeInTheDocument();
  });
});
