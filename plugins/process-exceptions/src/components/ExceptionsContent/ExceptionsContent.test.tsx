/* eslint-disable no-script-url -- these tests feed script URLs on purpose, to prove they never become links */
import { renderInTestApp } from '@backstage/test-utils';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  createFakeApi,
  entityRef,
  hoursFromNow,
  makeDetail,
  makeException,
  makeFinding,
  makeTask,
} from '../../__testUtils__/fixtures';
import { TestProviders } from '../../__testUtils__/TestProviders';
import { ExceptionsContent } from './ExceptionsContent';

const overdue = makeException({
  id: 'ex-2',
  kind: 'flag-disable',
  name: 'Checkout flag switched off',
  status: 'overdue',
  openedAt: hoursFromNow(-80),
  deadline: hoursFromNow(-50),
  links: { flag: 'https://flags.example.com/new-checkout' },
});

describe('ExceptionsContent', () => {
  it('tells the owner when nothing has been recorded', async () => {
    const api = createFakeApi();
    await renderInTestApp(
      <TestProviders api={api}>
        <ExceptionsContent />
      </TestProviders>,
    );
    expect(
      await screen.findByText('No exceptions recorded — the chain is intact'),
    ).toBeInTheDocument();
    expect(api.listExceptions).toHaveBeenCalledWith(
      expect.objectContaining({ entityRef, limit: 20 }),
    );
  });

  it('lists the history with kind, countdown, status and links', async () => {
    const api = createFakeApi({
      listExceptions: jest.fn(async () => ({
        items: [makeException(), overdue],
        nextCursor: null,
      })),
    });
    await renderInTestApp(
      <TestProviders api={api}>
        <ExceptionsContent />
      </TestProviders>,
    );

    const row = (await screen.findByText('Checkout flag switched off')).closest(
      'tr',
    )!;
    expect(within(row).getByText('Emergency flag disable')).toBeInTheDocument();
    expect(within(row).getByText('overdue by 2 d')).toBeInTheDocument();
    expect(within(row).getByText('Overdue')).toBeInTheDocument();
    expect(within(row).getByText('3 d ago')).toBeInTheDocument();
    expect(within(row).getByRole('link', { name: /Flag/ })).toHaveAttribute(
      'href',
      'https://flags.example.com/new-checkout',
    );

    const first = screen
      .getByText('Hotfix for INC-42: card payments failing')
      .closest('tr')!;
    expect(within(first).getByText('P0 hotfix')).toBeInTheDocument();
    expect(within(first).getByText('due in 5 h')).toBeInTheDocument();
    expect(within(first).getByText('3 h ago')).toBeInTheDocument();
  });

  it('opens the detail with its checklist and timeline, and completes a task', async () => {
    const user = userEvent.setup();
    let detail = makeDetail();
    const api = createFakeApi({
      listExceptions: jest.fn(async () => ({
        items: [makeException()],
        nextCursor: null,
      })),
      getException: jest.fn(async () => detail),
      completeTask: jest.fn(async ({ taskKey, evidenceUrl }) => {
        // the server closes the exception once the last task is done
        detail = {
          ...detail,
          status: 'backfilled',
          backfilledOnTime: true,
          tasks: detail.tasks.map(t => ({
            ...t,
            doneAt: new Date().toISOString(),
            doneBy: t.key === taskKey ? 'user:default/bob' : 'user:default/pat',
            evidenceUrl,
          })),
        };
        return detail;
      }),
    });
    await renderInTestApp(
      <TestProviders api={api}>
        <ExceptionsContent />
      </TestProviders>,
    );

    await user.click(
      await screen.findByRole('button', {
        name: 'Hotfix for INC-42: card payments failing',
      }),
    );
    const drawer = await screen.findByRole('dialog', {
      name: 'Hotfix for INC-42: card payments failing',
    });
    expect(
      within(drawer).getByText(
        'Checkout returned 500s for every card payment.',
      ),
    ).toBeInTheDocument();
    const checklist = within(drawer).getByRole('list', {
      name: 'Backfill checklist',
    });
    expect(
      within(checklist).getByText('Full review of the hotfix'),
    ).toBeInTheDocument();
    expect(within(checklist).getByText(/^Product owner ·/)).toBeInTheDocument();
    const timeline = within(drawer).getByRole('list', { name: 'Timeline' });
    expect(within(timeline).getByText('incident.opened')).toBeInTheDocument();
    expect(
      within(timeline).getByText('deployment.finished'),
    ).toBeInTheDocument();
    expect(
      within(timeline).getByRole('link', { name: /pipelineRunUrl/ }),
    ).toHaveAttribute('href', 'https://ci.example.com/runs/99');

    await user.click(
      within(drawer).getByRole('button', {
        name: 'Mark done: Full review of the hotfix',
      }),
    );
    const form = await screen.findByRole('dialog', { name: 'Mark task done' });
    await user.type(
      within(form).getByLabelText(/Evidence link/),
      'https://github.com/acme/payments/pull/813',
    );
    await user.click(within(form).getByRole('button', { name: 'Mark done' }));

    expect(api.completeTask).toHaveBeenCalledWith({
      exceptionId: 'ex-1',
      taskKey: 'full-review',
      evidenceUrl: 'https://github.com/acme/payments/pull/813',
    });
    await waitFor(() =>
      expect(
        screen.queryByRole('dialog', { name: 'Mark task done' }),
      ).not.toBeInTheDocument(),
    );
    const updated = screen.getByRole('dialog', {
      name: 'Hotfix for INC-42: card payments failing',
    });
    expect(await within(updated).findByText('Backfilled')).toBeInTheDocument();
    expect(within(updated).getByText('backfilled on time')).toBeInTheDocument();
    expect(
      within(updated).getByText(/Done by user:default\/bob/),
    ).toBeInTheDocument();
  });

  it('opens the exception named in the address, as the overview card links', async () => {
    const api = createFakeApi({
      listExceptions: jest.fn(async () => ({
        items: [makeException()],
        nextCursor: null,
      })),
    });
    await renderInTestApp(
      <TestProviders api={api}>
        <ExceptionsContent />
      </TestProviders>,
      { routeEntries: ['/?exception=ex-1'] },
    );
    expect(
      await screen.findByRole('dialog', {
        name: 'Hotfix for INC-42: card payments failing',
      }),
    ).toBeInTheDocument();
    expect(api.getException).toHaveBeenCalledWith('ex-1');
  });

  it('shows findings with what to do, and offers every action to a permitted user', async () => {
    const api = createFakeApi({
      listExceptions: jest.fn(async () => ({
        items: [makeException()],
        nextCursor: null,
      })),
      listFindings: jest.fn(async () => ({ items: [makeFinding()] })),
    });
    await renderInTestApp(
      <TestProviders api={api}>
        <ExceptionsContent />
      </TestProviders>,
    );
    expect(
      await screen.findByText(
        'A change reached production without full review or a recorded exception',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        'Deployment d-77 reached production with 1 approval and no hotfix exception.',
      ),
    ).toBeInTheDocument();
    expect(screen.getByText('What to do:')).toBeInTheDocument();
    expect(
      await screen.findByRole('button', { name: 'Record exception' }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Record the missing exception' }),
    ).toBeInTheDocument();
  });

  it('renders hostile data from the API as plain text', async () => {
    const user = userEvent.setup();
    const hostile = makeException({
      id: 'ex-x',
      name: '<img src=x onerror=alert(1)><b>pwned</b>',
      reason: '<script>alert("reason")</script>',
      links: {
        incident: 'javascript:alert(document.cookie)',
        changes: ['JaVaScRiPt:alert(1)'],
      },
      tasks: [
        makeTask({
          doneAt: hoursFromNow(-1),
          doneBy: 'user:default/mallory',
          evidenceUrl: 'javascript:alert(2)',
        }),
      ],
    });
    const api = createFakeApi({
      listExceptions: jest.fn(async () => ({
        items: [hostile],
        nextCursor: null,
      })),
      getException: jest.fn(async () => ({ ...hostile, timeline: [] })),
    });
    const { container } = await renderInTestApp(
      <TestProviders api={api}>
        <ExceptionsContent />
      </TestProviders>,
    );

    await user.click(
      await screen.findByRole('button', {
        name: '<img src=x onerror=alert(1)><b>pwned</b>',
      }),
    );
    expect(
      await screen.findByText('<script>alert("reason")</script>'),
    ).toBeInTheDocument();
    expect(
      screen.getAllByText('Incident: javascript:alert(document.cookie)').length,
    ).toBeGreaterThan(0);
    expect(screen.getByText('Evidence')).toBeInTheDocument();

    for (const root of [container, document.body]) {
      expect(root.querySelector('img[src="x"]')).toBeNull();
      expect(root.querySelector('b')).toBeNull();
      expect(root.querySelector('script')).toBeNull();
      root.querySelectorAll('a[href]').forEach(a => {
        expect(a.getAttribute('href')!.toLowerCase()).not.toContain(
          'javascript:',
        );
      });
    }
  });
});
