'use strict';

// Realistic delivery stories, as a deploy pipeline, a review tool, an
// incident tool, a flag system and a tracker would post them. Each scenario
// returns v1 events (the body format of POST /v1/events) for one service.

const MIN = 60 * 1000;
const HOUR = 60 * MIN;

const people = ['ana', 'bo', 'chen', 'dara', 'eli', 'fatima', 'gus', 'hana'];

function event(s, suffix, type, at, data, actor) {
  return {
    id: `${s.tag}-${suffix}`,
    type,
    occurredAt: new Date(at).toISOString(),
    entityRef: s.entityRef,
    ...(actor ? { actor: `user:default/${actor}` } : {}),
    data,
  };
}

function review(
  s,
  suffix,
  at,
  changeId,
  reviewer,
  role,
  decision = 'approved',
) {
  return event(
    s,
    suffix,
    'change.reviewed',
    at,
    {
      changeId,
      reviewer,
      role,
      decision,
      url: `https://git.example.com/${s.service}/pull/${changeId}`,
    },
    reviewer,
  );
}

/**
 * A P0 incident fixed by a hotfix deployment. `done` adds the backfill (a
 * third approval, then product owner, QA and designer sign-off), on time or
 * `late`; `weak` leaves the hotfix with one approval (a finding).
 */
function hotfix(s, at, { done = false, weak = false, late = false } = {}) {
  const incidentId = `INC-${s.tag}`;
  const pr = `pr-${s.tag}`;
  const events = [
    event(s, 'inc-open', 'incident.opened', at, {
      incidentId,
      severity: 'P0',
      title: `${s.service}: error rate above 5%`,
      url: `https://incidents.example.com/${incidentId}`,
    }),
    review(s, 'rv-lead', at + 10 * MIN, pr, people[0], 'tech-lead'),
  ];
  if (!weak) {
    events.push(review(s, 'rv-dev', at + 15 * MIN, pr, people[1], 'developer'));
  }
  events.push(
    event(
      s,
      'deploy',
      'deployment.finished',
      at + 30 * MIN,
      {
        deploymentId: `dep-${s.tag}`,
        environment: 'production',
        outcome: 'succeeded',
        changeIds: [pr],
        labels: ['hotfix'],
        incidentId,
        pipelineRunUrl: `https://ci.example.com/runs/${s.tag}`,
      },
      people[2],
    ),
    event(s, 'inc-resolved', 'incident.resolved', at + 90 * MIN, {
      incidentId,
    }),
  );
  if (done) {
    const t = at + (late ? 40 : 10) * HOUR;
    events.push(
      review(s, 'rv-third', t, pr, people[3], 'developer'),
      review(s, 'rv-po', t + 10 * MIN, pr, people[4], 'product-owner'),
      review(s, 'rv-qa', t + 20 * MIN, pr, people[5], 'qa'),
      review(s, 'rv-design', t + 30 * MIN, pr, people[6], 'designer'),
    );
  }
  return events;
}

/** A flag switched off in production; `done` fixes, verifies and re-enables it. */
function flagDisable(s, at, { done = false, late = false } = {}) {
  const flagKey = `flag-${s.tag}`;
  const pr = `pr-${s.tag}`;
  const events = [
    event(
      s,
      'flag-off',
      'flag.changed',
      at,
      {
        flagKey,
        environment: 'production',
        enabled: false,
        reason: 'Checkout errors after release',
        url: `https://flags.example.com/${flagKey}`,
      },
      people[7],
    ),
  ];
  if (done) {
    events.push(
      event(s, 'fix-merged', 'change.merged', at + 2 * HOUR, {
        changeId: pr,
        approvals: 3,
      }),
      event(s, 'fix-deploy', 'deployment.finished', at + 3 * HOUR, {
        deploymentId: `dep-${s.tag}`,
        environment: 'production',
        outcome: 'succeeded',
        changeIds: [pr],
        fixes: { flagKey },
        pipelineRunUrl: `https://ci.example.com/runs/${s.tag}`,
      }),
      event(s, 'verify', 'verification.finished', at + 5 * HOUR, {
        environment: 'staging',
        outcome: 'passed',
        flagKey,
      }),
      event(
        s,
        'flag-on',
        'flag.changed',
        at + (late ? 80 : 6) * HOUR,
        { flagKey, environment: 'production', enabled: true },
        people[7],
      ),
    );
  }
  return events;
}

/** A story pulled with two named gaps; `done` closes both. */
function partialStory(s, at, { done = false, late = false } = {}) {
  const storyId = `ST-${s.tag}`;
  const events = [
    event(
      s,
      'story',
      'story.pulled',
      at,
      {
        storyId,
        title: 'Saved carts',
        gaps: [
          { key: 'copy', description: 'Final copy for the empty state' },
          { key: 'analytics', description: 'Tracking plan for saved carts' },
        ],
        changeIds: [`pr-${s.tag}`],
        url: `https://tracker.example.com/${storyId}`,
      },
      people[4],
    ),
  ];
  if (done) {
    events.push(
      event(s, 'gap-copy', 'gap.closed', at + 24 * HOUR, {
        storyId,
        gapKey: 'copy',
        evidenceUrl: `https://tracker.example.com/${storyId}/copy`,
      }),
      event(s, 'gap-analytics', 'gap.closed', at + (late ? 300 : 48) * HOUR, {
        storyId,
        gapKey: 'analytics',
      }),
    );
  }
  return events;
}

/**
 * An ordinary release: three reviews, the merge, the production deployment.
 * `bypass` deploys outside the pipeline, `underReviewed` with two approvals
 * (both findings).
 */
function release(s, at, { bypass = false, underReviewed = false } = {}) {
  const pr = `pr-${s.tag}`;
  return [
    review(s, 'rv-1', at, pr, people[1], 'developer'),
    review(s, 'rv-2', at + 20 * MIN, pr, people[0], 'tech-lead'),
    review(
      s,
      'rv-3',
      at + 40 * MIN,
      pr,
      people[3],
      'developer',
      underReviewed ? 'changes_requested' : 'approved',
    ),
    event(s, 'merged', 'change.merged', at + HOUR, {
      changeId: pr,
      approvals: underReviewed ? 2 : 3,
      url: `https://git.example.com/${s.service}/pull/${pr}`,
    }),
    event(
      s,
      'deploy',
      'deployment.finished',
      at + 2 * HOUR,
      {
        deploymentId: `dep-${s.tag}`,
        environment: 'production',
        outcome: 'succeeded',
        changeIds: [pr],
        ...(bypass ? { viaPipeline: false } : {}),
        pipelineRunUrl: `https://ci.example.com/runs/${s.tag}`,
      },
      people[2],
    ),
  ];
}

/** A staging deployment: recorded, opens nothing. */
function stagingDeploy(s, at) {
  return [
    event(s, 'staging', 'deployment.finished', at, {
      deploymentId: `dep-${s.tag}`,
      environment: 'staging',
      outcome: 'succeeded',
      pipelineRunUrl: `https://ci.example.com/runs/${s.tag}`,
    }),
  ];
}

/** Which service an event names, and the prefix that keeps its ids unique. */
function scenarioSubject(service, tag) {
  return { service, entityRef: `component:default/${service}`, tag };
}

module.exports = {
  HOUR,
  hotfix,
  flagDisable,
  partialStory,
  release,
  stagingDeploy,
  scenarioSubject,
};
