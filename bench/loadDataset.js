'use strict';

// Bulk-loads the read dataset straight into the plugin's tables, after the
// plugin has migrated them. Run as a child of main.js with the dev
// transpiler (see pluginSource.js). Argument: JSON { db, target, entities }.
// It empties the tables, drops their secondary indexes, has `workers`
// processes generate and write a share of the services each, then rebuilds
// the indexes. Prints JSON { rows, seconds, insertSeconds, indexSeconds }.

const { execFile } = require('node:child_process');
const { performance } = require('node:perf_hooks');
const { EVENTS_PER_ENTITY } = require('./entityHistory');
const { TABLES } = require('./pluginTables');

const ENTITIES_PER_CHUNK = 50;
const WORKERS = Number(process.env.BENCH_LOAD_WORKERS ?? 2);

function writers(db) {
  return db === 'pg' ? require('./pgWriter') : require('./sqliteWriter');
}

/** One worker: services [from, to), every service's rows seeded by its number. */
async function writeShare({ db, target, from, to, now }) {
  const { entityRows } = require('./datasetRows');
  const { entityHistory } = require('./entityHistory');
  const { createRandom } = require('./random');
  const { openPgWriter, openSqliteWriter } = writers(db);
  const writer = db === 'pg' ? openPgWriter(target) : openSqliteWriter(target);
  const counts = Object.fromEntries(Object.keys(TABLES).map(t => [t, 0]));

  // Builds the next chunk while the previous one is written, yielding between
  // services so the writes keep moving.
  async function build(first) {
    const chunk = Object.fromEntries(Object.keys(TABLES).map(t => [t, []]));
    for (let n = first; n < Math.min(to, first + ENTITIES_PER_CHUNK); n++) {
      const envelopes = entityHistory(n, createRandom(1000 + n), now);
      const rows = entityRows(envelopes, n * EVENTS_PER_ENTITY + 1, now);
      chunk.pe_events.push(...rows.events);
      chunk.pe_exceptions.push(...rows.exceptions);
      chunk.pe_exception_states.push(...rows.exceptionStates);
      chunk.pe_tasks.push(...rows.tasks);
      chunk.pe_exception_events.push(...rows.links);
      chunk.pe_findings.push(...rows.findings);
      chunk.pe_event_keys.push(...rows.keys);
      await new Promise(resolve => setImmediate(resolve));
    }
    return chunk;
  }
  async function write(chunk) {
    for (const table of Object.keys(TABLES)) {
      await writer.write(table, chunk[table]);
      counts[table] += chunk[table].length;
    }
  }
  let writing = Promise.resolve();
  for (let first = from; first < to; first += ENTITIES_PER_CHUNK) {
    const chunk = await build(first);
    await writing;
    writing = write(chunk);
  }
  await writing;
  await writer.close();
  return counts;
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

async function load({ db, target, entities }) {
  const start = performance.now();
  const { preparePg, finishPg, prepareSqlite, finishSqlite } = writers(db);
  const dropped =
    db === 'pg' ? await preparePg(target) : await prepareSqlite(target);
  const now = Date.now();
  const per = Math.ceil(entities / WORKERS);
  const shares = await Promise.all(
    Array.from({ length: WORKERS }, (_, i) =>
      runWorker({
        db,
        target,
        now,
        from: i * per,
        to: Math.min(entities, (i + 1) * per),
      }),
    ),
  );
  const inserted = performance.now();
  if (db === 'pg') await finishPg(target, dropped);
  else await finishSqlite(target, dropped);
  const end = performance.now();
  const rows = Object.fromEntries(
    Object.keys(TABLES).map(t => [t, shares.reduce((n, s) => n + s[t], 0)]),
  );
  return {
    rows,
    seconds: (end - start) / 1000,
    insertSeconds: (inserted - start) / 1000,
    indexSeconds: (end - inserted) / 1000,
  };
}

const args = JSON.parse(process.argv[2]);
(args.from === undefined ? load(args) : writeShare(args))
  .then(result => process.stdout.write(JSON.stringify(result)))
  .catch(error => {
    console.error(error);
    process.exit(1);
  });
