import http from 'node:http';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { runCli } from './runCli';

const servers: http.Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise(resolve => server.close(resolve));
  }
});

type Seen = {
  method: string;
  path: string;
  query: URLSearchParams;
  authorization?: string;
  body: any;
};

/**
 * A fake of the two endpoints the CLI calls. `answer` decides the response;
 * by default events are recorded and the gate is open.
 */
async function startFakeBackend(
  answer: (req: Seen) => { status: number; body: unknown } | 'reset' = () => ({
    status: 500,
    body: {},
  }),
) {
  const seen: Seen[] = [];
  const server = http.createServer((req, res) => {
    let text = '';
    req.setEncoding('utf8');
    req.on('data', chunk => {
      text += chunk;
    });
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const entry: Seen = {
        method: req.method ?? '',
        path: url.pathname,
        query: url.searchParams,
        authorization: req.headers.authorization,
        body: text ? JSON.parse(text) : undefined,
      };
      seen.push(entry);
      const reply = answer(entry);
      if (reply === 'reset') {
        req.socket.destroy();
        return;
      }
      res.writeHead(reply.status, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(reply.body));
    });
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  servers.push(server);
  const { port } = server.address() as AddressInfo;
  return { seen, url: `http://127.0.0.1:${port}` };
}

async function closedPortUrl(): Promise<string> {
  const server = http.createServer();
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise(resolve => server.close(resolve));
  return `http://127.0.0.1:${port}`;
}

async function run(
  argv: string[],
  env: Record<string, string | undefined> = {},
  stdin?: string,
) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
    env,
    stdin: stdin === undefined ? undefined : Readable.from([stdin]),
  });
  return { code, stdout, stderr };
}

function ingested(events: any[], overrides: Record<string, any> = {}) {
  return {
    status: 201,
    body: {
      results: events.map(e => ({
        id: e.id,
        status: 'recorded',
        unmapped: false,
        entityRef: e.entityRef ?? null,
        exceptions: [],
        findings: [],
        ...overrides[e.id],
      })),
    },
  };
}

const deployFlags = [
  'post-event',
  '--type',
  'deployment.finished',
  '--id',
  'deploy-7731',
  '--entity',
  'component:default/payments-api',
  '--actor',
  'user:default/jane',
  '--data',
  '{"deploymentId":"7731","environment":"production","outcome":"succeeded","labels":["hotfix"]}',
];

describe('runCli', () => {
  it('prints the help with the exit codes', async () => {
    const { code, stdout } = await run(['--help']);
    expect(code).toBe(0);
    expect(stdout).toContain('Usage: process-exceptions <command>');
    expect(stdout).toContain('Exit codes:');
    expect(stdout).toMatch(/1 {2}gate: merge blocked/);
    expect((await run(['gate', '-h'])).code).toBe(0);
  });

  describe('post-event', () => {
    it('posts one event from flags with the URL and token from the environment', async () => {
      const backend = await startFakeBackend(req =>
        ingested(req.body.events, {
          'deploy-7731': {
            exceptions: [
              {
                id: 'exc-1',
                name: 'Hotfix 7731',
                kind: 'hotfix',
                status: 'open',
                change: 'opened',
              },
            ],
            findings: [
              { id: 'fnd-1', rule: 'unrecorded-exception', change: 'opened' },
            ],
          },
        }),
      );
      const before = Date.now();

      const { code, stdout, stderr } = await run(deployFlags, {
        PROCESS_EXCEPTIONS_URL: backend.url,
        PROCESS_EXCEPTIONS_TOKEN: 'env-token',
      });

      expect(stderr).toBe('');
      expect(code).toBe(0);
      expect(stdout).toBe(
        'deploy-7731: recorded for component:default/payments-api; ' +
          'exception opened: hotfix "Hotfix 7731" (exc-1, open); ' +
          'finding opened: unrecorded-exception (fnd-1)\n',
      );
      expect(backend.seen).toHaveLength(1);
      const [request] = backend.seen;
      expect(request.method).toBe('POST');
      expect(request.path).toBe('/api/process-exceptions/v1/events');
      expect(request.authorization).toBe('Bearer env-token');
      const [sent] = request.body.events;
      expect(sent).toEqual({
        id: 'deploy-7731',
        type: 'deployment.finished',
        occurredAt: expect.any(String),
        entityRef: 'component:default/payments-api',
        actor: 'user:default/jane',
        data: {
          deploymentId: '7731',
          environment: 'production',
          outcome: 'succeeded',
          labels: ['hotfix'],
        },
      });
      expect(Date.parse(sent.occurredAt)).toBeGreaterThanOrEqual(before - 1);
      expect(Date.parse(sent.occurredAt)).toBeLessThanOrEqual(Date.now());
    });

    it('lets --url and --token override the environment', async () => {
      const backend = await startFakeBackend(req => ingested(req.body.events));

      const { code } = await run(
        [
          ...deployFlags,
          '--occurred-at',
          '2026-11-23T09:40:00Z',
          '--url',
          `${backend.url}/api/process-exceptions/`,
          '--token',
          'flag-token',
        ],
        {
          PROCESS_EXCEPTIONS_URL: await closedPortUrl(),
          PROCESS_EXCEPTIONS_TOKEN: 'env-token',
        },
      );

      expect(code).toBe(0);
      expect(backend.seen[0].path).toBe('/api/process-exceptions/v1/events');
      expect(backend.seen[0].authorization).toBe('Bearer flag-token');
      expect(backend.seen[0].body.events[0].occurredAt).toBe(
        '2026-11-23T09:40:00Z',
      );
    });

    it('reads --file with {events: [...]} and reports duplicates and unmapped events', async () => {
      const backend = await startFakeBackend(req =>
        ingested(req.body.events, {
          'inc-42-open': { status: 'duplicate' },
          'inc-42-resolved': {
            unmapped: true,
            entityRef: 'component:default/new-service',
          },
        }),
      );
      const dir = await mkdtemp(join(tmpdir(), 'process-exceptions-cli-'));
      const events = [
        {
          id: 'inc-42-open',
          type: 'incident.opened',
          occurredAt: '2026-11-23T09:00:00Z',
          entityRef: 'component:default/payments-api',
          data: { incidentId: 'INC-42', severity: 'P0' },
        },
        {
          id: 'inc-42-resolved',
          type: 'incident.resolved',
          occurredAt: '2026-11-23T10:05:00Z',
          entityRef: 'component:default/new-service',
          data: { incidentId: 'INC-42' },
        },
      ];
      try {
        const file = join(dir, 'events.json');
        await writeFile(file, JSON.stringify({ events }));

        const { code, stdout } = await run([
          'post-event',
          '--file',
          file,
          '--url',
          backend.url,
        ]);

        expect(code).toBe(0);
        expect(backend.seen[0].body).toEqual({ events });
        expect(stdout.split('\n')).toEqual([
          'inc-42-open: duplicate (already in the ledger; nothing changed)',
          'inc-42-resolved: recorded but unmapped: the catalog does not know component:default/new-service yet, so it applies once it does',
          '',
        ]);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    });

    it('reads one envelope from standard input with --file -', async () => {
      const backend = await startFakeBackend(req => ingested(req.body.events));
      const envelope = {
        id: 'story-ST-311-copy',
        type: 'gap.closed',
        occurredAt: '2026-11-23T12:00:00Z',
        entityRef: 'component:default/cart-service',
        data: { storyId: 'ST-311', gapKey: 'copy' },
      };

      const { code, stdout } = await run(
        ['post-event', '--file', '-'],
        { PROCESS_EXCEPTIONS_URL: backend.url },
        JSON.stringify(envelope),
      );

      expect(code).toBe(0);
      expect(backend.seen[0].body).toEqual({ events: [envelope] });
      expect(stdout).toBe(
        'story-ST-311-copy: recorded for component:default/cart-service\n',
      );
    });

    it('exits 2 with the message when the backend rejects the events', async () => {
      const backend = await startFakeBackend(() => ({
        status: 400,
        body: {
          error: {
            name: 'InputError',
            message: 'events[0].data.environment: Required',
          },
        },
      }));

      const { code, stdout, stderr } = await run(deployFlags, {
        PROCESS_EXCEPTIONS_URL: backend.url,
      });

      expect(code).toBe(2);
      expect(stdout).toBe('');
      expect(stderr).toBe(
        'process-exceptions: the backend rejected the request (400 InputError): events[0].data.environment: Required\n',
      );
      expect(backend.seen).toHaveLength(1);
    });

    it('exits 2 and hints at the token on 401', async () => {
      const backend = await startFakeBackend(() => ({
        status: 401,
        body: {
          error: { name: 'AuthenticationError', message: 'Illegal token' },
        },
      }));

      const { code, stderr } = await run(deployFlags, {
        PROCESS_EXCEPTIONS_URL: backend.url,
      });

      expect(code).toBe(2);
      expect(stderr).toContain('(401 AuthenticationError): Illegal token');
      expect(stderr).toContain('check PROCESS_EXCEPTIONS_TOKEN');
    });

    it('exits 3 after retrying 5xx answers', async () => {
      const backend = await startFakeBackend(() => ({
        status: 503,
        body: { error: { name: 'ServiceUnavailable', message: 'db down' } },
      }));

      const { code, stderr } = await run([...deployFlags, '--retries', '1'], {
        PROCESS_EXCEPTIONS_URL: backend.url,
      });

      expect(code).toBe(3);
      expect(stderr).toBe(
        'process-exceptions: the backend failed (503 ServiceUnavailable) after 2 attempts: db down\n',
      );
      expect(backend.seen).toHaveLength(2);
    });

    it('exits 3 when the backend is unreachable', async () => {
      const url = await closedPortUrl();

      const { code, stderr } = await run([...deployFlags, '--retries', '0'], {
        PROCESS_EXCEPTIONS_URL: url,
      });

      expect(code).toBe(3);
      expect(stderr).toContain(
        `process-exceptions: Could not reach ${url}/api/process-exceptions/v1/events after 1 attempt`,
      );
      expect(stderr).toContain('ECONNREFUSED');
    });

    it('exits 3 when every connection is reset', async () => {
      const backend = await startFakeBackend(() => 'reset');

      const { code, stderr } = await run([...deployFlags, '--retries', '1'], {
        PROCESS_EXCEPTIONS_URL: backend.url,
      });

      expect(code).toBe(3);
      expect(stderr).toContain('after 2 attempts');
      expect(backend.seen).toHaveLength(2);
    });
  });

  describe('gate', () => {
    it('exits 0 and prints "merge allowed" when the gate is open', async () => {
      const backend = await startFakeBackend(() => ({
        status: 200,
        body: { allowed: true, blocking: [] },
      }));

      const { code, stdout } = await run(['gate', '--change', 'pr-981'], {
        PROCESS_EXCEPTIONS_URL: backend.url,
        PROCESS_EXCEPTIONS_TOKEN: 'env-token',
      });

      expect(code).toBe(0);
      expect(stdout).toBe(
        'merge allowed: no open readiness gaps for change pr-981\n',
      );
      expect(backend.seen[0].method).toBe('GET');
      expect(backend.seen[0].path).toBe(
        '/api/process-exceptions/v1/gates/merge',
      );
      expect(backend.seen[0].query.get('changeId')).toBe('pr-981');
      expect(backend.seen[0].authorization).toBe('Bearer env-token');
    });

    it('exits 1 and prints the blocking gaps when the gate is closed', async () => {
      const backend = await startFakeBackend(() => ({
        status: 200,
        body: {
          allowed: false,
          blocking: [
            {
              exceptionId: 'exc-9',
              entityRef: 'component:default/cart-service',
              storyId: 'ST-311',
              gapKey: 'copy',
              description: 'Final copy for the empty state',
            },
            {
              exceptionId: 'exc-9',
              entityRef: 'component:default/cart-service',
              storyId: 'ST-311',
              gapKey: 'design',
              description: 'Designs for the saved cart list',
            },
          ],
        },
      }));

      const { code, stdout } = await run(['gate', '--story', 'ST-311'], {
        PROCESS_EXCEPTIONS_URL: backend.url,
      });

      expect(code).toBe(1);
      expect(stdout).toBe(
        [
          'merge blocked: 2 open readiness gaps for story ST-311',
          '  - ST-311 copy: Final copy for the empty state (component:default/cart-service, exception exc-9)',
          '  - ST-311 design: Designs for the saved cart list (component:default/cart-service, exception exc-9)',
          '',
        ].join('\n'),
      );
      expect(backend.seen[0].query.get('storyId')).toBe('ST-311');
    });

    it('exits 3 when the backend is unreachable', async () => {
      const { code } = await run(
        ['gate', '--change', 'pr-1', '--retries', '0'],
        {
          PROCESS_EXCEPTIONS_URL: await closedPortUrl(),
        },
      );
      expect(code).toBe(3);
    });
  });

  describe('usage errors exit 2 without a request', () => {
    it.each([
      [[], 'no command given'],
      [['deploy'], 'unknown command "deploy"'],
      [['gate'], 'gate needs either --change <id> or --story <id>'],
      [['gate', '--change', 'a', '--story', 'b'], 'gate needs either'],
      [['gate', '--change', ''], 'gate needs a non-empty'],
      [
        ['gate', '--change', 'a', '--type', 'x'],
        '--type does not apply to gate',
      ],
      [['gate', '--change'], "Option '--change <value>' argument missing"],
      [['gate', '--chnage', 'a'], "Unknown option '--chnage'"],
      [['trail'], 'trail needs exactly one of --change, --deployment'],
      [
        ['trail', '--change', 'a', '--incident', 'b'],
        'trail needs exactly one',
      ],
      [['trail', '--flag', ''], 'trail needs exactly one'],
      [['trail', '--incident', 'i', '--detach'], '--detach does not apply'],
      [['gate', '--incident', 'i'], '--incident does not apply to gate'],
      [
        ['evidence', '--from', '2026-10-01'],
        'evidence needs --from <day> and --to',
      ],
      [
        ['evidence', '--from', 'a', '--to', 'b', '--format', 'xlsx'],
        '--format must be csv or json',
      ],
      [
        [
          'evidence',
          '--from',
          'a',
          '--to',
          'b',
          '--owner',
          'o',
          '--entity',
          'e',
        ],
        'give --owner or --entity, not both',
      ],
      [['rebuild', '--interval', 'soon'], '--interval must be a number'],
      [['rebuild', '--interval', '0'], 'at least 0.05'],
      [['rebuild', '--id', 'j', '--detach'], '--detach applies to starting'],
      [['rebuild', '--change', 'a'], '--change does not apply to rebuild'],
      [['gate', '--change', 'a', 'extra'], 'unexpected argument "extra"'],
      [
        ['post-event', '--type', 'x'],
        'post-event needs --id, --data (or --file)',
      ],
      [
        ['post-event', '--type', 'deploy', '--id', 'a', '--data', '{}'],
        'Unknown --type "deploy"',
      ],
      [
        ['post-event', '--type', 'gap.closed', '--id', 'a', '--data', '{x}'],
        '--data is not JSON',
      ],
      [
        ['post-event', '--type', 'gap.closed', '--id', 'a', '--data', '[]'],
        '--data must be a JSON object',
      ],
      [
        [
          'post-event',
          '--type',
          'gap.closed',
          '--id',
          'a',
          '--data',
          '{}',
          '--occurred-at',
          'yesterday',
        ],
        '--occurred-at "yesterday" is not an ISO 8601 time',
      ],
      [
        ['post-event', '--file', 'events.json', '--id', 'a'],
        '--file cannot be combined with --id',
      ],
      [
        ['post-event', '--file', '/nonexistent/events.json'],
        'Cannot read --file /nonexistent/events.json',
      ],
      [['gate', '--change', 'a', '--retries', 'many'], '--retries must be'],
      [
        ['gate', '--change', 'a', '--url', 'localhost:7007'],
        'not an http(s) URL',
      ],
    ])('%j', async (argv, message) => {
      const backend = await startFakeBackend();
      const { code, stderr } = await run(argv, {
        PROCESS_EXCEPTIONS_URL: backend.url,
      });
      expect(code).toBe(2);
      expect(stderr).toContain(message);
      expect(stderr).toContain('run "process-exceptions --help" for usage');
      expect(backend.seen).toHaveLength(0);
    });

    it('needs a backend URL', async () => {
      const { code, stderr } = await run(['gate', '--change', 'a'], {
        PROCESS_EXCEPTIONS_URL: '',
      });
      expect(code).toBe(2);
      expect(stderr).toContain(
        'no backend URL: set PROCESS_EXCEPTIONS_URL or pass --url',
      );
    });

    it('rejects standard input that holds no events', async () => {
      const backend = await startFakeBackend();
      const { code, stderr } = await run(
        ['post-event', '--file', '-'],
        { PROCESS_EXCEPTIONS_URL: backend.url },
        '{"events": []}',
      );
      expect(code).toBe(2);
      expect(stderr).toContain('standard input holds no events');
    });
  });
  describe('verify', () => {
    const seal = 'a'.repeat(64);
    const signature = 'b'.repeat(64);
    const verification = (matches: boolean) => ({
      ok: matches,
      sealedEvents: 12,
      unsealedEvents: 0,
      head: {
        position: 12,
        seal,
        signature,
        signedAt: '2026-12-04T10:00:00.000Z',
      },
      mismatch: null,
      against: {
        position: 9,
        matches,
        message: matches
          ? 'Nothing sealed up to position 9 changed'
          : 'The chain at position 9 no longer has the seal',
      },
    });

    async function exportFile(name: string, text: string) {
      const dir = await mkdtemp(join(tmpdir(), 'pe-cli-'));
      const file = join(dir, name);
      await writeFile(file, text);
      return file;
    }

    // A header, the head, then a task row whose quoted cell holds a comma,
    // a quote and a line break.
    const csv = [
      '\uFEFFrecord,exception_id,reason,chain_position,chain_seal,chain_signature\r\n',
      `chain-head,,,9,${seal},${signature}\r\n`,
      'exception,e-1,"rolled back, ""fast""\r\nthen fixed",,,\r\n',
    ].join('');

    it.each([
      ['evidence.csv', csv],
      [
        'evidence.json',
        JSON.stringify(
          {
            chainHeads: [{ position: 9, seal, signature, signedAt: 'x' }],
            exceptions: [],
          },
          null,
          2,
        ),
      ],
    ])("checks the ledger against %s's signed head", async (name, text) => {
      const backend = await startFakeBackend(() => ({
        status: 200,
        body: verification(true),
      }));
      const file = await exportFile(name, text);
      const { code, stdout } = await run(['verify', '--against', file], {
        PROCESS_EXCEPTIONS_URL: backend.url,
      });
      expect(code).toBe(0);
      expect(
        backend.seen.map(r => [r.path, Object.fromEntries(r.query)]),
      ).toEqual([
        [
          '/api/process-exceptions/v1/ledger/verify',
          { position: '9', seal, signature },
        ],
      ]);
      expect(stdout).toContain('ledger verified: 12 sealed events match');
      expect(stdout).toContain(
        'export matches: Nothing sealed up to position 9 changed',
      );
    });

    it('exits with 5 when the export no longer matches', async () => {
      const backend = await startFakeBackend(() => ({
        status: 200,
        body: verification(false),
      }));
      const file = await exportFile('evidence.csv', csv);
      const { code, stdout } = await run(['verify', '--against', file], {
        PROCESS_EXCEPTIONS_URL: backend.url,
      });
      expect(code).toBe(5);
      expect(stdout).toContain('export does NOT match');
    });

    it('refuses an export without a chain head', async () => {
      const backend = await startFakeBackend();
      const file = await exportFile(
        'evidence.csv',
        'record,exception_id,chain_position\r\nexception,e-1,\r\n',
      );
      const { code, stderr } = await run(['verify', '--against', file], {
        PROCESS_EXCEPTIONS_URL: backend.url,
      });
      expect(code).toBe(2);
      expect(stderr).toContain('carries no chain head');
      expect(backend.seen).toHaveLength(0);
    });
  });
});
