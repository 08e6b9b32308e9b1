import { renderInTestApp } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import { ProcessExceptionSearchDocument } from '@process-exceptions/backstage-plugin-process-exceptions-common';
import { ProcessExceptionSearchResultListItem } from './ProcessExceptionSearchResultListItem';

const hotfix: ProcessExceptionSearchDocument = {
  title: 'Hotfix for INC-117 on payments-api',
  text: 'Refunds for EUR accounts failed after the currency table migration',
  location: '/catalog/default/component/payments-api/exceptions?exception=ex-1',
  authorization: { resourceRef: 'component:default/payments-api' },
  record: 'exception',
  id: 'ex-1',
  kind: 'hotfix',
  status: 'overdue',
  entityRef: 'component:default/payments-api',
  owner: 'group:default/payments-team',
  incident: 'INC-117',
  changes: 'pr-2117, pr-2118',
  flag: null,
  story: null,
  deployment: 'd-5117',
  occurredAt: '2026-11-03T10:00:00.000Z',
};

describe('ProcessExceptionSearchResultListItem', () => {
  it('shows an exception: its title as a link, its reason, kind, status, service, owner and keys', async () => {
    await renderInTestApp(
      <ProcessExceptionSearchResultListItem result={hotfix} />,
    );
    expect(
      screen.getByRole('link', { name: 'Hotfix for INC-117 on payments-api' }),
    ).toHaveAttribute(
      'href',
      '/catalog/default/component/payments-api/exceptions?exception=ex-1',
    );
    expect(
      screen.getByText(
        'Refunds for EUR accounts failed after the currency table migration',
      ),
    ).toBeInTheDocument();
    expect(screen.getByText('P0 hotfix')).toBeInTheDocument();
    expect(screen.getByText('Overdue')).toBeInTheDocument();
    expect(screen.getByText('Service: payments-api')).toBeInTheDocument();
    expect(screen.getByText('Owner: payments-team')).toBeInTheDocument();
    expect(screen.getByText('Incident: INC-117')).toBeInTheDocument();
    expect(screen.getByText('Changes: pr-2117, pr-2118')).toBeInTheDocument();
    expect(screen.queryByText(/^Flag:/)).not.toBeInTheDocument();
  });

  it('marks the search terms the engine highlighted', async () => {
    await renderInTestApp(
      <ProcessExceptionSearchResultListItem
        result={hotfix}
        highlight={{
          preTag: '<em>',
          postTag: '</em>',
          fields: {
            title: 'Hotfix for <em>INC</em>-<em>117</em> on payments-api',
            text: 'Refunds for <em>EUR</em> accounts failed after the currency table migration',
            incident: '<em>INC-117</em>',
          },
        }}
      />,
    );
    const link = screen.getByRole('link', {
      name: 'Hotfix for INC-117 on payments-api',
    });
    expect(
      within(link).getByText('INC', { selector: 'mark' }),
    ).toBeInTheDocument();
    expect(
      within(link).getByText('117', { selector: 'mark' }),
    ).toBeInTheDocument();
    expect(screen.getByText('EUR', { selector: 'mark' })).toBeInTheDocument();
    expect(
      screen.getByText('INC-117', { selector: 'mark' }),
    ).toBeInTheDocument();
  });

  it('shows a finding as a finding, with whether it was acknowledged', async () => {
    const finding: ProcessExceptionSearchDocument = {
      ...hotfix,
      title: 'Pipeline bypassed on payments-api',
      text: 'Deployment d-9 reached production outside the pipeline.',
      location:
        '/catalog/default/component/payments-api/exceptions?finding=f-1',
      record: 'finding',
      id: 'f-1',
      kind: 'pipeline-bypassed',
      status: 'unacknowledged',
      owner: null,
      incident: null,
      changes: null,
      deployment: null,
    };
    await renderInTestApp(
      <ProcessExceptionSearchResultListItem result={finding} />,
    );
    expect(
      screen.getByRole('link', { name: 'Pipeline bypassed on payments-api' }),
    ).toHaveAttribute(
      'href',
      '/catalog/default/component/payments-api/exceptions?finding=f-1',
    );
    expect(screen.getByText('Finding')).toBeInTheDocument();
    expect(screen.getByText('Not acknowledged')).toBeInTheDocument();
    expect(screen.queryByText(/^Owner:/)).not.toBeInTheDocument();
    expect(screen.queryByText('P0 hotfix')).not.toBeInTheDocument();
  });
});
