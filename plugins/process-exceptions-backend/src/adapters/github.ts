/**
 * GitHub webhooks to v1 events. The event name comes from `X-GitHub-Event`,
 * the idempotency key from `X-GitHub-Delivery` (GitHub keeps it on redelivery).
 *
 * | webhook                                         | v1 event                                  |
 * |-------------------------------------------------|-------------------------------------------|
 * | deployment_status, state `success`              | deployment.finished, outcome succeeded    |
 * | pull_request_review submitted, state approved   | change.reviewed, decision approved        |
 * | pull_request_review submitted, changes_requested| change.reviewed, decision changes_requested |
 * | pull_request_review dismissed                   | change.reviewed, decision dismissed       |
 * | pull_request closed with merged true            | change.merged                             |
 * | anything else (ping, star, commented reviews...)| ignored                                   |
 *
 * Change ids are commit SHAs. A review counts for the commit it reviewed
 * (`review.commit_id`, the PR head when it was submitted): a push after the
 * approval makes a new head that needs its own approvals, and a dismissal
 * cancels the approval of the commit that approval was given on, even after
 * the head moved on. A merge is keyed by the PR head SHA, not
 * `merge_commit_sha`, so a merge finds the reviews of what was merged. A
 * deployment's changeIds are `deployment.sha` plus `deployment.payload.changeIds`:
 * a pipeline that deploys a merge commit should list the PR head SHAs there,
 * or the deployment's approvals cannot be found.
 *
 * `deployment.payload` (an object, or a string holding one) may carry
 * `entityRef` (the subject) and the deployment keys of readDeploymentExtras:
 * `labels`, `incidentId`, `viaPipeline`, `changeIds`, `fixes`, `name`,
 * `reason`, `pipelineRunUrl`.
 */
import { adaptedEvent, adaptedEvents, ignored } from './adaptedEvent';
import { headerValue } from './headerValue';
import { PayloadReader } from './PayloadReader';
import { readDeploymentExtras } from './readDeploymentExtras';
import { githubSubject } from './subjects';
import { AdapterHeaders, AdapterInputError, AdapterResult } from './types';

interface Delivery {
  id: string;
  eventName: string;
  body: PayloadReader;
}

function common(delivery: Delivery) {
  const { body } = delivery;
  const login = body.optionalString('sender.login');
  return {
    externalId: delivery.id,
    subject: githubSubject(body.string('repository.full_name')),
    actor: login ? `github:${login}` : null,
  };
}

/** GitHub lets a deployment's payload be an object or a JSON string. */
function deploymentPayload(body: PayloadReader): PayloadReader {
  const payload = body.at('deployment.payload');
  if (typeof payload.raw !== 'string' || !payload.raw.trim().startsWith('{')) {
    return payload;
  }
  try {
    return PayloadReader.named(JSON.parse(payload.raw), 'deployment.payload');
  } catch {
    throw new AdapterInputError(
      'deployment.payload is a string but not valid JSON',
    );
  }
}

function deploymentStatus(delivery: Delivery): AdapterResult {
  const { body } = delivery;
  const state = body.string('deployment_status.state').toLowerCase();
  if (state !== 'success') {
    return ignored(
      delivery.id,
      delivery.eventName,
      `deployment status '${state}' is not a finished deployment`,
    );
  }
  const payload = deploymentPayload(body);
  const extras = readDeploymentExtras(payload);
  const sha = body.optionalString('deployment.sha');
  const changeIds = [
    ...new Set([...(sha ? [sha] : []), ...(extras.changeIds ?? [])]),
  ];
  const status = body.child('deployment_status');
  const { subject, ...rest } = common(delivery);
  const named = payload.optionalString('entityRef');
  return adaptedEvents(
    adaptedEvent({
      ...rest,
      // A repository's deployment may name only that repository's entities.
      subject: named
        ? githubSubject(body.string('repository.full_name'), named)
        : subject,
      occurredAt:
        typeof status.at('updated_at').raw === 'string'
          ? status.time('updated_at')
          : status.time('created_at'),
      type: 'deployment.finished',
      data: {
        ...extras,
        deploymentId: body.id('deployment.id'),
        environment: body.string('deployment.environment'),
        outcome: 'succeeded',
        changeIds: changeIds.length > 0 ? changeIds : undefined,
        pipelineRunUrl:
          extras.pipelineRunUrl ??
          status.lenientHttpUrl('log_url') ??
          status.lenientHttpUrl('target_url'),
      },
    }),
  );
}

function pullRequestReview(delivery: Delivery): AdapterResult {
  const { body } = delivery;
  const action = body.string('action');
  const review = body.child('review');
  let decision: 'approved' | 'changes_requested' | 'dismissed';
  if (action === 'dismissed') {
    decision = 'dismissed';
  } else if (action === 'submitted') {
    const state = review.string('state').toLowerCase();
    if (state !== 'approved' && state !== 'changes_requested') {
      return ignored(
        delivery.id,
        delivery.eventName,
        `a '${state}' review neither approves nor requests changes`,
      );
    }
    decision = state;
  } else {
    return ignored(
      delivery.id,
      delivery.eventName,
      `review action '${action}' changes no decision`,
    );
  }
  return adaptedEvents(
    adaptedEvent({
      ...common(delivery),
      // A dismissal happens after the review; the PR's update time is the
      // nearest GitHub gives us, and it keeps the dismissal after the approval.
      occurredAt:
        decision === 'dismissed' &&
        typeof body.at('pull_request.updated_at').raw === 'string'
          ? body.time('pull_request.updated_at')
          : review.time('submitted_at'),
      type: 'change.reviewed',
      data: {
        changeId:
          review.optionalString('commit_id') ??
          body.string('pull_request.head.sha'),
        reviewer: review.string('user.login'),
        decision,
        url: review.lenientHttpUrl('html_url'),
      },
    }),
  );
}

function pullRequest(delivery: Delivery): AdapterResult {
  const { body } = delivery;
  const action = body.string('action');
  if (
    action !== 'closed' ||
    body.optionalBoolean('pull_request.merged') !== true
  ) {
    return ignored(
      delivery.id,
      delivery.eventName,
      action === 'closed'
        ? 'pull request closed without merging'
        : `pull request action '${action}' is not a merge`,
    );
  }
  const pr = body.child('pull_request');
  return adaptedEvents(
    adaptedEvent({
      ...common(delivery),
      occurredAt: pr.time('merged_at'),
      type: 'change.merged',
      data: {
        changeId: pr.string('head.sha'),
        url: pr.lenientHttpUrl('html_url'),
      },
    }),
  );
}

/**
 * Translates one GitHub webhook delivery. Throws AdapterInputError when the
 * headers or a relevant payload lack what we need.
 */
export function adaptGithub(
  payload: unknown,
  headers: AdapterHeaders,
): AdapterResult {
  const event = headerValue(headers, 'x-github-event');
  if (!event) {
    throw new AdapterInputError('the X-GitHub-Event header is required');
  }
  const id = headerValue(headers, 'x-github-delivery');
  if (!id) {
    throw new AdapterInputError('the X-GitHub-Delivery header is required');
  }
  const body = PayloadReader.of(payload);
  const action = body.optionalString('action');
  const delivery = {
    id,
    eventName: action ? `${event}.${action}` : event,
    body,
  };
  switch (event) {
    case 'deployment_status':
      return deploymentStatus(delivery);
    case 'pull_request_review':
      return pullRequestReview(delivery);
    case 'pull_request':
      return pullRequest(delivery);
    default:
      return ignored(
        id,
        delivery.eventName,
        `no process-exceptions event for ${event}`,
      );
  }
}
