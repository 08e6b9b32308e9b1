/* eslint-disable no-script-url -- these tests feed script URLs on purpose, to prove they never become links */
import { renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { ExceptionLinks } from './ExceptionLinks';

describe('ExceptionLinks', () => {
  it("opens each key's trail, and a key that is a URL also at the sender", async () => {
    await renderInTestApp(
      <ExceptionLinks
        links={{
          incident: 'INC-117',
          changes: ['https://github.com/acme/pay/pull/1'],
          deployment: 'd-7',
        }}
        trailLink={(param, value) =>
          `/process-exceptions/trail?${new URLSearchParams({ [param]: value })}`
        }
      />,
    );
    expect(
      screen.getByRole('link', { name: 'Incident: INC-117' }),
    ).toHaveAttribute('href', '/process-exceptions/trail?incidentId=INC-117');
    expect(
      screen.getByRole('link', { name: 'Deployment: d-7' }),
    ).toHaveAttribute('href', '/process-exceptions/trail?deploymentId=d-7');
    expect(
      screen.getByRole('link', {
        name: 'PR: https://github.com/acme/pay/pull/1',
      }),
    ).toHaveAttribute(
      'href',
      `/process-exceptions/trail?changeId=${encodeURIComponent(
        'https://github.com/acme/pay/pull/1',
      )}`,
    );
    expect(
      screen.getByRole('link', { name: /Open PR at the sender/ }),
    ).toHaveAttribute('href', 'https://github.com/acme/pay/pull/1');
  });

  it("opens a key at the sender's URL the ledger kept for it", async () => {
    await renderInTestApp(
      <ExceptionLinks
        links={{
          incident: 'INC-117',
          changes: ['4f2a9c1', 'c-2'],
          deployment: 'd-7',
          urls: {
            incident: 'https://status.example.com/INC-117',
            changes: { '4f2a9c1': 'https://github.com/acme/pay/pull/12' },
            deployment: 'javascript:alert(1)',
          },
        }}
        trailLink={(param, value) =>
          `/process-exceptions/trail?${new URLSearchParams({ [param]: value })}`
        }
      />,
    );
    expect(
      screen.getByRole('link', { name: /Open Incident at the sender/ }),
    ).toHaveAttribute('href', 'https://status.example.com/INC-117');
    expect(
      screen.getByRole('link', { name: /Open PR 1 at the sender/ }),
    ).toHaveAttribute('href', 'https://github.com/acme/pay/pull/12');
    // No URL for the second change; a hostile one for the deployment.
    expect(
      screen.queryByRole('link', { name: /Open PR 2 at the sender/ }),
    ).not.toBeInTheDocument();
    expect(
      screen.queryByRole('link', { name: /Open Deployment at the sender/ }),
    ).not.toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: 'Deployment: d-7' }),
    ).toBeInTheDocument();
  });

  it('links incident, changes, flag and story', async () => {
    await renderInTestApp(
      <ExceptionLinks
        links={{
          incident: 'https://pager.example.com/INC-7',
          changes: [
            'https://github.com/acme/pay/pull/1',
            'https://github.com/acme/pay/pull/2',
          ],
          flag: 'https://app.launchdarkly.com/pay/production/features/new-checkout',
          story: 'https://jira.example.com/browse/PAY-9',
        }}
      />,
    );
    expect(screen.getByRole('link', { name: /Incident/ })).toHaveAttribute(
      'href',
      'https://pager.example.com/INC-7',
    );
    expect(screen.getByRole('link', { name: /PR 2/ })).toHaveAttribute(
      'href',
      'https://github.com/acme/pay/pull/2',
    );
    expect(screen.getByRole('link', { name: /Flag/ })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: /Story/ })).toBeInTheDocument();
  });

  it('shows values that are not http(s) URLs as text', async () => {
    await renderInTestApp(
      <ExceptionLinks
        links={{ incident: 'INC-7', story: 'javascript:alert(1)' }}
      />,
    );
    expect(screen.getByText('Incident: INC-7')).toBeInTheDocument();
    expect(screen.getByText('Story: javascript:alert(1)')).toBeInTheDocument();
    expect(screen.queryByRole('link')).not.toBeInTheDocument();
  });

  it('shows a dash when there are no links', async () => {
    await renderInTestApp(<ExceptionLinks links={{}} />);
    expect(screen.getByText('—')).toBeInTheDocument();
  });
});
