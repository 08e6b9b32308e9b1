import { renderInTestApp } from '@backstage/test-utils';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createFakeApi } from '../../__testUtils__/fixtures';
import { TestProviders } from '../../__testUtils__/TestProviders';
import { EvidenceDialog } from './EvidenceDialog';

describe('EvidenceDialog', () => {
  it('downloads the period of the team chosen, as the format chosen', async () => {
    const user = userEvent.setup();
    const api = createFakeApi();
    const onClose = jest.fn();
    URL.createObjectURL = jest.fn(() => 'blob:evidence');
    URL.revokeObjectURL = jest.fn();
    await renderInTestApp(
      <TestProviders api={api}>
        <EvidenceDialog
          open
          onClose={onClose}
          teams={[
            { ref: 'group:default/payments-team', name: 'payments-team' },
          ]}
        />
      </TestProviders>,
    );
    const from = screen.getByLabelText(/From/);
    await user.clear(from);
    await user.type(from, '2026-10-01');
    const to = screen.getByLabelText(/To \(included\)/);
    await user.clear(to);
    await user.type(to, '2026-12-31');
    await user.selectOptions(
      screen.getByLabelText('Team'),
      'group:default/payments-team',
    );
    await user.selectOptions(screen.getByLabelText('Format'), 'json');
    await user.click(screen.getByRole('button', { name: 'Download' }));
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    expect(api.downloadEvidence).toHaveBeenCalledWith({
      from: '2026-10-01',
      to: '2026-12-31',
      owner: 'group:default/payments-team',
      format: 'json',
    });
    expect(URL.createObjectURL).toHaveBeenCalled();
  });

  it('says why the backend refused', async () => {
    const user = userEvent.setup();
    const api = createFakeApi({
      downloadEvidence: jest.fn(async () => {
        throw new Error(
          'Not allowed: reading the evidence export needs process-exceptions.read',
        );
      }),
    });
    await renderInTestApp(
      <TestProviders api={api}>
        <EvidenceDialog open onClose={jest.fn()} teams={[]} />
      </TestProviders>,
    );
    await user.click(screen.getByRole('button', { name: 'Download' }));
    expect(
      await screen.findByText(/needs process-exceptions.read/),
    ).toBeInTheDocument();
  });
});
