'use strict';

const http = require('node:http');
const { performance } = require('node:perf_hooks');

/**
 * One request. A reused keep-alive socket that the server closed just before
 * (its keep-alive timeout racing our write) fails with ECONNRESET before the
 * server saw anything; that request is sent again once, as Node's docs advise.
 */
function send(agent, base, req, retried = false) {
  return new Promise(resolve => {
    const body = req.body === undefined ? undefined : Buffer.from(req.body);
    const r = http.request(
      {
        agent,
        host: base.hostname,
        port: base.port,
        method: req.method ?? 'GET',
        path: req.path,
        headers: {
          ...(req.headers ?? {}),
          ...(body
            ? {
                'content-type': 'application/json',
                'content-length': body.length,
              }
            : {}),
        },
      },
      res => {
        const chunks = [];
        res.on('data', c => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode, body: Buffer.concat(chunks) }),
        );
        res.on('error', error => resolve({ status: 0, error }));
      },
    );
    r.on('error', error => {
      if (!retried && r.reusedSocket && error.code === 'ECONNRESET') {
        resolve(send(agent, base, req, true));
      } else {
        resolve({ status: 0, error });
      }
    });
    if (body) r.write(body);
    r.end();
  });
}

function percentile(sorted, q) {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
}

/**
 * Sends requests from `concurrency` workers over one keep-alive agent until
 * `durationMs` has passed or `maxRequests` were sent, whichever comes first.
 * `next()` builds each request ({ method, path, headers, body, events });
 * `check(response)` may return an error message for a response that answered
 * but is wrong. Latencies are in milliseconds.
 */
async function runLoad({
  baseUrl,
  concurrency,
  durationMs,
  maxRequests = Infinity,
  next,
  check,
}) {
  const base = new URL(baseUrl);
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const latencies = [];
  const statuses = {};
  const errorSamples = [];
  let sent = 0;
  let events = 0;
  let errors = 0;
  const start = performance.now();
  const deadline = start + durationMs;

  async function worker() {
    while (sent < maxRequests && performance.now() < deadline) {
      sent++;
      const req = next();
      const t0 = performance.now();
      const res = await send(agent, base, req);
      const ms = performance.now() - t0;
      statuses[res.status] = (statuses[res.status] ?? 0) + 1;
      const problem =
        res.status === 0
          ? String(res.error)
          : res.status >= 400
          ? `${res.status} ${res.body.toString().slice(0, 200)}`
          : check?.(res);
      if (problem) {
        errors++;
        if (errorSamples.length < 3) errorSamples.push(problem);
        continue;
      }
      latencies.push(ms);
      events += req.events ?? 1;
    }
  }

  await Promise.all(Array.from({ length: concurrency }, worker));
  const elapsedMs = performance.now() - start;
  agent.destroy();
  return summarize([
    {
      concurrency,
      latencies,
      events,
      errors,
      errorSamples,
      statuses,
      elapsedMs,
    },
  ]);
}

/** One summary of several runs of the same load (rounds interleaved with another target's). */
function summarize(runs) {
  const latencies = runs.flatMap(r => r.latencies).sort((a, b) => a - b);
  const sum = key => runs.reduce((n, r) => n + r[key], 0);
  const elapsedMs = sum('elapsedMs');
  const statuses = {};
  for (const r of runs) {
    for (const [k, v] of Object.entries(r.statuses))
      statuses[k] = (statuses[k] ?? 0) + v;
  }
  return {
    concurrency: runs[0].concurrency,
    rounds: runs.length,
    latencies,
    requests: latencies.length,
    events: sum('events'),
    errors: sum('errors'),
    errorSamples: runs.flatMap(r => r.errorSamples).slice(0, 3),
    statuses,
    elapsedMs,
    eventsPerSec: sum('events') / (elapsedMs / 1000),
    requestsPerSec: latencies.length / (elapsedMs / 1000),
    p50: percentile(latencies, 0.5),
    p95: percentile(latencies, 0.95),
    p99: percentile(latencies, 0.99),
    max: latencies.length ? latencies[latencies.length - 1] : null,
  };
}

module.exports = { runLoad, send, summarize };
