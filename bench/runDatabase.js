'use strict';

const fs = require('node:fs');
const path = require('node:path');
const { writeBackendConfig } = require('./backendConfig');
const { freePort, startBackend, startBaseline } = require('./backendProcess');
const { writeCatalogFile, waitForCatalog } = require('./catalogFile');
const { measureIngestionPair } = require('./measureIngestion');
const {
  measureLoadedBatches,
  measureLoadedSingle,
  measureSequential,
} = require('./measureLoaded');
const {
  checkDatasetConsistency,
  measureHistory,
  measureScorecard,
} = require('./measureReads');
const { measureEvidence } = require('./measureEvidence');
const { rebuildDataset } = require('./rebuildDataset');
const { runChild } = require('./runChild');
const settings = require('./settings');
const { timeSweep } = require('./timeSweep');

/**
 * Where one backend's plugin data lives: its own database (PostgreSQL, by
 * the backend's database prefix) or directory (SQLite), so the empty-ledger
 * and the loaded measurements each start from a fresh plugin.
 */
async function prepareStorage(db, dir, pgUrl, name) {
  if (db === 'sqlite') {
    const dataDir = path.join(dir, `sqlite-${name}`);
    fs.rmSync(dataDir, { recursive: true, force: true });
    fs.mkdirSync(dataDir, { recursive: true });
    return {
      backendDatabase: {
        client: 'better-sqlite3',
        connection: { directory: dataDir },
      },
      pluginTarget: path.join(dataDir, 'process-exceptions.sqlite'),
    };
  }
  const prefix = `bench_${name}_`;
  const { Client } = require('pg');
  const admin = new Client({ connectionString: pgUrl });
  await admin.connect();
  for (const plugin of ['process-exceptions', 'catalog']) {
    await admin.query(`drop database if exists "${prefix}${plugin}"`);
  }
  await admin.end();
  return {
    backendDatabase: { client: 'pg', connection: pgUrl, prefix },
    pluginTarget: `${pgUrl}/${prefix}process-exceptions`,
  };
}

async function prepareBaseline(db, dir, pgUrl) {
  if (db === 'sqlite') return path.join(dir, 'baseline.sqlite');
  const { Client } = require('pg');
  const admin = new Client({ connectionString: pgUrl });
  await admin.connect();
  await admin.query('drop database if exists bench_baseline');
  await admin.query('create database bench_baseline');
  await admin.end();
  return `${pgUrl}/bench_baseline`;
}

/** Every service the bench names: loaded, heavy and fresh. */
const SERVICES =
  settings.entities + settings.heavyServices + settings.freshServices;

/**
 * Starts a bench backend on fresh storage named `name` and waits until its
 * catalog holds every service.
 */
async function startFresh({ db, dir, pgUrl, name }) {
  const storage = await prepareStorage(db, dir, pgUrl, name);
  const port = await freePort();
  const configFile = writeBackendConfig({
    dir,
    port,
    name,
    database: storage.backendDatabase,
    catalogFile: writeCatalogFile({ dir, count: SERVICES }),
  });
  const logFile = path.join(dir, `backend-${db}-${name}.log`);
  const t0 = Date.now();
  const backend = await startBackend({
    configFile,
    port,
    logFile,
    cpuProfileDir:
      process.env.BENCH_PROFILE === '1'
        ? path.join(dir, `profile-${db}-${name}`)
        : undefined,
  });
  const startSeconds = (Date.now() - t0) / 1000;
  await waitForCatalog({
    baseUrl: backend.baseUrl,
    token: settings.token,
    count: SERVICES,
    timeoutMs: 600_000,
  });
  return {
    backend,
    logFile,
    target: storage.pluginTarget,
    startSeconds,
  };
}

/** A backend's memory: once started, after each phase, and the growth. */
function memoryTracker(backend) {
  const start = backend.memory();
  const after = {};
  return {
    mark: name => {
      after[name] = backend.memory();
    },
    phase: async (name, fn) => {
      const value = await fn();
      after[name] = backend.memory();
      return value;
    },
    report: () => {
      const end = backend.memory();
      return {
        pid: backend.pid,
        start,
        after,
        end,
        growthMiB: end.hwmMiB - start.hwmMiB,
      };
    },
  };
}

const refs = (from, count) =>
  Array.from({ length: count }, (_, i) => `component:default/svc-${from + i}`);

/**
 * Everything measured on one database. First backend, on an empty ledger:
 * ingestion beside the bare baseline. Second backend, on a fresh plugin:
 * the dataset loaded into the ledger and derived by the plugin's rebuild,
 * reads, ingestion into the loaded services, then the heavy services
 * loaded and rebuilt, ingestion over the skewed fleet, one sender into
 * heavy and into empty services, and the overdue sweep.
 */
async function runDatabase({ db, dir, pgUrl, runId, log }) {
  const dbLog = message => log(`[${db}] ${message}`);
  const result = { db, memory: {} };
  const id = `${runId}-${db}`;
  let empty;
  let loaded;
  let baseline;
  try {
    dbLog('starting a backend on an empty ledger, and the baseline');
    empty = await startFresh({ db, dir, pgUrl, name: 'empty' });
    result.backendStartSeconds = empty.startSeconds;
    baseline = await startBaseline({
      db,
      target: await prepareBaseline(db, dir, pgUrl),
      port: await freePort(),
      logFile: path.join(dir, `baseline-${db}.log`),
    });
    const emptyMemory = memoryTracker(empty.backend);
    result.ingestion = await measureIngestionPair({
      backend: empty.backend,
      baseline,
      runId: id,
      log: dbLog,
      afterMode: mode => emptyMemory.mark(`ingestion-${mode}`),
    });
    result.memory.empty = emptyMemory.report();
    result.memory.baseline = baseline.memory();
    await empty.backend.stop();
    await baseline.stop();

    dbLog('starting a backend on a fresh plugin for the dataset');
    loaded = await startFresh({ db, dir, pgUrl, name: 'loaded' });
    const { backend } = loaded;
    const memory = memoryTracker(backend);
    const load = (from, to, rounds) =>
      runChild(
        'loadDataset.js',
        { db, target: loaded.target, from, to, rounds },
        // A larger young generation: the loader allocates much short-lived data.
        ['--max-semi-space-size=64'],
      );

    dbLog(`loading ${settings.entities} services' ledgers`);
    result.dataset = await load(0, settings.entities, 1);
    dbLog(`loaded in ${result.dataset.seconds.toFixed(0)} s; rebuilding`);
    result.rebuild = await memory.phase('rebuild', () =>
      rebuildDataset(backend),
    );
    dbLog(`rebuilt in ${result.rebuild.seconds.toFixed(0)} s`);
    result.dataset.derived = await countDerived(db, loaded.target);
    result.dataset.consistency = await checkDatasetConsistency(backend, id);

    dbLog('entity history');
    result.history = await memory.phase('history', () =>
      measureHistory(backend, settings.entities),
    );
    dbLog('scorecard');
    result.scorecard = await memory.phase('scorecard', () =>
      measureScorecard(backend),
    );
    dbLog('evidence export');
    result.evidence = await memory.phase('evidence', () =>
      measureEvidence(backend),
    );
    dbLog('single events and batches into the loaded services');
    result.loaded = {};
    result.loaded.single = await memory.phase('loaded-single', () =>
      measureLoadedSingle(backend, `${id}-loaded`, 'uniform'),
    );
    result.loaded.batch = await memory.phase('loaded-batch', () =>
      measureLoadedBatches(backend, `${id}-loaded-batch`),
    );

    dbLog(`loading ${settings.heavyServices} heavy services`);
    const heavyFrom = settings.entities;
    result.heavyDataset = await load(
      heavyFrom,
      heavyFrom + settings.heavyServices,
      settings.heavyRounds,
    );
    result.heavyRebuild = await memory.phase('heavy-rebuild', () =>
      rebuildDataset(backend, refs(heavyFrom, settings.heavyServices)),
    );
    dbLog(
      `heavy services rebuilt in ${result.heavyRebuild.seconds.toFixed(0)} s`,
    );
    dbLog('single events over the skewed fleet; one sender, heavy and fresh');
    result.loaded.skewed = await memory.phase('skewed', () =>
      measureLoadedSingle(backend, `${id}-skewed`, 'skewed'),
    );
    result.sequential = await memory.phase('sequential', () =>
      measureSequential(backend, `${id}-sequential`),
    );

    dbLog('overdue sweep');
    result.sweep = await timeSweep({
      db,
      target: loaded.target,
      backend,
      logFile: loaded.logFile,
      services: settings.entities,
    });
    result.memory.loaded = memory.report();
  } catch (error) {
    result.error = error.stack ?? String(error);
    dbLog(`FAILED: ${error.message}`);
  } finally {
    await empty?.backend.stop();
    await loaded?.backend.stop();
    await baseline?.stop();
  }
  return result;
}

/** What the rebuild derived, by table. */
async function countDerived(db, target) {
  const knex = require('knex')(
    db === 'pg'
      ? { client: 'pg', connection: target }
      : {
          client: 'better-sqlite3',
          connection: { filename: target },
          useNullAsDefault: true,
        },
  );
  const counts = {};
  for (const table of [
    'pe_exceptions',
    'pe_tasks',
    'pe_exception_events',
    'pe_findings',
    'pe_event_keys',
  ]) {
    const [{ n }] = await knex(table).count({ n: '*' });
    counts[table] = Number(n);
  }
  await knex.destroy();
  return counts;
}

module.exports = { runDatabase };
