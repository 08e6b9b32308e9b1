'use strict';

const fs = require('node:fs');
const path = require('node:path');
const { writeBackendConfig } = require('./backendConfig');
const { freePort, startBackend, startBaseline } = require('./backendProcess');
const { measureIngestionPair } = require('./measureIngestion');
const {
  checkDatasetConsistency,
  measureHistory,
  measureLoadedIngestion,
  measureScorecard,
} = require('./measureReads');
const { runChild } = require('./runChild');
const settings = require('./settings');

const PLUGIN_DATABASE = 'backstage_plugin_process-exceptions';

/** Where the plugin's and the baseline's data live, per database. */
async function prepareStorage(db, dir, pgUrl) {
  if (db === 'sqlite') {
    const dataDir = path.join(dir, 'sqlite');
    fs.mkdirSync(dataDir, { recursive: true });
    return {
      backendDatabase: {
        client: 'better-sqlite3',
        connection: { directory: dataDir },
      },
      pluginTarget: path.join(dataDir, 'process-exceptions.sqlite'),
      baselineTarget: path.join(dataDir, 'baseline.sqlite'),
    };
  }
  const { Client } = require('pg');
  const admin = new Client({ connectionString: pgUrl });
  await admin.connect();
  for (const name of [PLUGIN_DATABASE, 'bench_baseline']) {
    await admin.query(`drop database if exists "${name}"`);
  }
  await admin.query('create database bench_baseline');
  await admin.end();
  return {
    backendDatabase: { client: 'pg', connection: pgUrl },
    pluginTarget: `${pgUrl}/${PLUGIN_DATABASE}`,
    baselineTarget: `${pgUrl}/bench_baseline`,
  };
}

/**
 * Everything measured on one database, in order: ingestion on an empty
 * ledger (baseline and plugin), the bulk load, reads, ingestion on the loaded
 * ledger, the overdue sweep, and the backend's peak memory.
 */
async function runDatabase({ db, dir, pgUrl, runId, log }) {
  const dbLog = message => log(`[${db}] ${message}`);
  const storage = await prepareStorage(db, dir, pgUrl);
  const [port, baselinePort] = [await freePort(), await freePort()];
  const configFile = writeBackendConfig({
    dir,
    port,
    database: storage.backendDatabase,
  });
  const result = { db, memoryAfter: {} };
  // The backend's memory after each phase, to tell which one set the peak.
  const phase = async (name, fn) => {
    const value = await fn();
    result.memoryAfter[name] = backend.memory();
    return value;
  };
  let backend;
  let baseline;
  try {
    dbLog('starting the backend and the baseline');
    const t0 = Date.now();
    backend = await startBackend({
      configFile,
      port,
      logFile: path.join(dir, `backend-${db}.log`),
      cpuProfileDir:
        process.env.BENCH_PROFILE === '1'
          ? path.join(dir, `profile-${db}`)
          : undefined,
    });
    result.backendStartSeconds = (Date.now() - t0) / 1000;
    result.backendPid = backend.pid;
    baseline = await startBaseline({
      db,
      target: storage.baselineTarget,
      port: baselinePort,
      logFile: path.join(dir, `baseline-${db}.log`),
    });

    result.memoryAfter.start = backend.memory();
    result.ingestion = await measureIngestionPair({
      backend,
      baseline,
      runId: `${runId}-${db}`,
      log: dbLog,
      afterMode: mode => {
        result.memoryAfter[`ingestion-${mode}`] = backend.memory();
      },
    });

    dbLog(
      `bulk-loading ${settings.entities} services' history into the plugin's tables`,
    );
    result.dataset = await runChild(
      'loadDataset.js',
      { db, target: storage.pluginTarget, entities: settings.entities },
      // A larger young generation: the loader allocates much short-lived data.
      ['--max-semi-space-size=64'],
    );
    dbLog(
      `loaded in ${result.dataset.seconds.toFixed(
        0,
      )} s; checking it against the rules`,
    );
    result.dataset.consistency = await checkDatasetConsistency(
      backend,
      `${runId}-${db}`,
    );

    dbLog('entity history');
    result.history = await phase('history', () =>
      measureHistory(backend, settings.entities),
    );
    dbLog('scorecard');
    result.scorecard = await phase('scorecard', () =>
      measureScorecard(backend),
    );
    dbLog('single-event ingestion on the loaded ledger');
    result.loadedIngestion = await phase('loadedIngestion', () =>
      measureLoadedIngestion(backend, `${runId}-${db}`, settings.entities),
    );

    dbLog('overdue sweep');
    result.sweep = await runChild('timeSweep.js', {
      db,
      target: storage.pluginTarget,
    });

    result.memory = { backend: backend.memory(), baseline: baseline.memory() };
  } catch (error) {
    result.error = error.stack ?? String(error);
    dbLog(`FAILED: ${error.message}`);
  } finally {
    await backend?.stop();
    await baseline?.stop();
  }
  return result;
}

module.exports = { runDatabase };
