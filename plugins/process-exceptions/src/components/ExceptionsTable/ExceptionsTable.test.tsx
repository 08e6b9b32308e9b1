import { renderInTestApp } from '@backstage/test-utils';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  createFakeApi,
  entityRef,
  hoursFromNow,
  makeException,
} from '../../__testUtils__/fixtures';
import { TestProviders } from '../../__testUtils__/TestProviders';
import { ExceptionsTable } from './ExceptionsTable';

const page = (ids: string[], nextCursor: string | null) => ({
  items: ids.map(id => makeException({ id, name: `Exception ${id}` })),
  nextCursor,
});

describe('ExceptionsTable', () => {
  it('fetches one page at a time, following the cursor forward and back', async () => {
    const user = userEvent.setup();
    const api = createFakeApi({
      listExceptions: jest.fn(async ({ cursor }) =>
        cursor === 'c2' ? page(['b1'], null) : page(['a1', 'a2'], 'c2'),
      ),
    });
    await renderInTestApp(
      <TestProviders api={api}>
        <ExceptionsTable entityRef={entityRef} onSelect={jest.fn()} />
      </TestProviders>,
    );
    expect(await screen.findByText('Exception a1')).toBeInTheDocument();
    expect(screen.getByText('1-20 of more than 20')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Next page' }));
    expect(await screen.findByText('Exception b1')).toBeInTheDocument();
    expect(screen.queryByText('Exception a1')).not.toBeInTheDocument();
    expect(api.listExceptions).toHaveBeenLastCalledWith({
      entityRef,
      limit: 20,
      cursor: 'c2',
      status: undefined,
      kind: undefined,
    });
    expect(screen.getByRole('button', { name: 'Next page' })).toBeDisabled();

    await user.click(screen.getByRole('button', { name: 'Previous page' }));
    expect(await screen.findByText('Exception a1')).toBeInTheDocument();
    expect(api.listExceptions).toHaveBeenLastCalledWith(
      expect.objectContaining({ cursor: undefined }),
    );
  });

  it('asks the server for overdue exceptions when that status is chosen', async () => {
    const user = userEvent.setup();
    const api = createFakeApi({
      listExceptions: jest.fn(async ({ status }) => ({
        items:
          status === 'overdue'
            ? [
                makeException({
                  id: 'late',
                  name: 'Late hotfix',
                  status: 'overdue',
                  deadline: hoursFromNow(-26),
                }),
              ]
            : [
                makeException(),
                makeException({ id: 'late', name: 'Late hotfix' }),
              ],
        nextCursor: null,
      })),
    });
    await renderInTestApp(
      <TestProviders api={api}>
        <ExceptionsTable entityRef={entityRef} onSelect={jest.fn()} />
      </TestProviders>,
    );
    await screen.findByText('Hotfix for INC-42: card payments failing');

    await user.selectOptions(screen.getByLabelText('Status'), 'overdue');
    expect(await screen.findByText('overdue by 26 h')).toBeInTheDocument();
    expect(
      screen.queryByText('Hotfix for INC-42: card payments failing'),
    ).not.toBeInTheDocument();
    expect(api.listExceptions).toHaveBeenLastCalledWith(
      expect.objectContaining({ status: 'overdue', cursor: undefined }),
    );

    await user.selectOptions(screen.getByLabelText('Kind'), 'flag-disable');
    await waitFor(() =>
      expect(api.listExceptions).toHaveBeenLastCalledWith(
        expect.objectContaining({ status: 'overdue', kind: 'flag-disable' }),
      ),
    );
  });

  it('says so when no exception matches the filters', async () => {
    const user = userEvent.setup();
    const api = createFakeApi({
      listExceptions: jest.fn(async ({ kind }) =>
        kind ? page([], null) : page(['a1'], null),
      ),
    });
    await renderInTestApp(
      <TestProviders api={api}>
        <ExceptionsTable entityRef={entityRef} onSelect={jest.fn()} />
      </TestProviders>,
    );
    await screen.findByText('Exception a1');
    await user.selectOptions(screen.getByLabelText('Kind'), 'hotfix');
    expect(
      await screen.findByText('No exceptions match these filters.'),
    ).toBeInTheDocument();
  });

  it('selects an exception when its row is chosen', async () => {
    const user = userEvent.setup();
    const onSelect = jest.fn();
    const api = createFakeApi({
      listExceptions: jest.fn(async () => page(['a1'], null)),
    });
    await renderInTestApp(
      <TestProviders api={api}>
        <ExceptionsTable entityRef={entityRef} onSelect={onSelect} />
      </TestProviders>,
    );
    await user.click(
      await screen.findByRole('button', { name: 'Exception a1' }),
    );
    expect(onSelect).toHaveBeenCalledWith('a1');
  });

  it('shows the server error', async () => {
    const api = createFakeApi({
      listExceptions: jest.fn(async () => {
        throw new Error('database unavailable');
      }),
    });
    await renderInTestApp(
      <TestProviders api={api}>
        <ExceptionsTable entityRef={entityRef} onSelect={jest.fn()} />
      </TestProviders>,
    );
    expect(
      await screen.findByText(/Could not load the exceptions/),
    ).toBeInTheDocument();
  });
});
