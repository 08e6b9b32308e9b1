'use strict';

// Bulk-loads services' ledgers straight into the plugin's pe_events, after
// the plugin has migrated it; the plugin derives the rest when the bench
// asks it to rebuild. Run as a child of main.js. Argument: JSON
// { db, target, from, to, rounds }: services svc-<from> … svc-<to - 1>, each
// `rounds` times 200 events, numbered after the ledger's last event. On
// PostgreSQL it drops the ledger's secondary indexes for the load and
// rebuilds them after; `workers` processes write a share of the services
// each. Prints JSON { events, seconds, insertSeconds, indexSeconds }.

const { execFile } = require('node:child_process');
const { performance } = require('node:perf_hooks');
const { EVENTS_PER_ENTITY } = require('./entityHistory');

const ENTITIES_PER_CHUNK = 50;
const WORKERS = Number(process.env.BENCH_LOAD_WORKERS ?? 2);

function writers(db) {
  return db === 'pg' ? require('./pgWriter') : require('./sqliteWriter');
}

/** The ledger's last sequence number. */
async function lastSeq(db, target) {
  if (db === 'pg') {
    const { Client } = require('pg');
    const client = new Client({ connectionString: target });
    await client.connect();
    const { rows } = await client.query(
      'select coalesce(max(seq), 0)::bigint as max from pe_events',
    );
    await client.end();
    return Number(rows[0].max);
  }
  const Database = require('better-sqlite3');
  const sqlite = new Database(target);
  const { max } = sqlite
    .prepare('select coalesce(max(seq), 0) as max from pe_events')
    .get();
  sqlite.close();
  return Number(max);
}

/** One worker: services [from, to), every service's events seeded by its number. */
async function writeShare({ db, target, from, to, rounds, firstSeq, now }) {
  const { ledgerRows } = require('./datasetRows');
  const { entityHistory } = require('./entityHistory');
  const { createRandom } = require('./random');
  const { openPgWriter, openSqliteWriter } = writers(db);
  const writer = db === 'pg' ? openPgWriter(target) : openSqliteWriter(target);
  let events = 0;
  const perService = rounds * EVENTS_PER_ENTITY;

  // Builds the next chunk while the previous one is written, yielding between
  // services so the writes keep moving.
  async function build(first) {
    const chunk = [];
    for (let n = first; n < Math.min(to, first + ENTITIES_PER_CHUNK); n++) {
      for (let round = 0; round < rounds; round++) {
        // A single round keeps the uniform dataset's ids; more number theirs.
        const r = rounds === 1 ? 0 : round + 1;
        const envelopes = entityHistory(n, createRandom(1000 + n + r), now, r);
        const seq =
          firstSeq + (n - from) * perService + round * EVENTS_PER_ENTITY;
        chunk.push(...ledgerRows(envelopes, seq));
      }
      await new Promise(resolve => setImmediate(resolve));
    }
    return chunk;
  }
  let writing = Promise.resolve();
  for (let first = from; first < to; first += ENTITIES_PER_CHUNK) {
    const chunk = await build(first);
    await writing;
    writing = writer.write(chunk);
    events += chunk.length;
  }
  await writing;
  await writer.close();
  return { events };
}

function runWorker(share) {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [...process.execArgv, __filename, JSON.stringify(share)],
      { maxBuffer: 1024 * 1024 },
      (error, stdout, stderr) =>
        error
          ? reject(new Error(stderr || error.message))
          : resolve(JSON.parse(stdout)),
    );
  });
}

async function load({ db, target, from, to, rounds }) {
  const start = performance.now();
  const { preparePg, finishPg, prepareSqlite, finishSqlite } = writers(db);
  const firstSeq = (await lastSeq(db, target)) + 1;
  const dropped =
    db === 'pg' ? await preparePg(target) : await prepareSqlite(target);
  const now = Date.now();
  const per = Math.ceil((to - from) / WORKERS);
  const shares = await Promise.all(
    Array.from({ length: WORKERS }, (_, i) => {
      const shareFrom = from + i * per;
      return runWorker({
        db,
        target,
        now,
        rounds,
        from: shareFrom,
        to: Math.min(to, shareFrom + per),
        firstSeq: firstSeq + i * per * rounds * EVENTS_PER_ENTITY,
      });
    }),
  );
  const inserted = performance.now();
  if (db === 'pg') await finishPg(target, dropped);
  else await finishSqlite(target, dropped);
  const end = performance.now();
  return {
    events: shares.reduce((n, s) => n + s.events, 0),
    seconds: (end - start) / 1000,
    insertSeconds: (inserted - start) / 1000,
    indexSeconds: (end - inserted) / 1000,
  };
}

const args = JSON.parse(process.argv[2]);
(args.firstSeq === undefined ? load(args) : writeShare(args))
  .then(result => process.stdout.write(JSON.stringify(result)))
  .catch(error => {
    console.error(error);
    process.exit(1);
  });
