'use strict';

// Times the plugin's overdue sweep: DatabaseExceptionStore.markOverdue, the
// statement the maintenance task runs every minute. Run as a child of
// main.js with the dev transpiler (see pluginSource.js). Argument: JSON
// { db, target }. Prints JSON.
//
// Untimed set-up: every exception in the table (the 200,000 loaded, plus the
// few the loaded-ledger ingestion opened) becomes open with a deadline an hour
// ago, then the table is vacuumed and analysed, so the sweep has exactly that
// many rows to mark.

const knexFactory = require('knex');
const { performance } = require('node:perf_hooks');
const { pluginSrc } = require('./pluginSource');

const { DatabaseExceptionStore } = pluginSrc(
  'database/DatabaseExceptionStore.ts',
);

async function main() {
  const { db, target } = JSON.parse(process.argv[2]);
  const knex = knexFactory(
    db === 'pg'
      ? { client: 'pg', connection: target }
      : {
          client: 'better-sqlite3',
          connection: { filename: target },
          useNullAsDefault: true,
        },
  );
  const now = new Date();
  const prepared = await knex('pe_exception_states').update({
    status: 'open',
    deadline: new Date(now.getTime() - 3600_000),
    backfilled_at: null,
    backfilled_on_time: null,
    backfill_seconds: null,
  });
  await knex.raw(
    db === 'pg' ? 'vacuum analyze pe_exception_states' : 'analyze',
  );

  const store = await DatabaseExceptionStore.create({
    database: { getClient: async () => knex, migrations: { skip: true } },
    skipMigrations: true,
  });
  const t0 = performance.now();
  const marked = await store.markOverdue(new Date());
  const t1 = performance.now();
  // The steady state, a minute later: nothing left to mark, statistics fresh
  // (autovacuum's job in production; without it PostgreSQL still believes
  // every row is open and scans the table).
  await knex.raw(
    db === 'pg' ? 'vacuum analyze pe_exception_states' : 'analyze',
  );
  const t2 = performance.now();
  const idle = await store.markOverdue(new Date());
  const t3 = performance.now();
  await knex.destroy();
  process.stdout.write(
    JSON.stringify({
      openPastDeadline: prepared,
      marked,
      seconds: (t1 - t0) / 1000,
      idleMarked: idle,
      idleSeconds: (t3 - t2) / 1000,
    }),
  );
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
