'use strict';

const { createRandom } = require('./random');
const { runLoad, send } = require('./loadGenerator');
const settings = require('./settings');

const API = '/api/process-exceptions';
const auth = { authorization: `Bearer ${settings.token}` };

/**
 * One reader at a time, so the figures are latencies, not queueing, after a
 * warm-up that is not counted: the backend's CPU per history request falls
 * for about ten seconds of this load (JIT of the read path, caches).
 */
async function measureHistory(backend, entities) {
  const rnd = createRandom(7);
  const items = [];
  const load = durationMs =>
    runLoad({
      baseUrl: backend.baseUrl,
      concurrency: 1,
      durationMs,
      next: () => ({
        path: `${API}/v1/exceptions?entityRef=${encodeURIComponent(
          `component:default/svc-${rnd.int(entities)}`,
        )}&limit=50`,
        headers: auth,
      }),
      check: res => {
        items.push(JSON.parse(res.body).items.length);
        return undefined;
      },
    });
  await load(settings.historyWarmupMs);
  items.length = 0;
  const result = await load(settings.historyMs);
  result.itemsPerPage =
    items.reduce((a, b) => a + b, 0) / Math.max(1, items.length);
  return result;
}

/**
 * One reader at a time, after a few requests that are not counted but
 * reported: on PostgreSQL, each pool connection's first use of a table loads
 * the server's catalog caches, which is a cold start, not the steady state.
 */
async function measureScorecard(backend) {
  let owners = 0;
  const load = (durationMs, maxRequests) =>
    runLoad({
      baseUrl: backend.baseUrl,
      concurrency: 1,
      durationMs,
      maxRequests,
      next: () => ({
        path: `${API}/v1/scorecard?groupBy=owner`,
        headers: auth,
      }),
      check: res => {
        owners = JSON.parse(res.body).items.length;
        return undefined;
      },
    });
  const warmup = await load(
    settings.scorecardMs,
    settings.scorecardWarmupRequests,
  );
  const result = await load(
    settings.scorecardMs,
    settings.scorecardMaxRequests,
  );
  result.owners = owners;
  result.warmupMax = warmup.max;
  return result;
}

/**
 * Posts one event that changes nothing on a loaded service and reports what
 * the plugin rewrote: nothing when the loaded rows are what the rules derive.
 */
async function checkDatasetConsistency(backend, runId) {
  const event = {
    id: `${runId}-consistency`,
    type: 'deployment.finished',
    occurredAt: new Date().toISOString(),
    entityRef: 'component:default/svc-1',
    data: {
      deploymentId: `${runId}-consistency`,
      environment: 'staging',
      outcome: 'succeeded',
    },
  };
  const res = await send(undefined, new URL(backend.baseUrl), {
    method: 'POST',
    path: `${API}/v1/events`,
    headers: auth,
    body: JSON.stringify(event),
  });
  if (res.status !== 201)
    throw new Error(`consistency event: ${res.status} ${res.body}`);
  const [r] = JSON.parse(res.body).results;
  return {
    rewrittenExceptions: r.exceptions.length,
    rewrittenFindings: r.findings.length,
  };
}

module.exports = {
  measureHistory,
  measureScorecard,
  checkDatasetConsistency,
};
