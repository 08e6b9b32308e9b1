import { renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createFakeApi, makeDetail } from '../../__testUtils__/fixtures';
import { TestProviders } from '../../__testUtils__/TestProviders';
import { ExceptionDetailDrawer } from './ExceptionDetailDrawer';

describe('ExceptionDetailDrawer', () => {
  it('shows reason, links, checklist and timeline of the exception', async () => {
    const api = createFakeApi({
      getException: jest.fn(async () =>
        makeDetail({ reason: 'Line one\nLine two' }),
      ),
    });
    await renderInTestApp(
      <TestProviders api={api}>
        <ExceptionDetailDrawer exceptionId="ex-1" onClose={jest.fn()} />
      </TestProviders>,
    );
    expect(
      await screen.findByRole('heading', {
        name: 'Hotfix for INC-42: card payments failing',
      }),
    ).toBeInTheDocument();
    expect(screen.getByText(/Line one/)).toBeInTheDocument();
    expect(screen.getByRole('link', { name: /Incident/ })).toBeInTheDocument();
    expect(
      screen.getByRole('list', { name: 'Backfill checklist' }),
    ).toBeInTheDocument();
    expect(screen.getByRole('list', { name: 'Timeline' })).toBeInTheDocument();
    expect(api.getException).toHaveBeenCalledWith('ex-1');
  });

  it('closes', async () => {
    const user = userEvent.setup();
    const onClose = jest.fn();
    await renderInTestApp(
      <TestProviders api={createFakeApi()}>
        <ExceptionDetailDrawer exceptionId="ex-1" onClose={onClose} />
      </TestProviders>,
    );
    await user.click(await screen.findByRole('button', { name: 'Close' }));
    expect(onClose).toHaveBeenCalled();
  });

  it('explains when the exception cannot be loaded', async () => {
    const api = createFakeApi({
      getException: jest.fn(async () => {
        throw new Error('No exception with id ex-9');
      }),
    });
    await renderInTestApp(
      <TestProviders api={api}>
        <ExceptionDetailDrawer exceptionId="ex-9" onClose={jest.fn()} />
      </TestProviders>,
    );
    expect(
      await screen.findByText(/Could not load the exception/),
    ).toBeInTheDocument();
  });
});
