import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PIPELINE_TOKEN, PLUGIN_PATH, REPO_ROOT } from '../cluster/paths';
import { databaseClient } from '../cluster/postgres';
import { rssMiB } from '../cluster/Replica';
import { closeConnections, httpJson, resetRetries } from '../http/httpJson';
import { exampleServices } from '../stream/exampleServices';
import { generateStream, V1Event } from '../stream/generateStream';
import { sleep } from '../util/pool';
import { levelsOff, RequestStats } from './stats';

export interface SoakOptions {
  minutes: number;
  /** Concurrent ingestion senders (pipelines). */
  senders: number;
  /** Each sender's pause between requests. */
  senderPauseMs: number;
  /** People loading entity pages (exceptions, findings, summary). */
  entityReaders: number;
  /** Team leads loading the scorecard (scorecard, trends). */
  scorecardReaders: number;
  /** Written by scripts/cluster.sh. */
  clusterFile: string;
  /** Where the report goes; none when undefined. */
  outFile?: string;
  /** How the run was started, for the report. */
  command: string;
  log: (line: string) => void;
}

interface ClusterInfo {
  postgres: string;
  replicas: Array<{ url: string; pid: number }>;
}

const SAMPLE_MS = 10_000;
const REQUEST_TIMEOUT_MS = 60_000;

async function healthy(info: ClusterInfo | undefined): Promise<boolean> {
  if (!info || info.replicas.length < 2) return false;
  for (const r of info.replicas) {
    // The backend's readiness and the plugin's health (see Replica.start).
    for (const p of [
      '/.backstage/health/v1/readiness',
      `${PLUGIN_PATH}/health`,
    ]) {
      try {
        const res = await httpJson('GET', `${r.url}${p}`, { timeoutMs: 5_000 });
        if (res.status !== 200) return false;
      } catch {
        return false;
      }
    }
  }
  return true;
}

function readCluster(file: string): ClusterInfo | undefined {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

/** Starts `scripts/cluster.sh` in its own process group and waits for it. */
async function startCluster(
  options: SoakOptions,
): Promise<{ info: ClusterInfo; child: ChildProcess }> {
  const logFile = path.join(os.tmpdir(), `soak-cluster-${process.pid}.log`);
  const log = fs.openSync(logFile, 'w');
  options.log(
    `no cluster answers; starting scripts/cluster.sh (log ${logFile})`,
  );
  const child = spawn('bash', [path.join(REPO_ROOT, 'scripts/cluster.sh')], {
    cwd: REPO_ROOT,
    detached: true,
    stdio: ['ignore', log, log],
  });
  fs.closeSync(log);
  const deadline = Date.now() + 300_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`scripts/cluster.sh exited; see ${logFile}`);
    }
    const info = readCluster(options.clusterFile);
    if (await healthy(info)) return { info: info!, child };
    await sleep(1000);
  }
  process.kill(-child.pid!, 'SIGTERM');
  throw new Error(`the cluster did not start within 300 s; see ${logFile}`);
}

async function stopCluster(child: ChildProcess) {
  if (child.exitCode !== null) return;
  const exited = new Promise(r => child.once('exit', r));
  process.kill(-child.pid!, 'SIGTERM'); // cluster.sh's trap stops everything
  const timer = setTimeout(() => process.kill(-child.pid!, 'SIGKILL'), 60_000);
  await exited;
  clearTimeout(timer);
}

/** A person's token: the guest sign-in of the demo portal. */
async function guestToken(url: string): Promise<string | undefined> {
  try {
    const res = await httpJson('POST', `${url}/api/auth/guest/refresh`, {
      headers: { 'x-requested-with': 'XMLHttpRequest' },
    });
    return res.status === 200 ? res.body.backstageIdentity.token : undefined;
  } catch {
    return undefined;
  }
}

const mib = (n: number) => n.toFixed(0);

function memoryVerdict(ok: boolean, sampleCount: number): string {
  if (ok) return 'levelled off';
  if (sampleCount < 6) return 'too few samples to tell: run at least a minute';
  return 'still growing';
}
const ms = (n: number) => (Number.isNaN(n) ? '–' : n.toFixed(0));

/**
 * Mixed traffic against a running cluster for `minutes`: senders post
 * events as pipelines do, people load entity pages, team leads load the
 * scorecard, every request to the replicas in turn. Samples each replica's
 * resident memory every 10 s. Passes when no request failed, the ledger
 * holds each recorded event once, and memory levelled off.
 */
export async function runSoak(
  options: SoakOptions,
): Promise<{ ok: boolean; report: string }> {
  let info = readCluster(options.clusterFile);
  let started: ChildProcess | undefined;
  if (!(await healthy(info))) {
    const result = await startCluster(options);
    info = result.info;
    started = result.child;
  }
  // Ctrl-C stops a cluster this run started, too.
  const onSignal = () => {
    const stop = started ? stopCluster(started) : Promise.resolve();
    stop.finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  try {
    return await soak(info!, options, Boolean(started));
  } finally {
    process.off('SIGINT', onSignal);
    if (started) await stopCluster(started);
  }
}

async function soak(
  info: ClusterInfo,
  options: SoakOptions,
  startedHere: boolean,
): Promise<{ ok: boolean; report: string }> {
  const { log } = options;
  const replicas = info.replicas;
  const services = exampleServices();
  const userToken = await guestToken(replicas[0].url);
  const readToken = userToken ?? PIPELINE_TOKEN;
  const ledger = databaseClient(
    info.postgres,
    'backstage_plugin_process-exceptions',
  );
  const countLedger = async () =>
    Number((await ledger('pe_events').count({ n: '*' }))[0].n);
  const ledgerBefore = await countLedger();
  const retriesBefore = resetRetries.count;

  const stats = {
    ingest: new RequestStats(),
    exceptions: new RequestStats(),
    findings: new RequestStats(),
    summary: new RequestStats(),
    scorecard: new RequestStats(),
    trends: new RequestStats(),
  };
  let recorded = 0;
  let duplicates = 0;
  let eventsSent = 0;
  let turn = 0;
  const nextReplica = () => replicas[turn++ % replicas.length];
  const runId = Date.now().toString(36);
  const startedAt = Date.now();
  const deadline = startedAt + options.minutes * 60_000;

  /** Times a request; any status but 2xx, or no answer, is an error. */
  const timed = async (
    s: RequestStats,
    method: string,
    url: string,
    token: string,
    body?: unknown,
  ) => {
    const t0 = Date.now();
    try {
      const res = await httpJson(method, url, {
        token,
        body,
        timeoutMs: REQUEST_TIMEOUT_MS,
      });
      const ok = res.status >= 200 && res.status < 300;
      s.record(
        res.ms,
        ok
          ? undefined
          : `${method} ${url} → ${res.status} ${JSON.stringify(res.body).slice(
              0,
              200,
            )}`,
      );
      return ok ? res : undefined;
    } catch (error) {
      s.record(Date.now() - t0, `${method} ${url} → ${error}`);
      return undefined;
    }
  };

  const sender = async (index: number) => {
    let chunkNo = 0;
    let queue: V1Event[] = [];
    let rand = index + 1;
    while (Date.now() < deadline) {
      if (queue.length === 0) {
        chunkNo += 1;
        queue = generateStream({
          size: 2000,
          seed: index * 1000 + chunkNo,
          idPrefix: `soak-${runId}-s${index}-c${chunkNo}`,
          services,
          from: new Date(Date.now() - 30 * 86_400_000),
          to: new Date(),
        });
      }
      rand = (rand * 16807) % 2147483647;
      const batch = queue.splice(0, 1 + (rand % 5)); // 1 to 5 events a request
      const res = await timed(
        stats.ingest,
        'POST',
        `${nextReplica().url}${PLUGIN_PATH}/v1/events`,
        PIPELINE_TOKEN,
        { events: batch },
      );
      eventsSent += batch.length;
      for (const r of res?.body.results ?? []) {
        if (r.status === 'recorded') recorded += 1;
        else duplicates += 1;
      }
      await sleep(options.senderPauseMs);
    }
  };

  const entityReader = async (index: number) => {
    let i = index;
    while (Date.now() < deadline) {
      const ref = encodeURIComponent(services[i++ % services.length].entityRef);
      const base = `${nextReplica().url}${PLUGIN_PATH}`;
      // An entity page's Exceptions tab loads these together.
      await Promise.all([
        timed(
          stats.exceptions,
          'GET',
          `${base}/v1/exceptions?entityRef=${ref}`,
          readToken,
        ),
        timed(
          stats.findings,
          'GET',
          `${base}/v1/findings?entityRef=${ref}`,
          readToken,
        ),
        timed(
          stats.summary,
          'GET',
          `${base}/v1/summary?entityRef=${ref}`,
          readToken,
        ),
      ]);
      await sleep(1000);
    }
  };

  const scorecardReader = async () => {
    while (Date.now() < deadline) {
      const base = `${nextReplica().url}${PLUGIN_PATH}`;
      await Promise.all([
        timed(
          stats.scorecard,
          'GET',
          `${base}/v1/scorecard?groupBy=owner`,
          readToken,
        ),
        timed(stats.trends, 'GET', `${base}/v1/trends`, readToken),
      ]);
      await sleep(2000);
    }
  };

  // Memory and progress every 10 s, from the first second to the last.
  const samples: Array<{ t: number; rss: number[]; recorded: number }> = [];
  const sample = () =>
    samples.push({
      t: (Date.now() - startedAt) / 1000,
      rss: replicas.map(r => {
        try {
          return rssMiB(r.pid);
        } catch {
          return NaN; // the process is gone
        }
      }),
      recorded,
    });
  sample();
  const sampler = setInterval(() => {
    sample();
    const last = samples[samples.length - 1];
    log(
      `${last.t.toFixed(0)} s: ${recorded} events recorded, RSS ${last.rss
        .map(mib)
        .join(' / ')} MiB, errors ${Object.values(stats).reduce(
        (n, s) => n + s.errors,
        0,
      )}`,
    );
  }, SAMPLE_MS);

  log(
    `soaking ${replicas.map(r => r.url).join(' and ')} for ${
      options.minutes
    } min: ` +
      `${options.senders} senders, ${options.entityReaders} entity-page readers, ` +
      `${options.scorecardReaders} scorecard readers`,
  );
  await Promise.all([
    ...Array.from({ length: options.senders }, (_, i) => sender(i)),
    ...Array.from({ length: options.entityReaders }, (_, i) => entityReader(i)),
    ...Array.from({ length: options.scorecardReaders }, () =>
      scorecardReader(),
    ),
  ]);
  clearInterval(sampler);
  sample();
  const seconds = (Date.now() - startedAt) / 1000;
  const ledgerAdded = (await countLedger()) - ledgerBefore;
  await ledger.destroy();
  closeConnections();

  const errors = Object.values(stats).reduce((n, s) => n + s.errors, 0);
  const retried = resetRetries.count - retriesBefore;
  const memory = replicas.map((_, i) => levelsOff(samples.map(s => s.rss[i])));
  const ledgerOk = ledgerAdded === recorded;
  const ok = errors === 0 && ledgerOk && memory.every(m => m.ok);

  const rows = Object.entries(stats).map(([name, s]) => {
    const x = s.summary(seconds);
    return `| ${name} | ${x.requests} | ${x.perSecond.toFixed(1)} | ${ms(
      x.p50,
    )} | ${ms(x.p99)} | ${ms(x.max)} | ${x.errors} |`;
  });
  const memoryRows = samples.map((s, i) => {
    const prev = samples[i - 1];
    const rate = prev ? (s.recorded - prev.recorded) / (s.t - prev.t) : 0;
    return `| ${s.t.toFixed(0)} | ${s.rss.map(mib).join(' | ')} | ${
      s.recorded
    } | ${prev ? rate.toFixed(1) : '–'} |`;
  });
  const errorSamples = Object.values(stats).flatMap(s => s.errorSamples);
  const report = `## Run of ${new Date(startedAt).toISOString().slice(0, 16)}Z

\`${options.command}\` — ${options.minutes} min against ${
    replicas.length
  } replicas (${replicas.map(r => r.url).join(', ')})${
    startedHere ? ', started by the soak itself' : ''
  }; ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(
    0,
  )} GiB, Node.js ${process.version}.
Traffic: ${options.senders} senders posting 1–5 events a request with ${
    options.senderPauseMs
  } ms between requests; ${
    options.entityReaders
  } people loading entity pages (exceptions, findings and summary together, then 1 s); ${
    options.scorecardReaders
  } team leads loading the scorecard and trends (then 2 s). Reads as ${
    userToken ? 'the guest user' : 'the pipeline service token'
  }; requests alternate between the replicas.

**Result: ${
    ok ? 'passed' : 'FAILED'
  }** — ${errors} errors; ${recorded} events recorded (${(
    recorded / seconds
  ).toFixed(
    1,
  )} events/s), ${duplicates} duplicates answered, the ledger grew by ${ledgerAdded} (${
    ledgerOk ? 'each recorded event once' : 'MISMATCH'
  }); memory ${memory
    .map(
      (m, i) =>
        `replica ${i + 1}: peak ${mib(
          m.earlierPeak,
        )} MiB in the first two thirds, ${mib(
          m.lastPeak,
        )} MiB in the last (${memoryVerdict(m.ok, samples.length)})`,
    )
    .join('; ')}.

| requests | count | per second | p50 ms | p99 ms | max ms | errors |
| --- | --- | --- | --- | --- | --- | --- |
${rows.join('\n')}

${retried} times a request met a keep-alive connection the server had just closed
and was sent again, as HTTP clients do (at most three tries; latency counts
every try).

Resident memory of each backend process (MiB), sampled every 10 s, and ingestion progress:

| s | ${replicas
    .map((_, i) => `replica ${i + 1} RSS`)
    .join(' | ')} | events recorded | events/s since last sample |
| --- | ${replicas.map(() => '---').join(' | ')} | --- | --- |
${memoryRows.join('\n')}
${
  errorSamples.length
    ? `\nFirst errors:\n\n${errorSamples.map(e => `- \`${e}\``).join('\n')}\n`
    : ''
}`;

  if (options.outFile) writeReport(options.outFile, report);
  return { ok, report };
}

const DOC_HEAD = `# Soak: the two-replica cluster under mixed traffic

\`yarn soak\` (\`scripts/soak.js\`) runs mixed traffic against the local
two-replica cluster of \`yarn cluster\` — or starts one itself when none
answers — for \`--minutes\` (default 10): ingestion from 32 senders
(pipelines), entity-page reads, scorecard reads. It reports throughput,
latency, errors (there must be none) and the resident memory of each backend
process every 10 s (it must level off: the last third of the run sets no
peak more than 10 % above the highest before it; the garbage collector may
let a process grow for minutes before it returns memory), checks that the
ledger grew by
exactly the events recorded, and writes the run below (newest first). It
exits non-zero when any check fails. Loopback only; every loop ends at the
deadline and every request times out after 60 s.

\`\`\`sh
yarn cluster                 # terminal 1: PostgreSQL + replicas on 7007 and 7008
yarn soak --minutes 3        # terminal 2 (or alone: it starts the cluster itself)
\`\`\`

Options: \`--minutes N\`, \`--senders N\` (32), \`--pause-ms N\` (a sender's pause
between requests, 250), \`--entity-readers N\` (8), \`--scorecard-readers N\`
(2), \`--out FILE\` (this file), \`--no-write\`.

`;

/** Puts the newest run first under the fixed head, keeping earlier runs. */
function writeReport(file: string, report: string) {
  const previous = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
  const runs = previous.includes('\n## Run of ')
    ? previous.slice(previous.indexOf('\n## Run of ') + 1)
    : '';
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${DOC_HEAD}${report}\n${runs ? `\n${runs}` : ''}`);
}
