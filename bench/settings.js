'use strict';

// Sizes and durations of one run. BENCH_QUICK=1 is a smoke run: a tenth of
// the dataset and short measurements, to check the harness, not the plugin.

const quick = process.env.BENCH_QUICK === '1';

module.exports = {
  quick,
  /** Static external-access token the bench backend accepts (32+ characters). */
  token: 'bench-static-token-0123456789abcdefghijklmnop',
  /** Services of the loaded dataset, 200 events each: svc-0 … */
  entities: quick ? 500 : 5000,
  /** Then the heavy services, 1 % of the fleet: `heavyRounds` × 200 events each. */
  heavyServices: quick ? 5 : 50,
  heavyRounds: quick ? 20 : 100,
  /** Then services that hold no events until the sequential measurement. */
  freshServices: quick ? 5 : 50,
  senders: 32,
  batchSize: 500,
  warmupMs: quick ? 1000 : 2000,
  /**
   * Single events, per target, before measuring: the bench backend takes
   * about 15 s of this load to reach steady throughput (the baseline about 3).
   */
  singleWarmupMs: quick ? 2000 : 20000,
  /** Entity history, before measuring: the read path's own warm-up (about 10 s). */
  historyWarmupMs: quick ? 1000 : 10000,
  /**
   * Rounds per target, taken in turns with the other target; the figure is
   * their sum. One round's ratio moves with the machine's other load (single
   * events on PostgreSQL: 0.56–0.72 within one run), so there are several.
   * Batches take seconds each and a round waits for the last: fewer, longer.
   */
  ingestRounds: quick ? 2 : 6,
  singleRoundMs: quick ? 2000 : 5000,
  batchRounds: quick ? 1 : 2,
  ingestMs: quick ? 4000 : 15000,
  loadedIngestMs: quick ? 3000 : 10000,
  /** One sender, in turns into heavy and fresh services. */
  sequentialRounds: quick ? 1 : 3,
  sequentialRoundMs: quick ? 2000 : 5000,
  historyMs: quick ? 3000 : 12000,
  scorecardMs: quick ? 3000 : 15000,
  scorecardWarmupRequests: 5,
  scorecardMaxRequests: 150,
};
