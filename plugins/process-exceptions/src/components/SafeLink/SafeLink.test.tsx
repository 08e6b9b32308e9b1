/* eslint-disable no-script-url -- these tests feed script URLs on purpose, to prove they never become links */
import { renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { SafeLink } from './SafeLink';

describe('SafeLink', () => {
  it('links to an https URL', async () => {
    await renderInTestApp(
      <SafeLink href="https://incidents.example.com/INC-1">INC-1</SafeLink>,
    );
    expect(screen.getByRole('link', { name: /INC-1/ })).toHaveAttribute(
      'href',
      'https://incidents.example.com/INC-1',
    );
  });

  it('shows a javascript: URL as plain text, never as a link', async () => {
    await renderInTestApp(<SafeLink href="javascript:alert(1)" />);
    expect(screen.getByText('javascript:alert(1)')).toBeInTheDocument();
    expect(screen.queryByRole('link')).not.toBeInTheDocument();
  });

  it('keeps the label of an unsafe link as text', async () => {
    await renderInTestApp(
      <SafeLink href="data:text/html,hi">Evidence</SafeLink>,
    );
    expect(screen.getByText('Evidence')).toBeInTheDocument();
    expect(screen.queryByRole('link')).not.toBeInTheDocument();
  });
});
