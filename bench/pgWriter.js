'use strict';

const { spawn } = require('node:child_process');
const fs = require('node:fs');
const { LEDGER, LEDGER_COLUMNS } = require('./ledgerColumns');

function findPsql() {
  if (process.env.BENCH_PSQL) return process.env.BENCH_PSQL;
  const base = '/usr/lib/postgresql';
  const version = fs
    .readdirSync(base)
    .filter(v => fs.existsSync(`${base}/${v}/bin/psql`))
    .sort((a, b) => Number(b) - Number(a))[0];
  if (!version) throw new Error('psql not found; set BENCH_PSQL');
  return `${base}/${version}/bin/psql`;
}

const SPECIAL = /[\\\n\r\t]/;

/** COPY's text format: tab-separated, backslash escapes, \N for null. */
function copyValue(v) {
  if (v === null || v === undefined) return '\\N';
  if (v instanceof Date) return v.toISOString();
  if (typeof v === 'boolean') return v ? 't' : 'f';
  const s = String(v);
  if (!SPECIAL.test(s)) return s;
  return s.replace(/[\\\n\r\t]/g, c =>
    c === '\\' ? '\\\\' : c === '\n' ? '\\n' : c === '\r' ? '\\r' : '\\t',
  );
}

async function withClient(connectionString, fn) {
  const { Client } = require('pg');
  const client = new Client({ connectionString });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/**
 * Drops the ledger's secondary indexes and unique constraint for the load
 * and returns their definitions, to recreate them afterwards: one sort per
 * index instead of maintaining it row by row, and the same schema at the end.
 */
function preparePg(connectionString) {
  return withClient(connectionString, async client => {
    const { rows: constraints } = await client.query(
      `select conrelid::regclass::text as tbl, conname, contype, pg_get_constraintdef(oid) as def
       from pg_constraint where conrelid::regclass::text = $1 and contype = 'u'`,
      [LEDGER],
    );
    const { rows: indexes } = await client.query(
      `select indexname, indexdef from pg_indexes i
       where tablename = $1 and not exists (
         select 1 from pg_constraint c where c.conname = i.indexname)`,
      [LEDGER],
    );
    for (const c of constraints) {
      await client.query(`alter table ${c.tbl} drop constraint "${c.conname}"`);
    }
    for (const i of indexes) await client.query(`drop index "${i.indexname}"`);
    return { constraints, indexes };
  });
}

/**
 * Recreates what preparePg dropped, then vacuums and analyzes the ledger, as autovacuum would after a bulk load: the
 * visibility map it sets is what lets index-only scans skip the table.
 */
function finishPg(connectionString, { constraints, indexes }) {
  return withClient(connectionString, async client => {
    await client.query("set maintenance_work_mem = '256MB'");
    for (const i of indexes) await client.query(i.indexdef);
    for (const c of constraints) {
      await client.query(
        `alter table ${c.tbl} add constraint "${c.conname}" ${c.def}`,
      );
    }
    await client.query(
      "select setval(pg_get_serial_sequence('pe_events', 'seq'), (select max(seq) from pe_events))",
    );
    // The ledger only: the derived tables are the plugin's to fill, and
    // statistics taken while they are empty would mislead its rebuild.
    await client.query(`vacuum analyze ${LEDGER}`);
  });
}

/**
 * Streams rows into the ledger through `psql \copy … from stdin`: COPY is
 * PostgreSQL's bulk path, and node-postgres has none built in.
 */
function openPgWriter(connectionString) {
  const psql = findPsql();
  const cols = LEDGER_COLUMNS.map(c => `"${c}"`);
  const child = spawn(
    psql,
    [
      '-X',
      '-q',
      '-v',
      'ON_ERROR_STOP=1',
      '-d',
      connectionString,
      '-c',
      `\\copy ${LEDGER} (${cols.join(', ')}) from stdin`,
    ],
    { stdio: ['pipe', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr.on('data', d => (stderr += d));
  const done = new Promise((resolve, reject) =>
    child.on('exit', code =>
      code === 0 ? resolve() : reject(new Error(`COPY ${LEDGER}: ${stderr}`)),
    ),
  );
  return {
    async write(rows) {
      if (rows.length === 0) return;
      const text = rows
        .map(r => LEDGER_COLUMNS.map(c => copyValue(r[c])).join('\t'))
        .join('\n');
      if (!child.stdin.write(`${text}\n`))
        await new Promise(resolve => child.stdin.once('drain', resolve));
    },
    async close() {
      child.stdin.end();
      await done;
    },
  };
}

module.exports = { preparePg, finishPg, openPgWriter };
