#!/usr/bin/env node
// Posts the demo organisation's delivery history through the public HTTP API,
// as a pipeline would. Event ids are fixed, so running it again records
// nothing twice. Times are relative to now, so the demo always has something
// overdue, something due soon and a trend over the last weeks.
//
//   node scripts/seed-demo.js [--url http://localhost:7007] [--token …]
//
// It posts as the demo's history import (app-config.demo.yaml), whose times
// and people's checks the attestation policy accepts, as an import's.
const { demoEvents } = require('../examples/demo/demoEvents');

const arg = name => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const url =
  arg('url') ?? process.env.PROCESS_EXCEPTIONS_URL ?? 'http://localhost:7007';
const token =
  arg('token') ??
  process.env.PROCESS_EXCEPTIONS_IMPORT_TOKEN ??
  'local-dev-history-import-token';
const api = `${url}/api/process-exceptions`;
const headers = {
  Authorization: `Bearer ${token}`,
  'Content-Type': 'application/json',
};
const sleep = ms => new Promise(r => setTimeout(r, ms));

async function waitFor(what, check, timeoutMs) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      if (await check()) return;
    } catch {
      // not up yet
    }
    if (Date.now() > until) throw new Error(`Timed out waiting for ${what}`);
    await sleep(2000);
  }
}

async function main() {
  await waitFor(
    'the backend',
    async () => (await fetch(`${api}/health`)).ok,
    300_000,
  );
  const events = demoEvents(new Date());
  let recorded = 0;
  for (let i = 0; i < events.length; i += 200) {
    const res = await fetch(`${api}/v1/events`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ events: events.slice(i, i + 200) }),
    });
    if (!res.ok)
      throw new Error(`POST /v1/events: ${res.status} ${await res.text()}`);
    recorded += (await res.json()).results.filter(
      r => r.status === 'recorded',
    ).length;
  }
  console.log(`demo data: ${recorded} of ${events.length} events recorded`);
  // Events that arrived before the catalog knew their service are applied by
  // the plugin's maintenance task; wait for that so the portal is complete.
  await waitFor(
    'unmapped demo events to be applied',
    async () => {
      const res = await fetch(`${api}/v1/unmapped`, { headers });
      return res.ok && (await res.json()).items.length === 0;
    },
    180_000,
  );
  console.log('demo data: every event is applied');
}

main().catch(error => {
  console.error(`demo data: ${error.message}`);
  process.exit(1);
});
