'use strict';

const { createEventStream } = require('./eventStream');
const { runLoad, summarize } = require('./loadGenerator');
const { PLUGIN_EVENTS } = require('./measureIngestion');
const settings = require('./settings');

const headers = { authorization: `Bearer ${settings.token}` };

/** Which services a stream's stories go to, by services' numbers. */
const fleet = {
  /** The uniform services, 200 events each. */
  uniform: rnd => rnd.int(settings.entities),
  /** A fifth of the stories to the heavy services, the rest uniform. */
  skewed: rnd =>
    rnd.chance(0.2)
      ? settings.entities + rnd.int(settings.heavyServices)
      : rnd.int(settings.entities),
  heavy: rnd => settings.entities + rnd.int(settings.heavyServices),
  /** Services with no history before the measurement. */
  fresh: rnd =>
    settings.entities +
    settings.heavyServices +
    rnd.int(settings.freshServices),
};

function requests({ prefix, pick, batch = 1, seed = 3 }) {
  const stream = createEventStream({ prefix, pick, seed });
  return () => ({
    method: 'POST',
    path: PLUGIN_EVENTS,
    headers,
    body:
      batch === 1
        ? JSON.stringify(stream.next())
        : JSON.stringify({ events: stream.take(batch) }),
    events: batch,
  });
}

/** 32 senders of single events into services of `fleetName`. */
function measureLoadedSingle(backend, prefix, fleetName) {
  return runLoad({
    baseUrl: backend.baseUrl,
    concurrency: settings.senders,
    durationMs: settings.loadedIngestMs,
    next: requests({ prefix, pick: fleet[fleetName] }),
  });
}

/** Batches of 500 into the uniform services, after a short warm-up. */
async function measureLoadedBatches(backend, prefix) {
  const next = requests({
    prefix,
    pick: fleet.uniform,
    batch: settings.batchSize,
    seed: settings.batchSize,
  });
  await runLoad({
    baseUrl: backend.baseUrl,
    concurrency: 4,
    durationMs: settings.warmupMs,
    next,
  });
  return runLoad({
    baseUrl: backend.baseUrl,
    concurrency: settings.senders,
    durationMs: settings.ingestMs,
    next,
  });
}

/**
 * One sender posting single events one after another, in turns into the
 * heavy services (20,000 events each) and into services with none, so both
 * see the same machine; medians of all rounds.
 */
async function measureSequential(backend, prefix) {
  const next = {
    heavy: requests({ prefix: `${prefix}-heavy`, pick: fleet.heavy }),
    fresh: requests({ prefix: `${prefix}-fresh`, pick: fleet.fresh }),
  };
  const rounds = { heavy: [], fresh: [] };
  for (let i = 0; i < settings.sequentialRounds; i++) {
    for (const name of ['fresh', 'heavy']) {
      rounds[name].push(
        await runLoad({
          baseUrl: backend.baseUrl,
          concurrency: 1,
          durationMs: settings.sequentialRoundMs,
          next: next[name],
        }),
      );
    }
  }
  const heavy = summarize(rounds.heavy);
  const fresh = summarize(rounds.fresh);
  return { heavy, fresh, ratio: heavy.p50 / fresh.p50 };
}

module.exports = {
  measureLoadedSingle,
  measureLoadedBatches,
  measureSequential,
};
