import type { Entity } from '@backstage/catalog-model';
import { coreExtensionData } from '@backstage/frontend-plugin-api';
import {
  createExtensionTester,
  mockApis,
  renderInTestApp,
} from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { screen, within } from '@testing-library/react';
import { ScorecardContent } from './ScorecardContent';
import { scorecardEntityContent } from './scorecardEntityContent';

const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'deploy-pipeline', namespace: 'default' },
  spec: { type: 'service', owner: 'group:default/platform' },
};

const BASE = 'http://backstage.test/api/tech-insights';

const check = (id: string, name: string, rank: number, solution: string) => ({
  id,
  type: 'json-rules-engine',
  name,
  description: `${name}, described`,
  factIds: ['processExceptionsFactRetriever'],
  metadata: { category: 'Delivery discipline', rank, solution },
});

const CHECKS = [
  check(
    'onTimeRate',
    'On-time backfill rate at least 90 %',
    3,
    'Backfill within the deadline.',
  ),
  check(
    'noOverdue',
    'No overdue backfills',
    1,
    'Complete the overdue backfill tasks.',
  ),
  check(
    'noUnrecorded',
    'No unrecorded exceptions in 30 days',
    2,
    'Acknowledge each finding.',
  ),
];

// What POST /checks/run answers: only checks whose facts exist, with the
// check (its outcome's metadata merged in) and the facts used.
const result = (c: (typeof CHECKS)[number], passed: boolean) => ({
  facts: {},
  result: passed,
  check: { ...c, rule: { conditions: {} } },
});

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json' },
  });

/** Fakes the tech-insights backend at the fetch boundary. */
function fakeBackend(
  answer: (url: string, init?: RequestInit) => Response,
): jest.Mock {
  return jest.fn(async (input: RequestInfo | URL, init?: RequestInit) =>
    answer(String(input instanceof Request ? input.url : input), init),
  );
}

const render = (fetch: jest.Mock) =>
  renderInTestApp(
    <EntityProvider entity={entity}>
      <ScorecardContent />
    </EntityProvider>,
    {
      apis: [
        mockApis.discovery({ baseUrl: 'http://backstage.test' }),
        mockApis.fetch({ baseImplementation: fetch }),
      ],
    },
  );

const itemOf = (name: string) =>
  screen
    .getAllByRole('listitem')
    .find(li => within(li).queryByText(name) !== null)!;

describe('ScorecardContent', () => {
  it('shows each check with its outcome, and the solution of a failing one', async () => {
    const fetch = fakeBackend(url => {
      if (url === `${BASE}/checks`) return json(200, CHECKS);
      if (url === `${BASE}/checks/run/default/Component/deploy-pipeline`)
        return json(200, [
          result(CHECKS[2], true),
          result(CHECKS[0], true),
          result(CHECKS[1], false),
        ]);
      return json(404, { error: { name: 'NotFoundError', message: url } });
    });
    await render(fetch);

    expect(await screen.findByText('No overdue backfills')).toBeInTheDocument();
    expect(screen.getByText('2 of 3 checks passed')).toBeInTheDocument();

    const failing = itemOf('No overdue backfills');
    expect(within(failing).getByText('Failed')).toBeInTheDocument();
    expect(
      within(failing).getByText('No overdue backfills, described'),
    ).toBeInTheDocument();
    expect(
      within(failing).getByText('Complete the overdue backfill tasks.'),
    ).toBeInTheDocument();

    const passing = itemOf('No unrecorded exceptions in 30 days');
    expect(within(passing).getByText('Passed')).toBeInTheDocument();
    // A passing check does not tell anyone what to fix.
    expect(
      within(passing).queryByText('Acknowledge each finding.'),
    ).not.toBeInTheDocument();

    // Ranked by metadata.rank.
    expect(
      screen
        .getAllByRole('heading', { level: 3 })
        .map(heading => heading.textContent),
    ).toEqual([
      'No overdue backfills',
      'No unrecorded exceptions in 30 days',
      'On-time backfill rate at least 90 %',
    ]);

    // The configured checks are run for this entity, by id.
    const run = fetch.mock.calls.find(([, init]) => init?.method === 'POST');
    expect(run?.[0]).toBe(
      `${BASE}/checks/run/default/Component/deploy-pipeline`,
    );
    expect(JSON.parse(run?.[1]?.body as string)).toEqual({
      checks: ['onTimeRate', 'noOverdue', 'noUnrecorded'],
    });
  });

  it('marks checks the backend could not run yet as without data', async () => {
    const fetch = fakeBackend(url =>
      url === `${BASE}/checks` ? json(200, CHECKS) : json(200, []),
    );
    await render(fetch);

    expect(
      await screen.findByText(/No facts have been collected for this entity/),
    ).toBeInTheDocument();
    expect(screen.getAllByText('No data yet')).toHaveLength(3);
    expect(screen.queryByText('Passed')).not.toBeInTheDocument();
    expect(screen.queryByText('Failed')).not.toBeInTheDocument();
  });

  it('shows an empty state when no check is configured', async () => {
    const fetch = fakeBackend(() => json(200, []));
    await render(fetch);

    expect(
      await screen.findByText('No Tech Insights checks'),
    ).toBeInTheDocument();
    // Nothing to run.
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it('shows the error the backend answered', async () => {
    const fetch = fakeBackend(() =>
      json(500, {
        error: { name: 'Error', message: 'Not all facts are defined' },
        response: { statusCode: 500 },
      }),
    );
    await render(fetch);

    const alert = await screen.findByRole('alert');
    expect(
      within(alert).getByText(/Could not load the Tech Insights checks/),
    ).toBeInTheDocument();
    expect(
      screen.getAllByText(/Not all facts are defined/).length,
    ).toBeGreaterThan(0);
  });
});

describe('scorecardEntityContent', () => {
  it('is the Scorecard tab at tech-insights', () => {
    const tester = createExtensionTester(scorecardEntityContent);
    expect(tester.get(coreExtensionData.routePath)).toBe('tech-insights');
  });
});
