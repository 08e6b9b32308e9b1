// scratch: profile the backend during single-event (or batch) ingestion only
const path = require('node:path');
const { writeBackendConfig } = require('./backendConfig');
const { freePort, startBackend } = require('./backendProcess');
const { createEventStream } = require('./eventStream');
const { runLoad } = require('./loadGenerator');
const settings = require('./settings');
(async () => {
  const batch = Number(process.env.BATCH ?? 1);
  const dir = process.argv[2];
  const pgUrl = process.argv[3];
  const { Client } = require('pg');
  const admin = new Client({ connectionString: pgUrl }); await admin.connect();
  await admin.query('drop database if exists "backstage_plugin_process-exceptions"'); await admin.end();
  const port = await freePort();
  const configFile = writeBackendConfig({ dir, port, database: { client: 'pg', connection: pgUrl } });
  const backend = await startBackend({ configFile, port, logFile: path.join(dir, 'backend.log'), cpuProfileDir: process.env.NOPROF ? undefined : path.join(dir, 'profile') });
  const stream = createEventStream({ entities: 5000, prefix: 'p' + Date.now(), seed: batch });
  const req = () => ({ method: 'POST', path: '/api/process-exceptions/v1/events', headers: { authorization: `Bearer ${settings.token}` }, body: batch === 1 ? JSON.stringify(stream.next()) : JSON.stringify({ events: stream.take(batch) }), events: batch });
  await runLoad({ baseUrl: backend.baseUrl, concurrency: 32, durationMs: 3000, next: req });
  const r = await runLoad({ baseUrl: backend.baseUrl, concurrency: 32, durationMs: Number(process.env.MS ?? 20000), next: req });
  console.log(JSON.stringify({ ...r, latencies: undefined }).slice(0, 400));
  await backend.stop();
})();
