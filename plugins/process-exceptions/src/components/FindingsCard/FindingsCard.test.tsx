import { renderInTestApp } from '@backstage/test-utils';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  createFakeApi,
  entityRef,
  hoursFromNow,
  makeFinding,
} from '../../__testUtils__/fixtures';
import { TestProviders } from '../../__testUtils__/TestProviders';
import { FindingsCard } from './FindingsCard';

describe('FindingsCard', () => {
  it('explains each finding and what to do, unacknowledged first', async () => {
    const api = createFakeApi({
      listFindings: jest.fn(async () => ({
        items: [
          makeFinding({
            id: 'old',
            rule: 'pipeline-bypassed',
            message: 'Deployment d-1 reached production outside the pipeline.',
            acknowledgedAt: hoursFromNow(-2),
            acknowledgedBy: 'user:default/alice',
          }),
          makeFinding({
            id: 'new',
            rule: 're-enabled-before-staging',
            message: 'Flag new-checkout was re-enabled before staging passed.',
          }),
        ],
      })),
    });
    await renderInTestApp(
      <TestProviders api={api}>
        <FindingsCard entityRef={entityRef} />
      </TestProviders>,
    );
    const titles = await screen.findAllByRole('heading', { level: 3 });
    expect(titles.map(t => t.textContent)).toEqual([
      'A flag was re-enabled before the fix passed staging',
      'A production change bypassed the pipeline',
    ]);
    expect(
      screen.getByText(/Check the fix in staging now/),
    ).toBeInTheDocument();
    expect(screen.getByText(/by user:default\/alice/)).toBeInTheDocument();
    // only the open finding can be acknowledged
    expect(
      screen.getAllByRole('button', { name: 'Record the missing exception' }),
    ).toHaveLength(1);
  });

  it('marks the finding a link points at', async () => {
    const api = createFakeApi({
      listFindings: jest.fn(async () => ({
        items: [
          makeFinding({ id: 'f-1', rule: 'pipeline-bypassed' }),
          makeFinding({ id: 'f-2', rule: 're-enabled-before-staging' }),
        ],
      })),
    });
    await renderInTestApp(
      <TestProviders api={api}>
        <FindingsCard entityRef={entityRef} selectedId="f-2" />
      </TestProviders>,
    );
    expect(
      await screen.findByRole('article', {
        name: 'A flag was re-enabled before the fix passed staging',
      }),
    ).toHaveAttribute('aria-current', 'true');
    expect(
      screen.getByRole('article', {
        name: 'A production change bypassed the pipeline',
      }),
    ).not.toHaveAttribute('aria-current');
  });

  it('acknowledges a finding and asks the page to reload', async () => {
    const user = userEvent.setup();
    const onChanged = jest.fn();
    const api = createFakeApi({
      listFindings: jest.fn(async () => ({ items: [makeFinding()] })),
    });
    await renderInTestApp(
      <TestProviders api={api}>
        <FindingsCard entityRef={entityRef} onChanged={onChanged} />
      </TestProviders>,
    );
    await user.click(
      await screen.findByRole('button', {
        name: 'Record the missing exception',
      }),
    );
    await user.type(screen.getByLabelText(/Name/), 'Hotfix for INC-5');
    await user.type(screen.getByLabelText(/Reason/), 'Forgot the label');
    await user.click(screen.getByRole('button', { name: 'Record exception' }));
    expect(api.acknowledgeFinding).toHaveBeenCalledWith({
      findingId: 'f-1',
      name: 'Hotfix for INC-5',
      reason: 'Forgot the label',
    });
    await waitFor(() => expect(onChanged).toHaveBeenCalled());
  });

  it('has a quiet state when nothing broke', async () => {
    await renderInTestApp(
      <TestProviders api={createFakeApi()}>
        <FindingsCard entityRef={entityRef} />
      </TestProviders>,
    );
    expect(
      await screen.findByText(
        'No findings — every break of the chain was recorded as an exception.',
      ),
    ).toBeInTheDocument();
  });
});
