import { renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { KindLabel } from './KindLabel';

describe('KindLabel', () => {
  it('names each kind', async () => {
    await renderInTestApp(
      <>
        <KindLabel kind="hotfix" />
        <KindLabel kind="flag-disable" />
        <KindLabel kind="partial-readiness" />
        <KindLabel kind="<b>new</b>" />
      </>,
    );
    expect(screen.getByText('P0 hotfix')).toBeInTheDocument();
    expect(screen.getByText('Emergency flag disable')).toBeInTheDocument();
    expect(screen.getByText('Partial readiness')).toBeInTheDocument();
    expect(screen.getByText('<b>new</b>')).toBeInTheDocument();
  });
});
