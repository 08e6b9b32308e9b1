import { renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { hoursFromNow, makeTask } from '../../__testUtils__/fixtures';
import { BackfillChecklist } from './BackfillChecklist';

const tasks = [
  makeTask({
    key: 'full-review',
    title: 'Full review',
    role: 'reviewer',
    doneAt: hoursFromNow(-2),
    doneBy: 'user:default/bob',
    evidenceUrl: 'https://github.com/acme/pay/pull/5#review',
  }),
  makeTask({
    key: 'qa-scenario',
    title: 'QA adds the missing test scenario',
    role: 'qa',
    dueAt: hoursFromNow(-30),
  }),
];

describe('BackfillChecklist', () => {
  it('shows who did each task, the evidence, and what is still owed', async () => {
    await renderInTestApp(<BackfillChecklist tasks={tasks} />);
    expect(screen.getByText('Full review')).toBeInTheDocument();
    expect(screen.getByText(/Done by user:default\/bob/)).toBeInTheDocument();
    expect(screen.getByRole('link', { name: /Evidence/ })).toHaveAttribute(
      'href',
      'https://github.com/acme/pay/pull/5#review',
    );
    expect(screen.getByText(/^QA ·/)).toBeInTheDocument();
    expect(screen.getByText('overdue by 30 h')).toBeInTheDocument();
    expect(screen.queryByRole('button')).not.toBeInTheDocument();
  });

  it('offers to complete the undone tasks when allowed', async () => {
    const user = userEvent.setup();
    const onComplete = jest.fn();
    await renderInTestApp(
      <BackfillChecklist tasks={tasks} onComplete={onComplete} />,
    );
    expect(screen.getAllByRole('button')).toHaveLength(1);
    await user.click(
      screen.getByRole('button', {
        name: 'Mark done: QA adds the missing test scenario',
      }),
    );
    expect(onComplete).toHaveBeenCalledWith(tasks[1]);
  });
});
