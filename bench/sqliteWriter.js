'use strict';

const { TABLES } = require('./pluginTables');

const tables = Object.keys(TABLES);

function open(filename) {
  const Database = require('better-sqlite3');
  const db = new Database(filename);
  db.pragma('busy_timeout = 60000');
  return db;
}

/**
 * Empties the plugin's tables. Unlike on PostgreSQL the indexes stay: the
 * running backend's connection caches the schema, and one that read it while
 * the unique indexes were gone fails its `on conflict` inserts afterwards.
 */
async function prepareSqlite(filename) {
  const db = open(filename);
  db.exec(
    `${[...tables]
      .reverse()
      .map(t => `delete from ${t};`)
      .join(' ')}
     delete from pe_notifications; delete from sqlite_sequence where name = 'pe_events';`,
  );
  db.close();
}

async function finishSqlite(filename) {
  const db = open(filename);
  db.exec('analyze');
  db.close();
}

/** Prepared inserts, one transaction per table and chunk; dates as epoch ms and booleans as 0/1, as knex stores them. */
function openSqliteWriter(filename) {
  const db = open(filename);
  // The loader's own connection only: no fsync per chunk, a bigger page cache.
  db.pragma('synchronous = OFF');
  db.pragma('cache_size = -262144');
  const toSqlite = v =>
    v instanceof Date
      ? v.getTime()
      : typeof v === 'boolean'
      ? Number(v)
      : v ?? null;
  const inserts = Object.fromEntries(
    tables.map(table => {
      const cols = Object.keys(TABLES[table]);
      const statement = db.prepare(
        `insert into ${table} (${cols.map(c => `"${c}"`).join(', ')})
         values (${cols.map(() => '?').join(', ')})`,
      );
      return [
        table,
        db.transaction(rows => {
          for (const r of rows) statement.run(cols.map(c => toSqlite(r[c])));
        }),
      ];
    }),
  );
  return {
    async write(table, rows) {
      inserts[table](rows);
    },
    async close() {
      db.close();
    },
  };
}

module.exports = { prepareSqlite, finishSqlite, openSqliteWriter };
