import { adaptGithub } from './github';
import {
  fixture,
  fixtureNames,
  schemaProblems,
} from './__testUtils__/fixtures';
import { AdaptedEvent, AdapterResult } from './types';

const DELIVERY = '72d3162e-cc78-11e3-81ab-4c9367dc0958';
const HEAD_SHA = 'ec26c3e57ca3a959ca5aad62de7213c562f8c821';
const headers = (event: string) => ({
  'x-github-event': event,
  'x-github-delivery': DELIVERY,
  'content-type': 'application/json',
});

function only(result: AdapterResult): AdaptedEvent {
  expect(schemaProblems(result)).toEqual([]);
  if (result.kind !== 'events') throw new Error(`ignored: ${result.reason}`);
  expect(result.events).toHaveLength(1);
  return result.events[0];
}

const load = (name: string) => fixture(`github/${name}.payload.json`);

/** What each octokit example becomes, as GitHub sends it. */
const EXPECTED: Record<string, AdapterResult> = {
  deployment: {
    kind: 'ignored',
    externalId: DELIVERY,
    eventName: 'deployment.created',
    reason: 'no process-exceptions event for deployment',
  },
  deployment_status: {
    kind: 'events',
    events: [
      {
        externalId: DELIVERY,
        type: 'deployment.finished',
        occurredAt: new Date('2019-05-15T15:20:55Z'),
        subject: 'github:Codertocat/Hello-World',
        actor: 'github:Codertocat',
        data: {
          deploymentId: '145988746',
          environment: 'production',
          outcome: 'succeeded',
          changeIds: ['f95f852bd8fca8fcc58a9a2d6c842781e32a215e'],
        },
      },
    ],
  },
  'pull_request.closed': {
    kind: 'ignored',
    externalId: DELIVERY,
    eventName: 'pull_request.closed',
    reason: 'pull request closed without merging',
  },
  'pull_request_review.dismissed': {
    kind: 'events',
    events: [
      {
        externalId: DELIVERY,
        type: 'change.reviewed',
        occurredAt: new Date('2019-05-15T15:20:38Z'),
        subject: 'github:Codertocat/Hello-World',
        actor: 'github:Codertocat',
        data: {
          changeId: HEAD_SHA,
          reviewer: 'Codertocat',
          decision: 'dismissed',
          url: 'https://github.com/Codertocat/Hello-World/pull/2#pullrequestreview-237895671',
        },
      },
    ],
  },
  'pull_request_review.submitted': {
    kind: 'ignored',
    externalId: DELIVERY,
    eventName: 'pull_request_review.submitted',
    reason: "a 'commented' review neither approves nor requests changes",
  },
};

describe('adaptGithub', () => {
  it('covers every example', () => {
    expect(fixtureNames('github')).toEqual(
      Object.keys(EXPECTED).map(name => `${name}.payload.json`),
    );
  });

  it.each(Object.keys(EXPECTED))('translates the %s example', name => {
    const event = name.split('.')[0];
    const result = adaptGithub(load(name), headers(event));
    expect(schemaProblems(result)).toEqual([]);
    expect(result).toEqual(EXPECTED[name]);
  });

  describe('deployment_status', () => {
    it('reads the deployment payload keys', () => {
      const payload = load('deployment_status');
      payload.deployment.payload = {
        entityRef: 'component:default/hello-world',
        labels: ['hotfix'],
        incidentId: 'INC-481',
        viaPipeline: false,
        changeIds: [HEAD_SHA],
        fixes: { incidentId: 'INC-481' },
      };
      payload.deployment_status.log_url =
        'https://github.com/Codertocat/Hello-World/actions/runs/1';
      expect(only(adaptGithub(payload, headers('deployment_status')))).toEqual(
        expect.objectContaining({
          // Named by the deployment: in the delivering repository's scope.
          subject:
            'github:Codertocat/Hello-World#component:default/hello-world',
          data: {
            deploymentId: '145988746',
            environment: 'production',
            outcome: 'succeeded',
            changeIds: ['f95f852bd8fca8fcc58a9a2d6c842781e32a215e', HEAD_SHA],
            labels: ['hotfix'],
            incidentId: 'INC-481',
            viaPipeline: false,
            fixes: { incidentId: 'INC-481' },
            pipelineRunUrl:
              'https://github.com/Codertocat/Hello-World/actions/runs/1',
          },
        }),
      );
    });

    it('reads a payload sent as a JSON string', () => {
      const payload = load('deployment_status');
      payload.deployment.payload = JSON.stringify({ labels: ['hotfix'] });
      expect(
        only(adaptGithub(payload, headers('deployment_status'))).data,
      ).toMatchObject({ labels: ['hotfix'] });
      payload.deployment.payload = '{broken';
      expect(() => adaptGithub(payload, headers('deployment_status'))).toThrow(
        'deployment.payload is a string but not valid JSON',
      );
    });

    it('names a wrongly typed payload key', () => {
      const payload = load('deployment_status');
      payload.deployment.payload = { viaPipeline: 'no' };
      expect(() => adaptGithub(payload, headers('deployment_status'))).toThrow(
        'deployment.payload.viaPipeline must be true or false',
      );
    });

    it.each(['failure', 'error', 'pending', 'in_progress', 'inactive'])(
      'ignores state %s',
      state => {
        const payload = load('deployment_status');
        payload.deployment_status.state = state;
        expect(adaptGithub(payload, headers('deployment_status'))).toEqual(
          expect.objectContaining({ kind: 'ignored', externalId: DELIVERY }),
        );
      },
    );

    it('rejects a success without an environment', () => {
      const payload = load('deployment_status');
      delete payload.deployment.environment;
      expect(() => adaptGithub(payload, headers('deployment_status'))).toThrow(
        'deployment.environment is required',
      );
    });
  });

  describe('pull_request_review', () => {
    it.each([
      ['approved', 'approved'],
      ['changes_requested', 'changes_requested'],
    ])('turns a submitted %s review into %s', (state, decision) => {
      const payload = load('pull_request_review.submitted');
      payload.review.state = state;
      expect(
        only(adaptGithub(payload, headers('pull_request_review'))),
      ).toEqual({
        externalId: DELIVERY,
        type: 'change.reviewed',
        occurredAt: new Date('2019-05-15T15:20:38Z'),
        subject: 'github:Codertocat/Hello-World',
        actor: 'github:Codertocat',
        data: {
          changeId: HEAD_SHA,
          reviewer: 'Codertocat',
          decision,
          url: 'https://github.com/Codertocat/Hello-World/pull/2#pullrequestreview-237895671',
        },
      });
    });

    it('keys a dismissal by the commit the review was given on', () => {
      const payload = load('pull_request_review.dismissed');
      payload.pull_request.head.sha =
        'f00dfeedf00dfeedf00dfeedf00dfeedf00dfeed';
      payload.pull_request.updated_at = '2019-05-16T08:00:00Z';
      expect(
        only(adaptGithub(payload, headers('pull_request_review'))),
      ).toMatchObject({
        occurredAt: new Date('2019-05-16T08:00:00Z'),
        data: { changeId: HEAD_SHA, decision: 'dismissed' },
      });
    });

    it('ignores an edited review', () => {
      const payload = load('pull_request_review.submitted');
      payload.action = 'edited';
      expect(adaptGithub(payload, headers('pull_request_review'))).toEqual(
        expect.objectContaining({
          kind: 'ignored',
          eventName: 'pull_request_review.edited',
        }),
      );
    });
  });

  describe('pull_request', () => {
    it('turns a merged pull request into change.merged keyed by its head', () => {
      const payload = load('pull_request.closed');
      payload.pull_request.merged = true;
      payload.pull_request.merged_at = '2019-05-15T15:21:18Z';
      expect(only(adaptGithub(payload, headers('pull_request')))).toEqual({
        externalId: DELIVERY,
        type: 'change.merged',
        occurredAt: new Date('2019-05-15T15:21:18Z'),
        subject: 'github:Codertocat/Hello-World',
        actor: 'github:Codertocat',
        data: {
          changeId: HEAD_SHA,
          url: 'https://github.com/Codertocat/Hello-World/pull/2',
        },
      });
    });

    it('ignores other actions', () => {
      const payload = load('pull_request.closed');
      payload.action = 'opened';
      expect(adaptGithub(payload, headers('pull_request'))).toMatchObject({
        kind: 'ignored',
        reason: "pull request action 'opened' is not a merge",
      });
    });
  });

  describe('other deliveries', () => {
    it.each([
      ['ping', { zen: 'Design for failure.', hook_id: 1 }],
      ['star', { action: 'created', starred_at: '2019-05-15T15:20:40Z' }],
    ])('ignores %s', (event, payload) => {
      expect(adaptGithub(payload, headers(event))).toEqual({
        kind: 'ignored',
        externalId: DELIVERY,
        eventName: 'action' in payload ? `${event}.created` : event,
        reason: `no process-exceptions event for ${event}`,
      });
    });

    it('requires the event and delivery headers, whatever their case', () => {
      const payload = load('deployment_status');
      expect(() =>
        adaptGithub(payload, { 'x-github-delivery': DELIVERY }),
      ).toThrow('the X-GitHub-Event header is required');
      expect(() =>
        adaptGithub(payload, { 'x-github-event': 'deployment_status' }),
      ).toThrow('the X-GitHub-Delivery header is required');
      const result = adaptGithub(payload, {
        'X-GitHub-Event': 'deployment_status',
        'X-GitHub-Delivery': DELIVERY,
      });
      expect(only(result).externalId).toBe(DELIVERY);
    });
  });
});
