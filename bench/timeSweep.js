'use strict';

// Times the plugin's overdue sweep as the maintenance task runs it: the
// bench triggers the task through the scheduler's HTTP API and reads the
// duration the task logs. Untimed set-up: every exception of the uniform
// services becomes open with a deadline an hour ago, then the table is
// vacuumed and analysed, so the sweep has exactly that many rows to mark.

const fs = require('node:fs');
const knexFactory = require('knex');
const { send } = require('./loadGenerator');
const settings = require('./settings');

const TASK = 'process-exceptions-maintenance';
const SCHEDULER = '/api/process-exceptions/.backstage/scheduler/v1/tasks';

async function makeOverdue(db, target, services) {
  const knex = knexFactory(
    db === 'pg'
      ? { client: 'pg', connection: target }
      : {
          client: 'better-sqlite3',
          connection: { filename: target },
          useNullAsDefault: true,
        },
  );
  const refs = Array.from(
    { length: services },
    (_, n) => `component:default/svc-${n}`,
  );
  let prepared = 0;
  for (let i = 0; i < refs.length; i += 500) {
    prepared += await knex('pe_exception_states')
      .whereIn('entity_ref', refs.slice(i, i + 500))
      .update({
        status: 'open',
        deadline: new Date(Date.now() - 3600_000),
        backfilled_at: null,
        backfilled_on_time: null,
        backfill_seconds: null,
      });
  }
  await knex.raw(
    db === 'pg' ? 'vacuum analyze pe_exception_states' : 'analyze',
  );
  await knex.destroy();
  return prepared;
}

async function timeSweep({ db, target, backend, logFile, services }) {
  const openPastDeadline = await makeOverdue(db, target, services);
  const logged = fs.statSync(logFile).size;
  const res = await send(undefined, new URL(backend.baseUrl), {
    method: 'POST',
    path: `${SCHEDULER}/${TASK}/trigger`,
    headers: { authorization: `Bearer ${settings.token}` },
  });
  if (res.status !== 200) throw new Error(`trigger: ${res.status} ${res.body}`);
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    const text = fs.readFileSync(logFile).subarray(logged).toString();
    const m = /Marked (\d+) exceptions overdue in (\d+) ms/.exec(text);
    if (m) {
      return {
        openPastDeadline,
        marked: Number(m[1]),
        seconds: Number(m[2]) / 1000,
      };
    }
    await new Promise(resolve => setTimeout(resolve, 250));
  }
  throw new Error('the maintenance task logged no sweep within 2 minutes');
}

module.exports = { timeSweep };
