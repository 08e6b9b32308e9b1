import { ResponseError } from '@backstage/errors';
import { renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createFakeApi, hoursFromNow } from '../../__testUtils__/fixtures';
import { TestProviders } from '../../__testUtils__/TestProviders';
import { LedgerSealsCard } from './LedgerSealsCard';

const verification = {
  ok: true,
  sealedEvents: 1841,
  unsealedEvents: 3,
  head: {
    position: 1841,
    seal: '5c7f0a9e1b2c3d4e5f60718293a4b5c6d7e8f90112233445566778899aabbccd',
    signature: 'a'.repeat(64),
    signedAt: hoursFromNow(-0.1),
  },
  mismatch: null,
  against: null,
};

describe('LedgerSealsCard', () => {
  it('walks the chain only when asked, and says what it found', async () => {
    const user = userEvent.setup();
    const api = createFakeApi({
      verifyLedger: jest.fn(async () => verification),
    });
    await renderInTestApp(
      <TestProviders api={api}>
        <LedgerSealsCard />
      </TestProviders>,
    );
    expect(api.verifyLedger).not.toHaveBeenCalled();
    await user.click(screen.getByRole('button', { name: 'Verify the ledger' }));
    const status = await screen.findByRole('status');
    expect(status).toHaveTextContent(
      'Verified: 1,841 sealed events match their seals and signed heads.',
    );
    expect(status).toHaveTextContent('Head: position 1841, seal 5c7f0a9e1b2c…');
    expect(status).toHaveTextContent('3 events not sealed yet');
  });

  it('names the first event that no longer matches', async () => {
    const user = userEvent.setup();
    const api = createFakeApi({
      verifyLedger: jest.fn(async () => ({
        ...verification,
        ok: false,
        mismatch: {
          position: 17,
          event: { source: 'github', id: 'deployment_status-5524', seq: 20 },
          problem: 'content' as const,
          message:
            'The github event deployment_status-5524 at chain position 17 is not what was sealed there',
        },
      })),
    });
    await renderInTestApp(
      <TestProviders api={api}>
        <LedgerSealsCard />
      </TestProviders>,
    );
    await user.click(screen.getByRole('button', { name: 'Verify the ledger' }));
    expect(await screen.findByRole('status')).toHaveTextContent(
      'Not verified at chain position 17 (content): The github event deployment_status-5524',
    );
  });

  it('shows why it cannot verify a ledger that is not sealed', async () => {
    const user = userEvent.setup();
    const response = new Response(
      JSON.stringify({
        error: {
          name: 'ConflictError',
          message:
            'The ledger is not sealed: set processExceptions.ledger.sealingKey',
        },
        response: { statusCode: 409 },
      }),
      { status: 409, headers: { 'Content-Type': 'application/json' } },
    );
    const error = await ResponseError.fromResponse(response);
    const api = createFakeApi({
      verifyLedger: jest.fn(async () => {
        throw error;
      }),
    });
    await renderInTestApp(
      <TestProviders api={api}>
        <LedgerSealsCard />
      </TestProviders>,
    );
    await user.click(screen.getByRole('button', { name: 'Verify the ledger' }));
    expect(
      await screen.findByText(/processExceptions\.ledger\.sealingKey/),
    ).toBeInTheDocument();
  });
});
