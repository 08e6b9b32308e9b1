import path from 'node:path';
import { Knex } from 'knex';
import { REPO_ROOT } from './cluster/paths';
import {
  databaseClient,
  dropDatabases,
  postgresFromEnv,
  uniquePrefix,
} from './cluster/postgres';
import { Replica } from './cluster/Replica';
import { StaticToken } from './cluster/replicaConfig';
import { ledgerCounts, snapshotState } from './cluster/snapshotState';
import { startCluster, waitForCatalog } from './cluster/startCluster';
import { closeConnections, httpJson } from './http/httpJson';
import { EventResult, getPlugin, postEvents } from './http/pluginApi';
import { exampleServices } from './stream/exampleServices';
import { generateStream, seededRandom, V1Event } from './stream/generateStream';
import { chunk, runPool, sleep } from './util/pool';

/**
 * The real demo backend (packages/backend: catalog, permissions,
 * notifications, the plugin) run as separate processes on one PostgreSQL:
 * a two-replica cluster, plus a lone reference replica on databases of its
 * own. These tests need the PostgreSQL server scripts/test.sh starts and
 * fail, never skip, without it.
 */

const DAY = 24 * 3600_000;
/** Lets the tests ask the catalog whether it has loaded the examples; catalog only. */
const CATALOG_TOKEN: StaticToken = {
  token: 'cluster-tests-catalog-reader',
  subject: 'cluster-tests',
  plugins: ['catalog'],
};
/** The maintenance task every 3 s, so the scheduled test needs seconds, not minutes. */
const FAST_SCHEDULE = {
  frequency: { seconds: 3 },
  timeout: { seconds: 30 },
  initialDelay: { seconds: 1 },
};

const services = exampleServices();
const runDir = path.join(
  REPO_ROOT,
  '.test-results/cluster-tests',
  new Date().toISOString().replace(/[:.]/g, '-'),
);
const clusterPrefix = uniquePrefix('c');
const referencePrefix = uniquePrefix('r');

let connection: string;
let cluster: Replica[] = [];
let reference: Replica | undefined;
let db: Knex;
let referenceDb: Knex;

beforeAll(async () => {
  connection = postgresFromEnv();
  const [replicas, [lone]] = await Promise.all([
    startCluster({
      name: 'replica',
      replicas: 2,
      connection,
      prefix: clusterPrefix,
      runDir,
      schedule: FAST_SCHEDULE,
      tokens: [CATALOG_TOKEN],
    }),
    startCluster({
      name: 'reference',
      replicas: 1,
      connection,
      prefix: referencePrefix,
      runDir,
      tokens: [CATALOG_TOKEN],
    }),
  ]);
  cluster = replicas;
  reference = lone;
  const refs = services.map(s => s.entityRef);
  await Promise.all([
    waitForCatalog(cluster[0], CATALOG_TOKEN.token, refs),
    waitForCatalog(reference, CATALOG_TOKEN.token, refs),
  ]);
  db = databaseClient(connection, `${clusterPrefix}process-exceptions`);
  referenceDb = databaseClient(
    connection,
    `${referencePrefix}process-exceptions`,
  );
}, 300_000);

afterAll(async () => {
  closeConnections();
  await Promise.all([...cluster, reference].map(r => r?.stop()));
  await db?.destroy();
  await referenceDb?.destroy();
  if (connection) {
    await dropDatabases(connection, clusterPrefix);
    await dropDatabases(connection, referencePrefix);
  }
  // The replicas' logs stay in .test-results for a failed run.
  // eslint-disable-next-line no-console
  console.log(`cluster-tests: replica logs in ${runDir}`);
}, 120_000);

/** Answers that were not 200 or 201, as `status: message` lines. */
function failures(responses: Array<{ status: number; body: any }>): string[] {
  return responses
    .filter(r => r.status !== 200 && r.status !== 201)
    .map(r => `${r.status}: ${JSON.stringify(r.body).slice(0, 300)}`);
}

/** Which of `ids` the ledger holds. */
async function inLedger(ids: string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (const part of chunk(ids, 500)) {
    const rows = await db('pe_events')
      .where('source', 'api')
      .whereIn('external_id', part)
      .select('external_id');
    rows.forEach(r => found.add(r.external_id));
  }
  return found;
}

describe('two replicas of the demo backend on one PostgreSQL', () => {
  it('records each of 2,000 events once when every event reaches both replicas at once (some three times), and derives exactly what one replica derives from one copy', async () => {
    const stream = generateStream({
      size: 2000,
      seed: 20261124,
      idPrefix: 'dup',
      services,
      from: new Date(Date.now() - 40 * DAY),
      to: new Date(Date.now() - 12 * DAY),
    });
    const batches = chunk(stream, 20);
    const [a, b] = cluster;

    // The same stream once, in order, to the lone replica on a fresh database.
    const referenceRun = (async () => {
      const answers = [];
      for (const batch of batches)
        answers.push(await postEvents(reference!, batch));
      return answers;
    })();

    // The cluster: each batch to both replicas at the same moment — as it
    // is to one, reversed and split in two to the other — and a tenth of
    // the events a third time to either; four such groups in flight.
    const random = seededRandom(7);
    const answers: Array<{ status: number; body: any }> = [];
    await runPool(batches, 4, async batch => {
      const reversed = [...batch].reverse();
      const third = batch.filter(() => random() < 0.1);
      const sends = [
        postEvents(a, batch),
        postEvents(b, reversed.slice(0, 10)),
        postEvents(b, reversed.slice(10)),
      ];
      if (third.length > 0) {
        sends.push(postEvents(random() < 0.5 ? a : b, third));
      }
      answers.push(...(await Promise.all(sends)));
    });
    const referenceAnswers = await referenceRun;

    expect(failures(answers)).toEqual([]);
    expect(failures(referenceAnswers)).toEqual([]);
    const sent = answers.reduce(
      (n, r) => n + (r.body.results as EventResult[]).length,
      0,
    );
    expect(sent).toBeGreaterThan(2 * 2000);

    // Across every answer, each id was "recorded" exactly once.
    const recordedTimes = new Map<string, number>();
    for (const r of answers) {
      for (const result of r.body.results as EventResult[]) {
        if (result.status === 'recorded') {
          recordedTimes.set(result.id, (recordedTimes.get(result.id) ?? 0) + 1);
        }
      }
    }
    expect([...recordedTimes.values()].filter(n => n !== 1)).toEqual([]);
    expect(recordedTimes.size).toBe(2000);
    expect(await ledgerCounts(db, 'dup-')).toEqual({
      rows: 2000,
      distinct: 2000,
    });

    // The same exceptions, tasks and findings as one copy on one replica.
    const clustered = await snapshotState(db);
    const single = await snapshotState(referenceDb);
    expect(clustered.exceptions.length).toBeGreaterThan(50);
    expect(clustered.findings.length).toBeGreaterThan(50);
    expect(clustered).toEqual(single);

    // And both replicas answer the API with the reference's content.
    const lists = async (r: Replica) => {
      // Without updatedAt; a finding's eventIds follow the ledger's arrival
      // order, which differs between the two runs, so they are compared as sets.
      const strip = (items: any[]) =>
        items
          .map(({ updatedAt: _u, ...rest }) =>
            rest.eventIds
              ? { ...rest, eventIds: [...rest.eventIds].sort() }
              : rest,
          )
          .sort((x, y) => String(x.id).localeCompare(String(y.id)));
      const exceptions = [];
      let cursor: string | null = null;
      do {
        const page: any = await getPlugin(
          r,
          `/v1/exceptions?limit=200${
            cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''
          }`,
        );
        expect(page.status).toBe(200);
        exceptions.push(...page.body.items);
        cursor = page.body.nextCursor;
      } while (cursor);
      const findings = await getPlugin(r, '/v1/findings?limit=500');
      return {
        exceptions: strip(exceptions),
        findings: strip(findings.body.items),
      };
    };
    const expected = await lists(reference!);
    expect(await lists(a)).toEqual(expected);
    expect(await lists(b)).toEqual(expected);

    // The reference is not needed any more; its memory is.
    await reference!.stop();
  }, 240_000);

  it('keeps every acknowledged event when the serving replica is SIGKILLed mid-stream, and a resend records nothing twice', async () => {
    const stream = generateStream({
      size: 1500,
      seed: 4242,
      idPrefix: 'crash',
      services,
      from: new Date(Date.now() - 80 * DAY),
      to: new Date(Date.now() - 50 * DAY),
    });
    const ids = stream.map(e => e.id);
    const batches = chunk(stream, 10);
    const [victim, survivor] = cluster;
    const victimPid = victim.pid!;

    // Four senders stream to one replica; once 600 events are acknowledged
    // the replica's process group gets SIGKILL while requests are in flight.
    const acknowledged = new Set<string>();
    const unanswered: V1Event[][] = [];
    const refused: string[] = [];
    let killed = false;
    let next = 0;
    const sender = async () => {
      while (next < batches.length && !killed) {
        const batch = batches[next++];
        try {
          const res = await postEvents(victim, batch);
          if (res.status === 200 || res.status === 201) {
            batch.forEach(e => acknowledged.add(e.id));
          } else {
            refused.push(`${res.status}: ${JSON.stringify(res.body)}`);
          }
        } catch {
          unanswered.push(batch);
        }
        if (!killed && acknowledged.size >= 600) {
          killed = true;
          await victim.kill('SIGKILL');
        }
      }
    };
    await Promise.all([sender(), sender(), sender(), sender()]);

    expect(killed).toBe(true);
    expect(refused).toEqual([]);
    expect(victim.isRunning()).toBe(false);
    expect(() => process.kill(victimPid, 0)).toThrow(); // the node process is gone
    // The other replica keeps serving meanwhile.
    expect((await httpJson('GET', `${survivor.pluginUrl}/health`)).status).toBe(
      200,
    );

    // Everything acknowledged before the kill is in the ledger; batches
    // that got no answer are in it whole or not at all.
    const held = await inLedger(ids);
    expect([...acknowledged].filter(id => !held.has(id))).toEqual([]);
    for (const batch of unanswered) {
      const n = batch.filter(e => held.has(e.id)).length;
      expect([0, batch.length]).toContain(n);
    }

    // eslint-disable-next-line no-console
    console.log(
      `crash: killed after ${acknowledged.size} acknowledged events; ${
        unanswered.length
      } batches unanswered (${
        unanswered.filter(b => held.has(b[0].id)).length
      } of them committed whole before the kill); ${held.size} of ${
        ids.length
      } events in the ledger`,
    );
    await victim.start();
    expect(victim.pid).not.toBe(victimPid);

    // The pipeline resends the whole stream, to either replica.
    const resend = async () => {
      const answers: Array<{ status: number; body: any }> = [];
      await runPool(chunk(stream, 50), 4, async (batch, i) => {
        answers.push(await postEvents(cluster[i % 2], batch));
      });
      expect(failures(answers)).toEqual([]);
      return answers.flatMap(r => r.body.results as EventResult[]);
    };
    const first = await resend();
    expect(
      first.filter(r => r.status === 'recorded' && acknowledged.has(r.id)),
    ).toEqual([]);
    expect(await ledgerCounts(db, 'crash-')).toEqual({
      rows: stream.length,
      distinct: stream.length,
    });
    const before = await snapshotState(db);

    // Once more: nothing is recorded and nothing derived changes.
    const second = await resend();
    expect(second.filter(r => r.status !== 'duplicate')).toEqual([]);
    expect(await ledgerCounts(db, 'crash-')).toEqual({
      rows: stream.length,
      distinct: stream.length,
    });
    expect(await snapshotState(db)).toEqual(before);
  }, 240_000);

  it('with the maintenance task every 3 s on both replicas, marks an exception overdue once and notifies its owner once', async () => {
    const offsets = cluster.map(r => r.logSize());
    const started = new Date();
    // A hotfix without an incident is due 24 h after the deployment: this
    // one 20 s from now. Nobody approved it, so it also has a finding.
    const deployment: V1Event = {
      id: `overdue-${Date.now()}`,
      type: 'deployment.finished',
      occurredAt: new Date(Date.now() - DAY + 20_000).toISOString(),
      entityRef: 'component:default/fraud-scoring',
      data: {
        deploymentId: 'overdue-1',
        environment: 'production',
        outcome: 'succeeded',
        labels: ['hotfix'],
        changeIds: ['pr-overdue-1'],
      },
    };
    const res = await postEvents(cluster[1], [deployment]);
    expect(res.status).toBe(201);
    const [opened] = res.body.results[0].exceptions;
    expect(opened).toEqual(
      expect.objectContaining({ change: 'opened', status: 'open' }),
    );

    // The sweep marks it overdue once the deadline passes…
    const deadline = Date.now() + 90_000;
    let status = 'open';
    while (status !== 'overdue' && Date.now() < deadline) {
      await sleep(1000);
      status = (await getPlugin(cluster[0], `/v1/exceptions/${opened.id}`)).body
        .status;
    }
    expect(status).toBe('overdue');
    // …and four more sweeps find nothing left to do.
    await sleep(4 * 3000 + 2000);

    const logs = cluster.map((r, i) => r.logSince(offsets[i]));
    const sum = (re: RegExp) =>
      logs.reduce(
        (n, log) =>
          n + [...log.matchAll(re)].reduce((m, x) => m + Number(x[1]), 0),
        0,
      );
    // Whichever replica ran each sweep, between them they marked it once.
    expect(sum(/Marked (\d+) exceptions overdue/g)).toBe(1);

    const claims = await db('pe_notifications')
      .where('sent_at', '>=', started)
      .select('subject_id', 'transition');
    expect(
      claims
        .filter(c => c.subject_id === opened.id)
        .map(c => c.transition)
        .sort(),
    ).toEqual(expect.arrayContaining(['opened', 'overdue']));
    expect(
      claims.filter(
        c => c.subject_id === opened.id && c.transition === 'overdue',
      ),
    ).toHaveLength(1);
    // Every claim was sent once, by one replica: the replicas' logs count
    // as many notifications sent as there are claims.
    expect(sum(/Sent (\d+) notifications/g)).toBe(claims.length);

    // The owner (payments-team: jane) has one notification for the
    // exception, now saying it is overdue; the notifications backend keeps
    // one row per user and scope.
    const notifications = databaseClient(
      connection,
      `${clusterPrefix}notifications`,
    );
    try {
      const rows = await notifications('notification')
        .where('scope', `process-exceptions:exception:${opened.id}`)
        .select('user', 'title', 'severity');
      expect(rows).toEqual([
        {
          user: 'user:default/jane',
          title: expect.stringMatching(/^Backfill overdue: /),
          severity: 'critical',
        },
      ]);
    } finally {
      await notifications.destroy();
    }
  }, 180_000);

  it('seals what both replicas recorded into one chain that verifies, each event once', async () => {
    // Both replicas run the maintenance task; one at a time seals.
    const deadline = Date.now() + 90_000;
    let verified = (await getPlugin(cluster[0], '/v1/ledger/verify')).body;
    while (verified.unsealedEvents > 0 && Date.now() < deadline) {
      await sleep(1000);
      verified = (await getPlugin(cluster[1], '/v1/ledger/verify')).body;
    }
    const [{ n }] = await db('pe_events').count({ n: '*' });
    expect(verified).toMatchObject({
      ok: true,
      unsealedEvents: 0,
      sealedEvents: Number(n),
      mismatch: null,
      head: { position: Number(n) },
    });
    const positions = await db('pe_events')
      .countDistinct({ n: 'chain_position' })
      .first();
    expect(Number(positions?.n)).toBe(Number(n));
  }, 120_000);
});
