'use strict';

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { TARGETS, judge } = require('./targets');

const ms = v =>
  v === null || v === undefined
    ? '–'
    : `${v < 10 ? v.toFixed(1) : v.toFixed(0)} ms`;
const num = v =>
  v === null || v === undefined ? '–' : Math.round(v).toLocaleString('en-US');
const mib = v => `${v.toFixed(0)} MiB`;
const DB_NAMES = { pg: 'PostgreSQL', sqlite: 'SQLite' };

function machineInfo() {
  let sqlite = 'unknown';
  try {
    const Database = require('better-sqlite3');
    sqlite = new Database(':memory:')
      .prepare('select sqlite_version() v')
      .get().v;
  } catch {
    // reported as unknown
  }
  return {
    nproc: os.availableParallelism(),
    cpu: os.cpus()[0]?.model ?? 'unknown',
    memoryGiB: os.totalmem() / 1024 ** 3,
    node: process.version,
    os: `${os.type()} ${os.release()}`,
    postgres: process.env.BENCH_PG_VERSION ?? 'not run',
    sqlite,
  };
}

function mdTable(header, rows) {
  return [
    `| ${header.join(' | ')} |`,
    `| ${header.map(() => '---').join(' | ')} |`,
    ...rows.map(r => `| ${r.join(' | ')} |`),
  ].join('\n');
}

function targetRows(run) {
  return TARGETS.map(t => [
    t.name,
    t.target,
    ...run.results.map(r => {
      const j = judge(t, r);
      return `${j.text} ${j.pass ? 'PASS' : 'FAIL'}`;
    }),
  ]);
}

const rounds = (count, roundMs) =>
  `${count} round${count === 1 ? '' : 's'} of ${roundMs / 1000} s`;

// Runs before 2026-11-25 split 15 s of single events into three rounds and
// gave batches one round.
const singleRounds = s =>
  rounds(s.ingestRounds, s.singleRoundMs ?? s.ingestMs / s.ingestRounds);
const batchRounds = s => rounds(s.batchRounds ?? 1, s.ingestMs);

/** How far each round's ratio moved, where the run recorded them. */
function roundRatios(run) {
  const lines = run.results.flatMap(r =>
    ['single', 'batch'].flatMap(mode => {
      const ratios = r.ingestion?.[mode]?.roundRatios;
      if (!ratios?.length) return [];
      const sorted = [...ratios].sort((a, b) => a - b);
      const mid = sorted.length / 2;
      const median =
        sorted.length % 2
          ? sorted[Math.floor(mid)]
          : (sorted[mid - 1] + sorted[mid]) / 2;
      return [
        `- ${DB_NAMES[r.db]}, ${
          mode === 'single' ? 'single events' : 'batches'
        }: ${ratios.map(v => v.toFixed(2)).join(', ')}${
          ratios.length > 1 ? ` (median ${median.toFixed(2)})` : ''
        }`,
      ];
    }),
  );
  if (lines.length === 0) return '';
  return `\nPlugin ÷ baseline round by round, in the order run (the targets are judged on all rounds together, the first table's figures):\n\n${lines.join(
    '\n',
  )}\n`;
}

function ingestionRows(run) {
  const rows = [];
  for (const r of run.results) {
    for (const mode of ['single', 'batch']) {
      for (const who of ['baseline', 'plugin']) {
        const x = r.ingestion?.[mode]?.[who];
        if (!x) continue;
        rows.push([
          DB_NAMES[r.db],
          mode === 'single'
            ? 'single events'
            : `batches of ${run.settings.batchSize}`,
          who,
          num(x.eventsPerSec),
          num(x.requestsPerSec),
          ms(x.p50),
          ms(x.p99),
          String(x.errors),
        ]);
      }
    }
    const extra = [
      ['single events, loaded services', r.loaded?.single],
      [
        `batches of ${run.settings.batchSize}, loaded services`,
        r.loaded?.batch,
      ],
      ['single events, skewed fleet', r.loaded?.skewed],
      ['one sender, services with 20,000 events', r.sequential?.heavy],
      ['one sender, services with none', r.sequential?.fresh],
    ];
    for (const [what, x] of extra) {
      if (!x) continue;
      rows.push([
        DB_NAMES[r.db],
        what,
        'plugin',
        num(x.eventsPerSec),
        num(x.requestsPerSec),
        ms(x.p50),
        ms(x.p99),
        String(x.errors),
      ]);
    }
  }
  return rows;
}

function otherRows(run) {
  return run.results.flatMap(r => {
    const d = DB_NAMES[r.db];
    const rows = [];
    if (r.history) {
      rows.push([
        d,
        'entity history, 1 reader',
        `p50 ${ms(r.history.p50)}, p95 ${ms(r.history.p95)}, p99 ${ms(
          r.history.p99,
        )}`,
        `${r.history.requests} requests, ${r.history.itemsPerPage.toFixed(
          0,
        )} exceptions a page`,
      ]);
    }
    if (r.scorecard) {
      rows.push([
        d,
        'scorecard by owner, 1 reader',
        `p50 ${ms(r.scorecard.p50)}, p95 ${ms(r.scorecard.p95)}, max ${ms(
          r.scorecard.max,
        )}`,
        `${r.scorecard.requests} requests, ${r.scorecard.owners} owners; the ${
          run.settings.scorecardWarmupRequests
        } requests before them (not counted): max ${ms(r.scorecard.warmupMax)}`,
      ]);
    }
    if (r.evidence) {
      rows.push([
        d,
        'evidence export, CSV, every service',
        `${r.evidence.seconds.toFixed(1)} s, +${r.evidence.extraMiB.toFixed(
          0,
        )} MiB resident at its peak`,
        `${num(r.evidence.exception)} exceptions, ${num(
          r.evidence.task,
        )} tasks, ${num(r.evidence.finding)} findings, ${(
          r.evidence.bytes /
          1024 /
          1024
        ).toFixed(0)} MiB`,
      ]);
    }
    if (r.sweep) {
      rows.push([
        d,
        'overdue sweep',
        `${r.sweep.seconds.toFixed(2)} s`,
        `${num(r.sweep.marked)} of ${num(
          r.sweep.openPastDeadline,
        )} marked, as the maintenance task logs it`,
      ]);
    }
    for (const [name, m] of [
      ['empty ledger', r.memory?.empty],
      ['loaded', r.memory?.loaded],
    ]) {
      if (!m) continue;
      const after = Object.entries(m.after)
        .map(([phase, x]) => `${phase} ${x.hwmMiB.toFixed(0)}`)
        .join(', ');
      rows.push([
        d,
        `peak memory (VmHWM), backend on the ${name}`,
        `${mib(m.end.hwmMiB)} (+${m.growthMiB.toFixed(0)} MiB)`,
        `pid ${m.pid}; ${mib(
          m.start.hwmMiB,
        )} once started; after each phase: ${after}${
          name === 'empty ledger' && r.memory.baseline
            ? `; baseline server ${mib(r.memory.baseline.hwmMiB)}`
            : ''
        }`,
      ]);
    }
    if (r.dataset) {
      rows.push([
        d,
        'ledger load',
        `${r.dataset.seconds.toFixed(0)} s`,
        `${num(
          r.dataset.events,
        )} events written into pe_events (${r.dataset.indexSeconds.toFixed(
          0,
        )} s of it rebuilding its indexes)`,
      ]);
    }
    if (r.rebuild) {
      const x = r.dataset?.derived ?? {};
      rows.push([
        d,
        'rebuild of the dataset',
        `${r.rebuild.seconds.toFixed(0)} s`,
        `${num(r.rebuild.services)} services, ${num(
          r.rebuild.events,
        )} events read; derived ${num(x.pe_exceptions)} exceptions, ${num(
          x.pe_tasks,
        )} tasks, ${num(x.pe_exception_events)} links, ${num(
          x.pe_findings,
        )} findings, ${num(
          x.pe_event_keys,
        )} correlation keys; an event after it rewrote ${
          r.dataset.consistency?.rewrittenExceptions ?? '?'
        } exceptions, ${
          r.dataset.consistency?.rewrittenFindings ?? '?'
        } findings`,
      ]);
    }
    if (r.heavyRebuild) {
      rows.push([
        d,
        'heavy services: load, rebuild',
        `${r.heavyDataset.seconds.toFixed(
          0,
        )} s, ${r.heavyRebuild.seconds.toFixed(0)} s`,
        `${num(r.heavyRebuild.services)} services, ${num(
          r.heavyRebuild.events,
        )} events (POST /v1/admin/rebuilds with their entityRefs)`,
      ]);
    }
    if (r.error) rows.push([d, 'ERROR', r.error.split('\n')[0], '']);
    return rows;
  });
}

function renderTable(run) {
  const lines = [];
  const pad = (cells, widths) =>
    cells.map((c, i) => String(c).padEnd(widths[i])).join('  ');
  const print = (header, rows) => {
    const widths = header.map((h, i) =>
      Math.max(h.length, ...rows.map(r => String(r[i]).length)),
    );
    lines.push(
      pad(header, widths),
      widths.map(w => '-'.repeat(w)).join('  '),
      ...rows.map(r => pad(r, widths)),
      '',
    );
  };
  print(
    ['target', 'wanted', ...run.results.map(r => DB_NAMES[r.db])],
    targetRows(run),
  );
  print(
    ['db', 'ingestion', 'into', 'events/s', 'req/s', 'p50', 'p99', 'errors'],
    ingestionRows(run),
  );
  print(['db', 'figure', 'value', 'detail'], otherRows(run));
  return lines.join('\n');
}

function renderMarkdown(run) {
  const m = run.machine;
  const s = run.settings;
  const notes = path.join(__dirname, 'profile-notes.md');
  return `# Benchmarks

Generated by \`${run.command}\` (\`bench/run.sh\`) on ${run.date.slice(0, 10)}${
    run.quick ? ' — **QUICK smoke run, not the full dataset**' : ''
  }; the run took ${run.minutes.toFixed(1)} minutes.

Machine: ${m.nproc} CPUs (${m.cpu}), ${m.memoryGiB.toFixed(
    0,
  )} GiB memory, Node.js ${m.node}, ${m.os}; ${m.postgres}, SQLite ${
    m.sqlite
  }. Load average during the run (1 min, sampled every 5 s): mean ${run.loadAverage.mean.toFixed(
    1,
  )}, max ${run.loadAverage.max.toFixed(1)} — the bench itself keeps about ${
    m.nproc
  } busy; more means other work shared the machine.

Reproduce with \`yarn bench\` (both databases, 8–12 minutes), \`yarn bench --only pg\` or \`--only sqlite\`, and \`BENCH_QUICK=1 yarn bench\` for a smoke run.

## Targets

The targets are the issue's, set for PostgreSQL; SQLite is judged against the same numbers for comparison.

${mdTable(
  ['figure', 'target', ...run.results.map(r => DB_NAMES[r.db])],
  targetRows(run),
)}

## Ingestion over HTTP

${
  s.senders
} concurrent senders on keep-alive connections, after a warm-up that is not counted (${
    s.singleWarmupMs / 1000
  } s of the same load for single events: the backend's throughput climbs for about 15 s after it starts; ${
    s.warmupMs / 1000
  } s for batches) — single events in ${singleRounds(
    s,
  )} and batches in ${batchRounds(
    s,
  )}, per target, taken in turns with the baseline; requests still in flight at the end are waited for and counted — posting realistic events (releases, hotfixes with P0 incidents, reviews, emergency flag disables, partially ready stories, staging deployments) over ${num(
    s.entities,
  )} services, first to an empty ledger. The baseline is a bare express handler that inserts the same rows into an equal events table with knex in one statement per request. The rows after the first four of each database run on a second backend, started on a fresh plugin whose ledger holds the dataset: single events and batches into the ${num(
    s.entities,
  )} loaded services (200 events each) and single events over the skewed fleet (${
    s.heavyServices
  } more services with ${num(
    s.heavyRounds * 200,
  )} events each get a fifth of the stories), for ${
    s.loadedIngestMs / 1000
  } s each (batches ${
    s.ingestMs / 1000
  } s); then one sender posting single events one after another, ${
    s.sequentialRounds
  } rounds of ${
    s.sequentialRoundMs / 1000
  } s in turns into the heavy services and into ${
    s.freshServices
  } services that held no events before.

${mdTable(
  [
    'database',
    'events',
    'into',
    'events/s',
    'requests/s',
    'p50',
    'p99',
    'errors',
  ],
  ingestionRows(run),
)}
${roundRatios(run)}
## Reads, sweep, memory, dataset

Reads are measured after the dataset was loaded into the ledger and derived by the plugin's rebuild: ${num(
    s.entities * 200,
  )} events, ${num(s.entities * 40)} exceptions over ${num(
    s.entities,
  )} services, one request at a time, for up to ${
    s.historyMs / 1000
  } s (history, after ${
    s.historyWarmupMs / 1000
  } s of warm-up that is not counted) and ${s.scorecardMs / 1000} s or ${
    s.scorecardMaxRequests
  } requests (scorecard, after ${
    s.scorecardWarmupRequests
  } requests that are not counted, computed on every request: the bench backend sets \`processExceptions.scorecard.cacheSeconds: 0\`, where a default backend reuses a scorecard for 30 s).

${mdTable(['database', 'figure', 'value', 'detail'], otherRows(run))}

## How it is measured

- \`bench/run.sh\` starts a throw-away PostgreSQL (\`scripts/postgres.sh\`, loopback, \`fsync=off\`) and stops it on exit; SQLite files live in a temporary directory.
- The backend is \`packages/bench-backend\`: \`createBackend()\` with the catalog and the process-exceptions plugin, run from source through Backstage's dev transpiler (\`node --require @backstage/cli-node/config/nodeTransform.cjs\`, \`NODE_ENV=production\`, log level info), configured with a static external-access token restricted to the plugin and the catalog, and the scorecard cache off. Its maintenance task is scheduled a day out so it does not run during the measurements.
- The dataset's ledger is written straight into \`pe_events\` after the plugin migrated it, 200 events of realistic stories per service; everything derived from it (exceptions, tasks, event links, findings, correlation keys) comes from the plugin itself, through \`POST /v1/admin/rebuilds\`, polled until done: the rebuild figure. The "an event after it rewrote" figure checks the rebuild against the write path: an event that changes nothing on a rebuilt service must rewrite nothing.
- The bench drives the plugin through HTTP only: the rebuild API, the ingestion and read APIs, and the scheduler's \`POST …/.backstage/scheduler/v1/tasks/process-exceptions-maintenance/trigger\` for the sweep, whose duration the maintenance task logs. Before it, every exception of the ${num(
    s.entities,
  )} uniform services is made open with a deadline an hour ago (untimed, then \`VACUUM ANALYZE\`/\`ANALYZE\`).
- Peak memory is \`VmHWM\` from \`/proc/<pid>/status\` of each backend's node process itself (no yarn or CLI wrapper); the target is its growth after the backend started, the larger of the two backends'.

## Limits of the measurement

- **The catalog is Backstage's own**, in the bench backend, on the same database server: a generated file location holding the ${num(
    s.entities + s.heavyServices + s.freshServices,
  )} services and the 50 teams that own them; the bench waits for its first processing before it measures. The plugin's entity resolver asks it for every service not seen in the last 300 s (the default of \`processExceptions.ingestion.entityCacheSeconds\`), the scorecard for the owners of every service it ranks (kept 300 s, the default of \`processExceptions.scorecard.ownersCacheSeconds\`). The catalog's own periodic processing of the ${num(
    s.entities + s.heavyServices + s.freshServices,
  )} entities runs during the measurements, as it would in an installation.
- The load generator, the backend, the baseline and PostgreSQL share the same ${
    m.nproc
  } CPUs, and other work on the machine (tests, builds) may run at the same time; figures vary by ±10–20 % from run to run. Compare ratios more than absolute numbers.
- PostgreSQL runs with \`fsync=off\` (as the test cluster does): commits cost less than on a production server, for the plugin and the baseline alike.
- Latencies include the load generator's own queueing: with ${
    s.senders
  } senders on ${m.nproc} cores, p99 mostly measures waiting, not work.
- The backend logs every request at info level to a file, as a default Backstage backend does; the baseline does not log.
- The read dataset is uniform (200 events, 40 exceptions per service); the skewed fleet's heavy services are loaded after the reads are measured.
- The sweep's 200,000 rows are made overdue at once: a backlog, e.g. after the maintenance task was down. Each minute's sweep normally marks a few rows.
- The loaded rows of a service are stored together (the loader writes service by service), which favours reads of one service over a real ledger where services' events interleave.
- Scorecard latency comes from at most ${
    s.scorecardMaxRequests
  } sequential requests, so its p99 is close to its maximum. The first requests after the backend starts are slower on PostgreSQL (each new pool connection loads the server's catalog caches on first use); they are reported beside the figure, not counted in it.
${fs.existsSync(notes) ? `\n${fs.readFileSync(notes, 'utf8').trim()}\n` : ''}`;
}

module.exports = { machineInfo, renderMarkdown, renderTable };
