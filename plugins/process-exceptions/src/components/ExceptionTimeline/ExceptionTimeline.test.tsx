/* eslint-disable no-script-url -- these tests feed script URLs on purpose, to prove they never become links */
import { renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { hoursFromNow } from '../../__testUtils__/fixtures';
import { ExceptionTimeline } from './ExceptionTimeline';

describe('ExceptionTimeline', () => {
  it('lists the ledger events with their facts', async () => {
    await renderInTestApp(
      <ExceptionTimeline
        events={[
          {
            id: '1',
            source: 'launchdarkly',
            type: 'flag.changed',
            actor: 'user:default/ops',
            occurredAt: hoursFromNow(-5),
            receivedAt: hoursFromNow(-5),
            provenance: { kind: 'service', subject: 'delivery-pipeline' },
            notCounted: null,
            data: {
              flagKey: 'new-checkout',
              enabled: false,
              url: 'https://app.launchdarkly.com/x',
              changeIds: ['pr-1', 'pr-2'],
            },
          },
        ]}
      />,
    );
    expect(screen.getByText('flag.changed')).toBeInTheDocument();
    expect(screen.getByText('5 h ago')).toBeInTheDocument();
    expect(
      screen.getByText('by user:default/ops · via launchdarkly'),
    ).toBeInTheDocument();
    expect(screen.getByText('flagKey: new-checkout')).toBeInTheDocument();
    expect(screen.getByText('enabled: false')).toBeInTheDocument();
    expect(screen.getByText('changeIds: pr-1, pr-2')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: /url/ })).toHaveAttribute(
      'href',
      'https://app.launchdarkly.com/x',
    );
  });

  it('shows unsafe URLs and markup in event data as text', async () => {
    await renderInTestApp(
      <ExceptionTimeline
        events={[
          {
            id: '1',
            source: 'api',
            type: '<i>incident.opened</i>',
            actor: null,
            occurredAt: hoursFromNow(-1),
            receivedAt: hoursFromNow(-1),
            provenance: { kind: 'service', subject: 'delivery-pipeline' },
            notCounted: null,
            data: { url: 'javascript:alert(1)', title: '<b>down</b>' },
          },
        ]}
      />,
    );
    expect(screen.getByText('<i>incident.opened</i>')).toBeInTheDocument();
    expect(screen.getByText('url: javascript:alert(1)')).toBeInTheDocument();
    expect(screen.getByText('title: <b>down</b>')).toBeInTheDocument();
    expect(screen.queryByRole('link')).not.toBeInTheDocument();
  });

  it('says who delivered each event, when it came late, and why it closed nothing', async () => {
    await renderInTestApp(
      <ExceptionTimeline
        events={[
          {
            id: '1',
            source: 'api',
            type: 'change.reviewed',
            actor: 'pat',
            occurredAt: hoursFromNow(-30),
            receivedAt: hoursFromNow(-2),
            provenance: { kind: 'service', subject: 'delivery-pipeline' },
            notCounted:
              'Not counted for brief-check: delivered by service token delivery-pipeline; the attestation policy lets only a person in the portal, a signed delivery close it.',
            data: { changeId: 'pr-1', role: 'product-owner' },
          },
          {
            id: '2',
            source: 'github',
            type: 'change.reviewed',
            actor: 'octocat',
            occurredAt: hoursFromNow(-1),
            receivedAt: hoursFromNow(-1),
            provenance: {
              kind: 'webhook',
              source: 'github',
              verification: 'hmac-sha256',
              header: 'x-hub-signature-256',
            },
            notCounted: null,
            data: { changeId: 'pr-1' },
          },
        ]}
      />,
    );
    const [late, signed] = screen.getAllByRole('listitem');
    expect(late).toHaveTextContent(
      'Delivered by service token delivery-pipeline · received 2 h ago',
    );
    expect(late.querySelector('[role="note"]')).toHaveTextContent(
      /^Not counted for brief-check: delivered by service token delivery-pipeline/,
    );
    expect(signed).toHaveTextContent(
      'Delivered by github webhook, signature checked (x-hub-signature-256)',
    );
    expect(signed).not.toHaveTextContent('received');
    expect(signed.querySelector('[role="note"]')).toBeNull();
  });
});
