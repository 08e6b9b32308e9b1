'use strict';

const { LEDGER, LEDGER_COLUMNS } = require('./ledgerColumns');

function open(filename) {
  const Database = require('better-sqlite3');
  const db = new Database(filename);
  db.pragma('busy_timeout = 60000');
  return db;
}

/**
 * Nothing to drop: unlike on PostgreSQL the indexes stay, because the
 * running backend's connection caches the schema, and one that read it
 * while the unique index was gone fails its `on conflict` inserts after.
 */
async function prepareSqlite() {
  return undefined;
}

async function finishSqlite(filename) {
  const db = open(filename);
  db.exec(`analyze ${LEDGER}`);
  db.close();
}

/** Prepared inserts, one transaction per chunk; dates as epoch ms, as knex stores them. */
function openSqliteWriter(filename) {
  const db = open(filename);
  // The loader's own connection only: no fsync per chunk, a bigger page cache.
  db.pragma('synchronous = OFF');
  db.pragma('cache_size = -262144');
  const toSqlite = v => (v instanceof Date ? v.getTime() : v ?? null);
  const statement = db.prepare(
    `insert into ${LEDGER} (${LEDGER_COLUMNS.map(c => `"${c}"`).join(', ')})
     values (${LEDGER_COLUMNS.map(() => '?').join(', ')})`,
  );
  const insert = db.transaction(rows => {
    for (const r of rows)
      statement.run(LEDGER_COLUMNS.map(c => toSqlite(r[c])));
  });
  return {
    async write(rows) {
      insert(rows);
    },
    async close() {
      db.close();
    },
  };
}

module.exports = { prepareSqlite, finishSqlite, openSqliteWriter };
