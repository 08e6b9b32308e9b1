import { createTestDatabases } from '../__testUtils__/databases';
import { readPolicyFactory } from '../__testUtils__/readPolicy';
import { BASE, event, startApi } from '../__testUtils__/testBackend';
import { mockCredentials } from '@backstage/backend-test-utils';
import request from 'supertest';
import { cliAgainst } from '../__testUtils__/cli';

const databases = createTestDatabases();

const PAYMENTS = 'component:default/payments';
const CHECKOUT = 'component:default/checkout';
const DAY = 24 * 60;

/** RFC 4180 records of a CSV text (quoted cells may hold line breaks). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += c;
  }
  return rows;
}

const hotfix = (
  entity: string,
  id: string,
  minutesAgo: number,
  name?: string,
) =>
  event(
    'deployment.finished',
    {
      deploymentId: id,
      environment: 'production',
      outcome: 'succeeded',
      labels: ['hotfix'],
      changeIds: [`c-${id}`],
      ...(name ? { name } : {}),
    },
    { entity, minutesAgo },
  );

describe.each(databases.eachSupportedId())(
  'the evidence export on %p',
  databaseId => {
    async function seeded(options: Parameters<typeof startApi>[2] = {}) {
      const api = await startApi(databases, databaseId, options);
      await api.post({
        events: [
          hotfix('payments', 'old', 40 * DAY), // before the period
          hotfix(
            'payments',
            'p-1',
            5 * DAY,
            '=HYPERLINK("http://evil.example")',
          ),
          hotfix('checkout', 'c-1', 3 * DAY),
        ],
      });
      const p1 = (
        await api.get(`/v1/exceptions?entityRef=${PAYMENTS}`)
      ).body.items.find((e: any) => e.links.deployment === 'p-1');
      await api.postAsUser(
        `/v1/exceptions/${p1.id}/tasks/qa-scenario/complete`,
        {
          evidenceUrl: 'https://qa.example.com/runs/1',
        },
      );
      return { api, p1 };
    }
    const period = () => {
      const day = (d: number) =>
        new Date(Date.now() - d * 24 * 3600 * 1000).toISOString().slice(0, 10);
      return `from=${day(10)}&to=${day(0)}`;
    };

    it('exports the period as CSV: one row per exception, task and finding, spreadsheet-safe', async () => {
      const { api, p1 } = await seeded();
      const res = await api.get(`/v1/evidence?${period()}`);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(res.headers['content-disposition']).toMatch(
        /^attachment; filename="process-exceptions-evidence-.*\.csv"$/,
      );
      expect(res.text.startsWith('\uFEFF')).toBe(true);
      const [header, ...rows] = parseCsv(res.text.slice(1));
      const col = (name: string) => header.indexOf(name);
      expect(header[0]).toBe('record');
      const of = (record: string) =>
        rows.filter(r => r[col('record')] === record);

      const exceptions = of('exception');
      expect(
        exceptions.map(r => [
          r[col('entity_ref')],
          r[col('owner')],
          r[col('deployment')],
        ]),
      ).toEqual([
        [PAYMENTS, 'group:default/payments-team', 'p-1'],
        [CHECKOUT, 'group:default/checkout-team', 'c-1'],
      ]);
      expect(exceptions[0][col('name')]).toBe(
        '\'=HYPERLINK("http://evil.example")',
      );
      const tasks = of('task').filter(r => r[col('exception_id')] === p1.id);
      expect(tasks.length).toBe(p1.tasks.length);
      const qa = tasks.find(r => r[col('task_key')] === 'qa-scenario')!;
      expect(qa[col('task_done_by')]).toBe('user:default/jane');
      expect(qa[col('task_evidence_url')]).toBe(
        'https://qa.example.com/runs/1',
      );
      // done today, for a hotfix of five days ago: late
      expect(qa[col('task_on_time')]).toBe('false');
      expect(qa[col('task_delivered_by')]).toBe(
        'user:default/jane in the portal',
      );
      expect(
        of('finding').map(r => [r[col('entity_ref')], r[col('finding_rule')]]),
      ).toEqual([
        [PAYMENTS, 'abbreviated-review-below-minimum'],
        [CHECKOUT, 'abbreviated-review-below-minimum'],
      ]);
      expect(res.text).not.toContain('"old"');
      expect(rows.every(r => r.length === header.length)).toBe(true);
    });

    it('exports JSON with the tasks nested, for one team or one service', async () => {
      const { api } = await seeded();
      const res = await api.get(
        `/v1/evidence?${period()}&format=json&owner=group:default/checkout-team`,
      );
      expect(res.status).toBe(200);
      expect(res.body.owner).toBe('group:default/checkout-team');
      expect(res.body.exceptions.map((e: any) => e.entityRef)).toEqual([
        CHECKOUT,
      ]);
      expect(res.body.exceptions[0].tasks[0]).toEqual(
        expect.objectContaining({ onTime: null, deliveredBy: null }),
      );
      expect(res.body.findings.map((f: any) => f.entityRef)).toEqual([
        CHECKOUT,
      ]);
      const one = await api.get(
        `/v1/evidence?${period()}&format=json&entityRef=${PAYMENTS}`,
      );
      expect(one.body.exceptions.map((e: any) => e.links.deployment)).toEqual([
        'p-1',
      ]);
    });

    it('names a bad period, and keeps the organisation-wide export to holders of process-exceptions.read', async () => {
      const { api } = await seeded({
        features: [
          readPolicyFactory({
            readers: { 'user:default/jane': [PAYMENTS] },
            orgReaders: [],
          }),
        ],
      });
      for (const [query, message] of [
        ['from=2026-10-01', /request\/query must have required property 'to'/],
        ['from=yesterday&to=2026-10-01', /query.from: must be a day/],
        ['from=2026-10-02&to=2026-10-01', /query.to: to must be after from/],
      ] as const) {
        const bad = await api.get(`/v1/evidence?${query}`);
        expect(bad.status).toBe(400);
        expect(bad.body.error.message).toMatch(message);
      }
      const org = await api.get(`/v1/evidence?${period()}`);
      expect(org.status).toBe(403);
      expect(org.body.error.message).toMatch(
        /the evidence export needs process-exceptions.read/,
      );
      const own = await api.get(
        `/v1/evidence?${period()}&entityRef=${PAYMENTS}`,
      );
      expect(own.status).toBe(200);
      const other = await request(api.server)
        .get(`${BASE}/v1/evidence?${period()}&entityRef=${CHECKOUT}`)
        .set('Authorization', mockCredentials.user.header('user:default/jane'));
      expect(other.status).toBe(403);
    });

    it('writes the CSV with the CLI: process-exceptions evidence --from --to', async () => {
      const { api } = await seeded();
      const [from, to] = period()
        .split('&')
        .map(p => p.split('=')[1]);
      const { code, stdout } = await cliAgainst(api.server, [
        'evidence',
        '--from',
        from,
        '--to',
        to,
        '--owner',
        'group:default/payments-team',
      ]);
      expect(code).toBe(0);
      const [header, ...rows] = parseCsv(stdout.replace(/^\uFEFF/, ''));
      expect(header.slice(0, 3)).toEqual(['record', 'exception_id', 'kind']);
      const refs = new Set(rows.map(r => r[header.indexOf('entity_ref')]));
      expect(refs).toEqual(new Set([PAYMENTS]));
      expect(rows.filter(r => r[0] === 'exception')).toHaveLength(1);
    });

    it('pages through more exceptions than one page holds, each once', async () => {
      const api = await startApi(databases, databaseId);
      // More than the route's page of 2,000.
      const events = Array.from({ length: 2203 }, (_, i) =>
        hotfix(i % 2 ? 'payments' : 'checkout', `bulk-${i}`, 60 + (i % 7)),
      );
      for (let i = 0; i < events.length; i += 500) {
        await api.post({ events: events.slice(i, i + 500) });
      }
      const res = await api.get(`/v1/evidence?${period()}&format=json`);
      const ids = res.body.exceptions.map((e: any) => e.id);
      expect(ids.length).toBe(2203);
      expect(new Set(ids).size).toBe(2203);
      const opened = res.body.exceptions.map((e: any) => e.openedAt);
      expect([...opened].sort()).toEqual(opened);
    });
  },
);
