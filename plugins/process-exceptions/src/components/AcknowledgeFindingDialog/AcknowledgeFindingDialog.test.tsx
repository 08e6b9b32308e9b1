import { renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createFakeApi, makeFinding } from '../../__testUtils__/fixtures';
import { TestProviders } from '../../__testUtils__/TestProviders';
import { AcknowledgeFindingDialog } from './AcknowledgeFindingDialog';

describe('AcknowledgeFindingDialog', () => {
  it('records the missing exception with a name and a reason', async () => {
    const user = userEvent.setup();
    const api = createFakeApi();
    const onAcknowledged = jest.fn();
    await renderInTestApp(
      <TestProviders api={api}>
        <AcknowledgeFindingDialog
          finding={makeFinding()}
          onClose={jest.fn()}
          onAcknowledged={onAcknowledged}
        />
      </TestProviders>,
    );
    await user.click(screen.getByRole('button', { name: 'Record exception' }));
    expect(screen.getByText('Name the exception')).toBeInTheDocument();
    expect(api.acknowledgeFinding).not.toHaveBeenCalled();

    await user.type(screen.getByLabelText(/Name/), 'Hotfix for INC-3');
    await user.type(screen.getByLabelText(/Reason/), 'Label was missing');
    await user.click(screen.getByRole('button', { name: 'Record exception' }));
    expect(api.acknowledgeFinding).toHaveBeenCalledWith({
      findingId: 'f-1',
      name: 'Hotfix for INC-3',
      reason: 'Label was missing',
    });
    expect(onAcknowledged).toHaveBeenCalled();
  });
});
