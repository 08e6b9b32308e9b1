'use strict';

const { createEventStream } = require('./eventStream');
const { runLoad, summarize } = require('./loadGenerator');
const settings = require('./settings');

const PLUGIN_EVENTS = '/api/process-exceptions/v1/events';

/** Requests of single events or batches, from a fresh stream of realistic events. */
function eventRequests({ path, token, batch, prefix, entities }) {
  const stream = createEventStream({ entities, prefix, seed: batch });
  const headers = token ? { authorization: `Bearer ${token}` } : {};
  return () => ({
    method: 'POST',
    path,
    headers,
    body:
      batch === 1
        ? JSON.stringify(stream.next())
        : JSON.stringify({ events: stream.take(batch) }),
    events: batch,
  });
}

/**
 * Single events, then batches of 500: for each, both targets warm up, then
 * take turns (baseline, plugin, baseline, …) for a few rounds, so that a
 * change in the machine's other load hits both alike. Throughput is what completed over the time
 * until the last response, all rounds together.
 */
async function measureIngestionPair({
  backend,
  baseline,
  runId,
  log,
  afterMode = () => {},
}) {
  const targets = {
    baseline: { baseUrl: baseline.baseUrl, path: '/events' },
    plugin: {
      baseUrl: backend.baseUrl,
      path: PLUGIN_EVENTS,
      token: settings.token,
    },
  };
  const out = {};
  for (const [mode, batch] of [
    ['single', 1],
    ['batch', settings.batchSize],
  ]) {
    log(`ingestion: ${mode} events, baseline and plugin in turns`);
    // One stream per target, the same seed: the same stories on the same services.
    const next = Object.fromEntries(
      Object.entries(targets).map(([name, t]) => [
        name,
        eventRequests({
          ...t,
          batch,
          prefix: `${runId}-${mode}-${name}`,
          entities: settings.entities,
        }),
      ]),
    );
    const load = (name, durationMs, concurrency = settings.senders) =>
      runLoad({
        baseUrl: targets[name].baseUrl,
        concurrency,
        durationMs,
        next: next[name],
      });
    // A request in flight at the end of a round still counts, and a batch
    // may take seconds: batches get few long rounds, not many short ones.
    const [roundCount, roundMs] =
      batch === 1
        ? [settings.ingestRounds, settings.singleRoundMs]
        : [settings.batchRounds, settings.ingestMs];
    const rounds = { baseline: [], plugin: [] };
    // Warm-up (JIT, connection pools) until throughput is steady; batches
    // after the single events, with few senders, whose requests would
    // otherwise keep it going for as long as a batch takes.
    for (const name of Object.keys(targets)) {
      if (batch === 1) await load(name, settings.singleWarmupMs);
      else await load(name, settings.warmupMs, 4);
    }
    for (let i = 0; i < roundCount; i++) {
      for (const name of Object.keys(targets)) {
        rounds[name].push(await load(name, roundMs));
      }
    }
    out[mode] = {
      baseline: summarize(rounds.baseline),
      plugin: summarize(rounds.plugin),
    };
    out[mode].ratio =
      out[mode].plugin.eventsPerSec / out[mode].baseline.eventsPerSec;
    // Each round's own ratio, to show how much one round moves.
    out[mode].roundRatios = rounds.plugin.map(
      (p, i) => p.eventsPerSec / rounds.baseline[i].eventsPerSec,
    );
    afterMode(mode);
  }
  return out;
}

module.exports = { measureIngestionPair, PLUGIN_EVENTS };
