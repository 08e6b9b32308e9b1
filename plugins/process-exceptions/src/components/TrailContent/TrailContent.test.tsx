import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { renderInTestApp } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  createFakeApi,
  hoursFromNow,
  makeException,
  makeFinding,
} from '../../__testUtils__/fixtures';
import { TestProviders } from '../../__testUtils__/TestProviders';
import { rootRouteRef } from '../../routes';
import { ProcessExceptionsPage } from '../ProcessExceptionsPage';

jest.mock('recharts', () =>
  require('../../__testUtils__/mockRecharts').mockRecharts(),
);

const PAYMENTS = 'component:default/payments';
const CHECKOUT = 'component:default/checkout';

const mountedRoutes = {
  '/catalog/:namespace/:kind/:name': entityRouteRef,
  '/': rootRouteRef,
};

describe('the trail view', () => {
  it('follows an incident as a vertical timeline across the services it crossed', async () => {
    const exception = makeException({
      entityRef: PAYMENTS,
      name: 'Hotfix for INC-117',
    });
    const api = createFakeApi({
      getTrail: jest.fn(async () => ({
        key: { kind: 'incident' as const, value: 'INC-117' },
        services: [PAYMENTS, CHECKOUT],
        truncated: false,
        entries: [
          {
            kind: 'event' as const,
            at: hoursFromNow(-3),
            entityRef: PAYMENTS,
            direct: true,
            event: {
              id: 'e-1',
              source: 'api',
              type: 'deployment.finished',
              actor: null,
              occurredAt: hoursFromNow(-3),
              receivedAt: hoursFromNow(-3),
              provenance: {
                kind: 'service' as const,
                subject: 'delivery-pipeline',
              },
              data: { pipelineRunUrl: 'https://ci.example.com/runs/9' },
            },
          },
          {
            kind: 'exception' as const,
            at: hoursFromNow(-3),
            entityRef: PAYMENTS,
            exception,
            eventIds: ['e-1'],
          },
          {
            kind: 'finding' as const,
            at: hoursFromNow(-2),
            entityRef: CHECKOUT,
            finding: makeFinding({
              entityRef: CHECKOUT,
              rule: 'pipeline-bypassed',
            }),
          },
        ],
      })),
    });
    await renderInTestApp(
      <TestProviders api={api}>
        <ProcessExceptionsPage />
      </TestProviders>,
      { mountedRoutes, routeEntries: ['/trail?incidentId=INC-117'] },
    );

    const trail = await screen.findByRole('list', { name: 'Trail' });
    expect(api.getTrail).toHaveBeenCalledWith({ incidentId: 'INC-117' });
    const steps = within(trail).getAllByRole('listitem');
    expect(steps.map(s => s.textContent)).toEqual([
      expect.stringMatching(
        /payments.*deployment\.finished.*Delivered by service token delivery-pipeline.*Open at the sender/,
      ),
      expect.stringMatching(/payments.*P0 hotfix opened: Hotfix for INC-117/),
      expect.stringMatching(
        /checkout.*Finding: A production change bypassed the pipeline/,
      ),
    ]);
    expect(
      within(trail).getByRole('link', { name: /^Open at the sender/ }),
    ).toHaveAttribute('href', 'https://ci.example.com/runs/9');
    expect(screen.getByText('3 entries across 2 services')).toBeInTheDocument();
  });

  it('opens the trail a search names', async () => {
    const user = userEvent.setup();
    const api = createFakeApi();
    await renderInTestApp(
      <TestProviders api={api}>
        <ProcessExceptionsPage />
      </TestProviders>,
      { mountedRoutes },
    );
    await user.selectOptions(
      await screen.findByLabelText('Trail of'),
      'storyId',
    );
    await user.type(screen.getByLabelText('Id'), 'ST-311');
    await user.click(screen.getByRole('button', { name: 'Follow the trail' }));
    expect(
      await screen.findByText('Trail of story ST-311'),
    ).toBeInTheDocument();
    expect(api.getTrail).toHaveBeenCalledWith({ storyId: 'ST-311' });
  });
});
