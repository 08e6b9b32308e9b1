import { renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createFakeApi, entityRef } from '../../__testUtils__/fixtures';
import { TestProviders } from '../../__testUtils__/TestProviders';
import { RecordExceptionDialog } from './RecordExceptionDialog';

type User = ReturnType<typeof userEvent.setup>;
/** Pasting is as real as typing here, and much faster. */
const fill = async (user: User, field: HTMLElement, text: string) => {
  await user.click(field);
  await user.paste(text);
};

const renderDialog = async (api = createFakeApi(), onRecorded = jest.fn()) => {
  await renderInTestApp(
    <TestProviders api={api}>
      <RecordExceptionDialog
        open
        entityRef={entityRef}
        onClose={jest.fn()}
        onRecorded={onRecorded}
      />
    </TestProviders>,
  );
  return { api, onRecorded };
};

describe('RecordExceptionDialog', () => {
  it('requires a name and a reason', async () => {
    const user = userEvent.setup();
    const { api } = await renderDialog();
    await user.click(screen.getByRole('button', { name: 'Record' }));
    expect(screen.getByText('Name the exception')).toBeInTheDocument();
    expect(
      screen.getByText('Say why the rule had to be broken'),
    ).toBeInTheDocument();
    expect(api.recordException).not.toHaveBeenCalled();
  });

  it('records a hotfix with its links', async () => {
    const user = userEvent.setup();
    const { api, onRecorded } = await renderDialog();
    await fill(user, screen.getByLabelText(/Name/), 'Hotfix for INC-9');
    await fill(user, screen.getByLabelText(/Reason/), 'Payments down');
    await fill(user, screen.getByLabelText('Incident'), 'https://pager/INC-9');
    await fill(
      user,
      screen.getByLabelText('Changes (PR links)'),
      'https://gh/pr/1 https://gh/pr/2',
    );
    await user.click(screen.getByRole('button', { name: 'Record' }));
    expect(api.recordException).toHaveBeenCalledWith({
      entityRef,
      kind: 'hotfix',
      name: 'Hotfix for INC-9',
      reason: 'Payments down',
      links: {
        incident: 'https://pager/INC-9',
        changes: ['https://gh/pr/1', 'https://gh/pr/2'],
      },
    });
    expect(onRecorded).toHaveBeenCalled();
  });

  it('asks for named gaps for partial readiness', async () => {
    const user = userEvent.setup();
    const { api } = await renderDialog();
    await user.selectOptions(
      screen.getByLabelText('Kind'),
      'partial-readiness',
    );
    await fill(user, screen.getByLabelText(/Name/), 'Pull PAY-9 without copy');
    await fill(user, screen.getByLabelText(/Reason/), 'Copy comes Friday');
    await user.click(screen.getByRole('button', { name: 'Record' }));
    expect(screen.getByRole('alert')).toHaveTextContent(
      'Name at least one gap',
    );
    expect(api.recordException).not.toHaveBeenCalled();

    await fill(user, screen.getByLabelText('Gap 1 key'), 'copy');
    await fill(
      user,
      screen.getByLabelText('Gap 1 description'),
      'Final UI copy',
    );
    await user.click(screen.getByRole('button', { name: 'Record' }));
    expect(api.recordException).toHaveBeenCalledWith(
      expect.objectContaining({
        kind: 'partial-readiness',
        gaps: [{ key: 'copy', description: 'Final UI copy' }],
      }),
    );
  });
});
