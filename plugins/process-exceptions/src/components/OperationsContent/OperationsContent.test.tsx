import { ResponseError } from '@backstage/errors';
import { renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createFakeApi, hoursFromNow } from '../../__testUtils__/fixtures';
import { TestProviders } from '../../__testUtils__/TestProviders';
import { ProcessExceptionsPage } from '../ProcessExceptionsPage';

jest.mock('recharts', () =>
  require('../../__testUtils__/mockRecharts').mockRecharts(),
);

describe('the operations view', () => {
  it('lists failing maintenance work and unmapped events, one tab away from the scorecard', async () => {
    const user = userEvent.setup();
    const api = createFakeApi({
      listMaintenanceFailures: jest.fn(async () => ({
        items: [
          {
            kind: 'subject' as const,
            target: 'component:default/newcomer',
            attempts: 3,
            firstFailedAt: hoursFromNow(-2),
            lastFailedAt: hoursFromNow(-0.1),
            nextAttemptAt: hoursFromNow(0.5),
            lastError: 'Error: connection reset',
          },
        ],
      })),
      listUnmapped: jest.fn(async () => ({
        items: [
          {
            id: 'e-1',
            source: 'github',
            type: 'deployment.finished',
            subject: 'github:acme/unknown-repo',
            occurredAt: hoursFromNow(-1),
          },
        ],
      })),
    });
    await renderInTestApp(
      <TestProviders api={api}>
        <ProcessExceptionsPage />
      </TestProviders>,
    );
    expect(api.listMaintenanceFailures).not.toHaveBeenCalled();
    await user.click(await screen.findByRole('button', { name: 'Operations' }));

    const failing = await screen.findByText('component:default/newcomer');
    expect(failing.closest('tr')).toHaveTextContent(
      /Unmapped service.*3.*Error: connection reset/,
    );
    expect(
      (await screen.findByText('github:acme/unknown-repo')).closest('tr'),
    ).toHaveTextContent(/deployment\.finished.*github/);

    await user.click(
      screen.getByRole('button', { name: 'Back to the scorecard' }),
    );
    expect(
      await screen.findByRole('heading', { name: 'Scorecard' }),
    ).toBeInTheDocument();
  });

  it('says what an operator without process-exceptions.read is missing', async () => {
    const body = JSON.stringify({
      error: {
        name: 'NotAllowedError',
        message:
          'Not allowed: reading the maintenance failures needs process-exceptions.read, as it spans services',
      },
      response: { statusCode: 403 },
    });
    const forbidden = await ResponseError.fromResponse({
      ok: false,
      status: 403,
      statusText: 'Forbidden',
      headers: { get: () => 'application/json' },
      text: async () => body,
    } as unknown as Response);
    const api = createFakeApi({
      listMaintenanceFailures: jest.fn(async () => {
        throw forbidden;
      }),
    });
    await renderInTestApp(
      <TestProviders api={api}>
        <ProcessExceptionsPage />
      </TestProviders>,
      { routeEntries: ['/operations'] },
    );
    expect(
      await screen.findByText(/Could not load the failing maintenance work/),
    ).toBeInTheDocument();
    expect(
      screen.getAllByText(/needs process-exceptions.read/).length,
    ).toBeGreaterThan(0);
    expect(
      screen.getByText('Every event has its service.'),
    ).toBeInTheDocument();
  });
});
