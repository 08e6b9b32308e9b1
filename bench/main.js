'use strict';

// Runs the benchmark on each database named in BENCH_DBS and writes the
// report. Started by run.sh, which owns PostgreSQL (BENCH_PG_URL) and the
// work directory (BENCH_DIR).

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { formatted } = require('./formatted');
const { machineInfo, renderMarkdown, renderTable } = require('./report');
const { readSoakSection, withSoakSection } = require('./soakSection');
const { runDatabase } = require('./runDatabase');
const settings = require('./settings');

async function main() {
  const dbs = (process.env.BENCH_DBS ?? 'pg sqlite')
    .split(/\s+/)
    .filter(Boolean);
  const dir = process.env.BENCH_DIR;
  const runId = `b${Date.now().toString(36)}`;
  const started = Date.now();
  const log = message =>
    console.error(
      `[bench ${((Date.now() - started) / 1000)
        .toFixed(0)
        .padStart(4)}s] ${message}`,
    );

  // The machine's load average (1 min) every 5 s: other work on it skews figures.
  const load = [];
  const sampler = setInterval(() => load.push(os.loadavg()[0]), 5000);
  const results = [];
  for (const db of dbs) {
    const dbDir = path.join(dir, db);
    fs.mkdirSync(dbDir, { recursive: true });
    results.push(
      await runDatabase({
        db,
        dir: dbDir,
        pgUrl: process.env.BENCH_PG_URL,
        runId,
        log,
      }),
    );
  }

  clearInterval(sampler);
  const run = {
    date: new Date().toISOString(),
    machine: machineInfo(),
    command: process.env.BENCH_COMMAND ?? 'yarn bench',
    quick: settings.quick,
    settings,
    minutes: (Date.now() - started) / 60000,
    loadAverage: {
      mean: load.reduce((a, b) => a + b, 0) / Math.max(1, load.length),
      max: Math.max(0, ...load),
    },
    results,
  };
  // The committed report is a full run on both databases; others go beside the harness.
  const full = !settings.quick && dbs.includes('pg') && dbs.includes('sqlite');
  const out =
    process.env.BENCH_OUT ??
    (full
      ? path.resolve(__dirname, '../docs/benchmarks.md')
      : path.join(__dirname, 'results', 'benchmarks.md'));
  fs.mkdirSync(path.dirname(out), { recursive: true });
  const soak = fs.existsSync(out)
    ? readSoakSection(fs.readFileSync(out, 'utf8'))
    : '';
  fs.writeFileSync(
    out,
    formatted(withSoakSection(renderMarkdown(run), soak), 'markdown'),
  );
  fs.mkdirSync(path.join(__dirname, 'results'), { recursive: true });
  fs.writeFileSync(
    path.join(__dirname, 'results', `${runId}.json`),
    formatted(
      JSON.stringify(run, (key, value) =>
        key === 'latencies' ? undefined : value,
      ),
      'json',
    ),
  );

  console.log(renderTable(run));
  console.log(
    `\nReport: ${path.relative(
      process.cwd(),
      out,
    )} (raw figures: bench/results/${runId}.json)`,
  );
  if (results.some(r => r.error)) {
    for (const r of results.filter(x => x.error))
      console.error(`[${r.db}] ${r.error}`);
    process.exitCode = 1;
  }
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
