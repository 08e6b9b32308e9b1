/* eslint-disable no-script-url -- these tests feed script URLs on purpose, to prove they never become links */
import { renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ResponseError } from '@backstage/errors';
import {
  createFakeApi,
  makeException,
  makeTask,
} from '../../__testUtils__/fixtures';
import { TestProviders } from '../../__testUtils__/TestProviders';
import { CompleteTaskDialog } from './CompleteTaskDialog';

const task = makeTask({ key: 'gap:copy', title: 'Final UI copy' });

describe('CompleteTaskDialog', () => {
  it('refuses an evidence link that is not an http(s) URL', async () => {
    const user = userEvent.setup();
    const api = createFakeApi();
    await renderInTestApp(
      <TestProviders api={api}>
        <CompleteTaskDialog
          exceptionId="ex-1"
          task={task}
          onClose={jest.fn()}
          onCompleted={jest.fn()}
        />
      </TestProviders>,
    );
    await user.type(
      screen.getByLabelText(/Evidence link/),
      'javascript:alert(1)',
    );
    await user.click(screen.getByRole('button', { name: 'Mark done' }));
    expect(
      screen.getByText('Enter an http(s) link to the evidence'),
    ).toBeInTheDocument();
    expect(api.completeTask).not.toHaveBeenCalled();
  });

  it('completes the task with the evidence link', async () => {
    const user = userEvent.setup();
    const onCompleted = jest.fn();
    const done = makeException({ status: 'backfilled' });
    const api = createFakeApi({ completeTask: jest.fn(async () => done) });
    await renderInTestApp(
      <TestProviders api={api}>
        <CompleteTaskDialog
          exceptionId="ex-1"
          task={task}
          onClose={jest.fn()}
          onCompleted={onCompleted}
        />
      </TestProviders>,
    );
    expect(screen.getByText('Final UI copy')).toBeInTheDocument();
    await user.type(
      screen.getByLabelText(/Evidence link/),
      'https://figma.example.com/file/1',
    );
    await user.click(screen.getByRole('button', { name: 'Mark done' }));
    expect(api.completeTask).toHaveBeenCalledWith({
      exceptionId: 'ex-1',
      taskKey: 'gap:copy',
      evidenceUrl: 'https://figma.example.com/file/1',
    });
    expect(onCompleted).toHaveBeenCalledWith(done);
  });

  it('shows the message the server gives when it refuses', async () => {
    const user = userEvent.setup();
    const api = createFakeApi({
      completeTask: jest.fn(async () => {
        const body = JSON.stringify({
          error: { name: 'ConflictError', message: 'The task is already done' },
          response: { statusCode: 409 },
        });
        throw await ResponseError.fromResponse({
          ok: false,
          status: 409,
          statusText: 'Conflict',
          headers: { get: () => 'application/json' },
          text: async () => body,
        } as unknown as Response);
      }),
    });
    await renderInTestApp(
      <TestProviders api={api}>
        <CompleteTaskDialog
          exceptionId="ex-1"
          task={task}
          onClose={jest.fn()}
          onCompleted={jest.fn()}
        />
      </TestProviders>,
    );
    await user.type(
      screen.getByLabelText(/Evidence link/),
      'https://example.com/evidence',
    );
    await user.click(screen.getByRole('button', { name: 'Mark done' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'The task is already done',
    );
  });
});
