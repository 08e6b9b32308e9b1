'use strict';

const { send } = require('./loadGenerator');
const settings = require('./settings');

const REBUILDS = '/api/process-exceptions/v1/admin/rebuilds';
const auth = { authorization: `Bearer ${settings.token}` };

async function call(backend, method, path, body) {
  const res = await send(undefined, new URL(backend.baseUrl), {
    method,
    path,
    headers: auth,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (res.status >= 300)
    throw new Error(`${method} ${path}: ${res.status} ${res.body}`);
  return JSON.parse(res.body);
}

/**
 * Has the plugin derive what the loaded ledger implies, through its rebuild
 * API (of `entityRefs`, or of every service), and times it to the poll that
 * saw it done (polls are a quarter-second apart).
 */
async function rebuildDataset(backend, entityRefs) {
  const started = Date.now();
  let job = await call(
    backend,
    'POST',
    REBUILDS,
    entityRefs ? { entityRefs } : {},
  );
  while (job.status === 'running') {
    await new Promise(resolve => setTimeout(resolve, 250));
    job = await call(backend, 'GET', `${REBUILDS}/${job.id}`);
  }
  if (job.status !== 'done') throw new Error(`rebuild ended ${job.status}`);
  return {
    seconds: (Date.now() - started) / 1000,
    services: job.servicesDone,
    events: job.eventsRead,
  };
}

module.exports = { rebuildDataset };
