// The demo organisation's delivery history, as v1 events. Times are hours
// before `now`; ids are fixed so the stream can be posted again safely.
const HOUR = 3600_000;

function demoEvents(now) {
  const at = hoursAgo =>
    new Date(now.getTime() - hoursAgo * HOUR).toISOString();
  const events = [];
  const add = (id, type, hoursAgo, entity, data, actor = 'user:default/jane') =>
    events.push({
      id: `demo-${id}`,
      type,
      occurredAt: at(hoursAgo),
      entityRef: `component:default/${entity}`,
      actor,
      data,
    });
  const review = (id, entity, changeId, reviewer, role, hoursAgo) =>
    add(
      id,
      'change.reviewed',
      hoursAgo,
      entity,
      {
        changeId,
        reviewer,
        role,
        decision: 'approved',
        url: `https://git.example.com/${entity}/pull/${changeId.replace(
          /^pr-/,
          '',
        )}`,
      },
      `user:default/${reviewer}`,
    );
  const deploy = (id, entity, hoursAgo, data) =>
    add(id, 'deployment.finished', hoursAgo, entity, {
      deploymentId: id,
      environment: 'production',
      outcome: 'succeeded',
      pipelineRunUrl: `https://ci.example.com/runs/${id}`,
      ...data,
    });
  const backfill = (id, entity, incidentId, taskKey, hoursAgo, actor) =>
    add(
      id,
      'backfill.completed',
      hoursAgo,
      entity,
      {
        incidentId,
        taskKey,
        evidenceUrl: `https://tracker.example.com/${incidentId}/${taskKey}`,
      },
      actor,
    );

  // payments-api: a P0 hotfix backfilled on time…
  add('inc-101-open', 'incident.opened', 120, 'payments-api', {
    incidentId: 'INC-101',
    severity: 'P0',
    title: 'Card payments time out',
    url: 'https://incidents.example.com/INC-101',
  });
  review('pr-2101-tl', 'payments-api', 'pr-2101', 'jane', 'tech-lead', 119);
  review('pr-2101-dev', 'payments-api', 'pr-2101', 'li', 'developer', 119);
  deploy('d-5101', 'payments-api', 118, {
    changeIds: ['pr-2101'],
    incidentId: 'INC-101',
    name: 'Hotfix for INC-101: raise the card gateway timeout',
  });
  add('inc-101-resolved', 'incident.resolved', 116, 'payments-api', {
    incidentId: 'INC-101',
  });
  review('pr-2101-po', 'payments-api', 'pr-2101', 'omar', 'product-owner', 100);
  backfill(
    'inc-101-qa',
    'payments-api',
    'INC-101',
    'qa-scenario',
    99,
    'user:default/li',
  );
  backfill(
    'inc-101-design',
    'payments-api',
    'INC-101',
    'design-check',
    98,
    'user:default/omar',
  );
  backfill(
    'inc-101-review',
    'payments-api',
    'INC-101',
    'full-review',
    97,
    'user:default/jane',
  );
  // …and one overdue now, shipped with an abbreviated review below minimum.
  add('inc-117-open', 'incident.opened', 30, 'payments-api', {
    incidentId: 'INC-117',
    severity: 'P0',
    title: 'Refunds fail for EUR accounts',
    url: 'https://incidents.example.com/INC-117',
  });
  review('pr-2117-dev', 'payments-api', 'pr-2117', 'li', 'developer', 29.5);
  deploy('d-5117', 'payments-api', 29, {
    changeIds: ['pr-2117'],
    incidentId: 'INC-117',
    reason:
      'Refunds for EUR accounts failed after the currency table migration',
  });
  add('inc-117-resolved', 'incident.resolved', 27, 'payments-api', {
    incidentId: 'INC-117',
  });
  review('pr-2120-a', 'payments-api', 'pr-2120', 'jane', 'tech-lead', 12);
  review('pr-2120-b', 'payments-api', 'pr-2120', 'li', 'developer', 12);
  review('pr-2120-c', 'payments-api', 'pr-2120', 'omar', 'developer', 11);
  deploy('d-5120', 'payments-api', 10, { changeIds: ['pr-2120'] });

  // ledger: a flag disable backfilled in order, and an unrecorded exception.
  add(
    'flag-export-off',
    'flag.changed',
    200,
    'ledger',
    {
      flagKey: 'ledger-batch-export',
      environment: 'production',
      enabled: false,
      reason: 'Exports doubled entries',
    },
    'user:default/jane',
  );
  add('d-6001', 'deployment.finished', 190, 'ledger', {
    deploymentId: 'd-6001',
    environment: 'staging',
    outcome: 'succeeded',
    changeIds: ['pr-3001'],
    fixes: { flagKey: 'ledger-batch-export' },
    pipelineRunUrl: 'https://ci.example.com/runs/d-6001',
  });
  add('verify-6001', 'verification.finished', 180, 'ledger', {
    environment: 'staging',
    outcome: 'passed',
    changeIds: ['pr-3001'],
    url: 'https://ci.example.com/runs/verify-6001',
  });
  add(
    'flag-export-on',
    'flag.changed',
    175,
    'ledger',
    {
      flagKey: 'ledger-batch-export',
      environment: 'production',
      enabled: true,
    },
    'user:default/jane',
  );
  review('pr-3010-tl', 'ledger', 'pr-3010', 'jane', 'tech-lead', 51);
  deploy('d-6010', 'ledger', 50, { changeIds: ['pr-3010'] });

  // fraud-scoring: a story merged while a gap was open.
  add(
    'st-210-pulled',
    'story.pulled',
    100,
    'fraud-scoring',
    {
      storyId: 'ST-210',
      title: 'Velocity rules for new cards',
      url: 'https://tracker.example.com/ST-210',
      gaps: [
        { key: 'thresholds', description: 'Thresholds signed off by risk' },
        { key: 'dashboards', description: 'Alert dashboards' },
      ],
      changeIds: ['pr-4210'],
    },
    'user:default/jane',
  );
  add('st-210-thresholds', 'gap.closed', 90, 'fraud-scoring', {
    storyId: 'ST-210',
    gapKey: 'thresholds',
    evidenceUrl: 'https://tracker.example.com/ST-210#risk',
  });
  add('pr-4210-merged', 'change.merged', 80, 'fraud-scoring', {
    changeId: 'pr-4210',
    storyId: 'ST-210',
    url: 'https://git.example.com/fraud-scoring/pull/4210',
  });
  add('st-210-dashboards', 'gap.closed', 20, 'fraud-scoring', {
    storyId: 'ST-210',
    gapKey: 'dashboards',
    evidenceUrl: 'https://grafana.example.com/d/fraud',
  });

  // checkout-web: flag re-enabled before the fix passed staging.
  add(
    'flag-checkout-off',
    'flag.changed',
    40,
    'checkout-web',
    {
      flagKey: 'new-checkout',
      environment: 'production',
      enabled: false,
      reason: 'Checkout errors after release 42',
    },
    'user:default/omar',
  );
  add('d-7001', 'deployment.finished', 20, 'checkout-web', {
    deploymentId: 'd-7001',
    environment: 'staging',
    outcome: 'succeeded',
    changeIds: ['pr-5001'],
    fixes: { flagKey: 'new-checkout' },
    pipelineRunUrl: 'https://ci.example.com/runs/d-7001',
  });
  add(
    'flag-checkout-on',
    'flag.changed',
    10,
    'checkout-web',
    { flagKey: 'new-checkout', environment: 'production', enabled: true },
    'user:default/omar',
  );

  // cart-service: a story with open gaps (merge gate closed), a late backfill.
  add(
    'st-311-pulled',
    'story.pulled',
    20,
    'cart-service',
    {
      storyId: 'ST-311',
      title: 'Saved carts',
      url: 'https://tracker.example.com/ST-311',
      gaps: [
        { key: 'copy', description: 'Final copy for the empty state' },
        { key: 'load-test', description: 'Load test of the carts table' },
      ],
      changeIds: ['pr-6311'],
    },
    'user:default/omar',
  );
  add('inc-090-open', 'incident.opened', 402, 'cart-service', {
    incidentId: 'INC-090',
    severity: 'P1',
    title: 'Promotions applied twice',
  });
  deploy('d-8090', 'cart-service', 400, {
    changeIds: ['pr-6090'],
    labels: ['hotfix'],
    incidentId: 'INC-090',
  });
  add('inc-090-resolved', 'incident.resolved', 398, 'cart-service', {
    incidentId: 'INC-090',
  });
  for (const task of [
    'full-review',
    'brief-check',
    'qa-scenario',
    'design-check',
  ]) {
    backfill(
      `inc-090-${task}`,
      'cart-service',
      'INC-090',
      task,
      340,
      'user:default/omar',
    );
  }

  // deploy-pipeline (the guest's team): an overdue hotfix and a bypass.
  add('inc-130-open', 'incident.opened', 30, 'deploy-pipeline', {
    incidentId: 'INC-130',
    severity: 'P0',
    title: 'Deploys stuck in queue',
  });
  review('pr-7130-tl', 'deploy-pipeline', 'pr-7130', 'li', 'tech-lead', 29);
  review('pr-7130-dev', 'deploy-pipeline', 'pr-7130', 'jane', 'developer', 29);
  deploy('d-9130', 'deploy-pipeline', 28.5, {
    changeIds: ['pr-7130'],
    incidentId: 'INC-130',
  });
  add('inc-130-resolved', 'incident.resolved', 28, 'deploy-pipeline', {
    incidentId: 'INC-130',
  });
  deploy('d-9140', 'deploy-pipeline', 60, {
    changeIds: ['pr-7140'],
    viaPipeline: false,
    reason: 'Runner image pushed by hand',
  });

  // feature-flags-proxy: a partially ready story, gaps filled in time.
  add(
    'st-400-pulled',
    'story.pulled',
    300,
    'feature-flags-proxy',
    {
      storyId: 'ST-400',
      title: 'Edge cache for flag evaluations',
      gaps: [{ key: 'runbook', description: 'Runbook for cache flushes' }],
    },
    'user:default/li',
  );
  add('st-400-runbook', 'gap.closed', 100, 'feature-flags-proxy', {
    storyId: 'ST-400',
    gapKey: 'runbook',
    evidenceUrl: 'https://wiki.example.com/runbooks/flag-cache',
  });

  // Ten weeks of history for the trend: hotfixes, mostly backfilled on time.
  const services = [
    'payments-api',
    'ledger',
    'checkout-web',
    'cart-service',
    'deploy-pipeline',
    'fraud-scoring',
  ];
  for (let week = 2; week <= 11; week++) {
    for (let n = 0; n < 1 + (week % 3); n++) {
      const entity = services[(week + n) % services.length];
      const incidentId = `INC-${week}${n}0`;
      const start = week * 168 + n * 30;
      const late = (week + n) % 4 === 0;
      add(`hist-${incidentId}-open`, 'incident.opened', start, entity, {
        incidentId,
        severity: 'P1',
        title: `Incident ${incidentId}`,
      });
      review(
        `hist-${incidentId}-tl`,
        entity,
        `pr-h${week}${n}`,
        'jane',
        'tech-lead',
        start - 0.5,
      );
      review(
        `hist-${incidentId}-dev`,
        entity,
        `pr-h${week}${n}`,
        'li',
        'developer',
        start - 0.5,
      );
      deploy(`hist-${incidentId}`, entity, start - 1, {
        changeIds: [`pr-h${week}${n}`],
        labels: ['hotfix'],
        incidentId,
      });
      add(
        `hist-${incidentId}-resolved`,
        'incident.resolved',
        start - 2,
        entity,
        { incidentId },
      );
      for (const task of [
        'full-review',
        'brief-check',
        'qa-scenario',
        'design-check',
      ]) {
        backfill(
          `hist-${incidentId}-${task}`,
          entity,
          incidentId,
          task,
          start - (late ? 40 : 12),
        );
      }
      if (n === 0 && week % 4 === 1) {
        add(`hist-flag-${week}-off`, 'flag.changed', start - 5, entity, {
          flagKey: `${entity}-kill-switch`,
          environment: 'production',
          enabled: false,
        });
        add(`hist-flag-${week}-fix`, 'deployment.finished', start - 8, entity, {
          deploymentId: `fix-${week}`,
          environment: 'staging',
          outcome: 'succeeded',
          fixes: { flagKey: `${entity}-kill-switch` },
          changeIds: [`pr-f${week}`],
        });
        add(
          `hist-flag-${week}-verify`,
          'verification.finished',
          start - 10,
          entity,
          {
            environment: 'staging',
            outcome: 'passed',
            flagKey: `${entity}-kill-switch`,
          },
        );
        add(`hist-flag-${week}-on`, 'flag.changed', start - 12, entity, {
          flagKey: `${entity}-kill-switch`,
          environment: 'production',
          enabled: true,
        });
      }
    }
  }
  return events;
}

module.exports = { demoEvents };
