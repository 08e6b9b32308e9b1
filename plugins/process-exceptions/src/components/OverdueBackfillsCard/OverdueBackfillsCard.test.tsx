import { renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import {
  createFakeApi,
  entityRef,
  hoursFromNow,
  makeException,
  makeTask,
} from '../../__testUtils__/fixtures';
import { TestProviders } from '../../__testUtils__/TestProviders';
import { OverdueBackfillsCard } from './OverdueBackfillsCard';

describe('OverdueBackfillsCard', () => {
  it('lists overdue backfills with the roles that owe tasks and how late they are', async () => {
    const api = createFakeApi({
      listExceptions: jest.fn(async () => ({
        items: [
          makeException({
            id: 'ex-7',
            name: 'Hotfix for INC-7',
            status: 'overdue',
            deadline: hoursFromNow(-50),
            tasks: [
              makeTask({
                key: 'a',
                role: 'reviewer',
                doneAt: hoursFromNow(-1),
              }),
              makeTask({ key: 'b', role: 'product-owner' }),
              makeTask({ key: 'c', role: 'qa' }),
              makeTask({ key: 'd', role: 'qa' }),
            ],
          }),
        ],
        nextCursor: null,
      })),
    });
    await renderInTestApp(
      <TestProviders api={api}>
        <OverdueBackfillsCard />
      </TestProviders>,
    );
    const link = await screen.findByRole('link', { name: 'Hotfix for INC-7' });
    expect(link.getAttribute('href')).toMatch(/exceptions\?exception=ex-7$/);
    expect(screen.getByText('overdue by 2 d')).toBeInTheDocument();
    expect(screen.getByText(/Owed by: Product owner, QA$/)).toBeInTheDocument();
    expect(api.listExceptions).toHaveBeenCalledWith({
      entityRef,
      status: 'overdue',
      limit: 10,
    });
  });

  it('is quiet when every backfill is on time', async () => {
    await renderInTestApp(
      <TestProviders api={createFakeApi()}>
        <OverdueBackfillsCard />
      </TestProviders>,
    );
    expect(
      await screen.findByText('All backfills on time'),
    ).toBeInTheDocument();
  });
});
