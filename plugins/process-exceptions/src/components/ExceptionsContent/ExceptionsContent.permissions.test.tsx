import { renderInTestApp } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  createFakeApi,
  makeException,
  makeFinding,
} from '../../__testUtils__/fixtures';
import { DENY, TestProviders } from '../../__testUtils__/TestProviders';
import { ExceptionsContent } from './ExceptionsContent';

// A file of its own: usePermission caches answers (SWR) for the whole test
// file, so ALLOW and DENY cannot be mixed in one.
describe('ExceptionsContent without permissions', () => {
  it('does not offer actions the user is not permitted to take', async () => {
    const user = userEvent.setup();
    const api = createFakeApi({
      listExceptions: jest.fn(async () => ({
        items: [makeException()],
        nextCursor: null,
      })),
      listFindings: jest.fn(async () => ({ items: [makeFinding()] })),
    });
    await renderInTestApp(
      <TestProviders api={api} permission={DENY}>
        <ExceptionsContent />
      </TestProviders>,
    );
    await screen.findByText(
      'A change reached production without full review or a recorded exception',
    );
    await user.click(
      screen.getByRole('button', {
        name: 'Hotfix for INC-42: card payments failing',
      }),
    );
    const drawer = await screen.findByRole('dialog', {
      name: 'Hotfix for INC-42: card payments failing',
    });
    expect(
      await within(drawer).findByText('Full review of the hotfix'),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: /Mark done/ }),
    ).not.toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Record exception' }),
    ).not.toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Record the missing exception' }),
    ).not.toBeInTheDocument();
  });
});
