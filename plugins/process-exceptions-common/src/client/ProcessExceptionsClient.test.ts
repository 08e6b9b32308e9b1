/**
 * @jest-environment node
 */
// A real HTTP server, not a fetch mock: the retries must cope with what
// Node's fetch actually does on 5xx answers, refused and reset connections.
import http from 'node:http';
import { AddressInfo } from 'node:net';
import { EventEnvelope } from '../events';
import { ProcessExceptionsApiError } from './ProcessExceptionsApiError';
import { ProcessExceptionsClient } from './ProcessExceptionsClient';
import { ProcessExceptionsNetworkError } from './ProcessExceptionsNetworkError';

type Seen = {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: any;
};
type Handler = (
  req: Seen,
  res: http.ServerResponse,
  raw: http.IncomingMessage,
) => void;

const servers: http.Server[] = [];

async function startServer(handler: Handler) {
  const seen: Seen[] = [];
  const server = http.createServer((req, res) => {
    let text = '';
    req.setEncoding('utf8');
    req.on('data', chunk => {
      text += chunk;
    });
    req.on('end', () => {
      const entry = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: text ? JSON.parse(text) : undefined,
      };
      seen.push(entry);
      handler(entry, res, req);
    });
  });
  servers.push(server);
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { seen, baseUrl: `http://127.0.0.1:${port}/api/process-exceptions` };
}

/** A port nothing listens on: bind one, then let it go. */
async function closedPort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise(resolve => server.close(resolve));
  return port;
}

function json(res: http.ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(body));
}

function event(id: string): EventEnvelope {
  return {
    id,
    type: 'gap.closed',
    occurredAt: '2026-11-23T12:00:00Z',
    entityRef: 'component:default/cart-service',
    data: { storyId: 'ST-311', gapKey: 'copy' },
  };
}

function recorded(id: string) {
  return {
    id,
    status: 'recorded',
    unmapped: false,
    entityRef: 'component:default/cart-service',
    exceptions: [],
    findings: [],
  };
}

afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise(resolve => server.close(resolve));
  }
});

describe('ProcessExceptionsClient', () => {
  it('retries 5xx answers and then succeeds', async () => {
    let failures = 2;
    const { seen, baseUrl } = await startServer((req, res) => {
      if (failures-- > 0) {
        json(res, 503, {
          error: { name: 'ServiceUnavailable', message: 'starting' },
        });
        return;
      }
      json(res, 201, {
        results: req.body.events.map((e: any) => recorded(e.id)),
      });
    });
    const client = new ProcessExceptionsClient({
      baseUrl,
      token: 'pipeline-token',
      retryDelayMs: 1,
    });

    const response = await client.postEvents(event('deploy-7731'));

    expect(response.results).toEqual([recorded('deploy-7731')]);
    expect(seen).toHaveLength(3);
    for (const request of seen) {
      expect(request.method).toBe('POST');
      expect(request.url).toBe('/api/process-exceptions/v1/events');
      expect(request.headers.authorization).toBe('Bearer pipeline-token');
      expect(request.headers['content-type']).toBe('application/json');
      expect(request.body).toEqual({ events: [event('deploy-7731')] });
    }
  });

  it('gives up on 5xx answers after the retries', async () => {
    const { seen, baseUrl } = await startServer((_req, res) => {
      json(res, 502, { error: { name: 'BadGateway', message: 'upstream' } });
    });
    const client = new ProcessExceptionsClient({
      baseUrl,
      retries: 2,
      retryDelayMs: 1,
    });

    const error = await client.getMergeGate({ changeId: 'pr-1' }).catch(e => e);

    expect(error).toBeInstanceOf(ProcessExceptionsApiError);
    expect(error).toMatchObject({
      status: 502,
      name: 'BadGateway',
      message: 'upstream',
      attempts: 3,
    });
    expect(seen).toHaveLength(3);
  });

  it('never retries a 4xx and reports the error body', async () => {
    const { seen, baseUrl } = await startServer((_req, res) => {
      json(res, 400, {
        error: {
          name: 'InputError',
          message: 'events[0].data.changeId: Required',
        },
      });
    });
    const client = new ProcessExceptionsClient({ baseUrl, retryDelayMs: 1 });

    const error = await client.postEvents([event('a')]).catch(e => e);

    expect(error).toBeInstanceOf(ProcessExceptionsApiError);
    expect(error.status).toBe(400);
    expect(error.name).toBe('InputError');
    expect(error.message).toBe('events[0].data.changeId: Required');
    expect(error.attempts).toBe(1);
    expect(seen).toHaveLength(1);
  });

  it('falls back to the status text when the error body is not JSON', async () => {
    const { baseUrl } = await startServer((_req, res) => {
      res.writeHead(404, { 'Content-Type': 'text/html' });
      res.end('<h1>Not here</h1>');
    });
    const client = new ProcessExceptionsClient({ baseUrl });

    await expect(client.getException('nope')).rejects.toMatchObject({
      status: 404,
      name: 'ResponseError',
      message: 'Not Found',
    });
  });

  it('gives up on a closed port after the retries with a clear error', async () => {
    const port = await closedPort();
    let calls = 0;
    const client = new ProcessExceptionsClient({
      baseUrl: `http://127.0.0.1:${port}/api/process-exceptions`,
      retries: 2,
      retryDelayMs: 1,
      fetch: (input, init) => {
        calls++;
        return fetch(input, init);
      },
    });

    const error = await client.getSummary('component:default/a').catch(e => e);

    expect(error).toBeInstanceOf(ProcessExceptionsNetworkError);
    expect(error.attempts).toBe(3);
    expect(error.message).toContain(
      `Could not reach http://127.0.0.1:${port}/api/process-exceptions/v1/summary`,
    );
    expect(error.message).toContain('after 3 attempts');
    expect(error.message).toContain('ECONNREFUSED');
    expect(calls).toBe(3);
  });

  it('retries reset connections', async () => {
    let resets = 1;
    const { seen, baseUrl } = await startServer((_req, res, raw) => {
      if (resets-- > 0) {
        raw.socket.destroy();
        return;
      }
      json(res, 200, { allowed: true, blocking: [] });
    });
    const client = new ProcessExceptionsClient({ baseUrl, retryDelayMs: 1 });

    await expect(client.getMergeGate({ storyId: 'ST-311' })).resolves.toEqual({
      allowed: true,
      blocking: [],
    });
    expect(seen).toHaveLength(2);
  });

  it('gives up when every connection is reset', async () => {
    const { seen, baseUrl } = await startServer((_req, _res, raw) => {
      raw.socket.destroy();
    });
    const client = new ProcessExceptionsClient({
      baseUrl,
      retries: 1,
      retryDelayMs: 1,
    });

    const error = await client.listFindings().catch(e => e);

    expect(error).toBeInstanceOf(ProcessExceptionsNetworkError);
    expect(error.message).toContain('after 2 attempts');
    expect(seen).toHaveLength(2);
  });

  it('splits 1,200 events into requests of at most 500', async () => {
    const { seen, baseUrl } = await startServer((req, res) => {
      json(res, 201, {
        results: req.body.events.map((e: any) => recorded(e.id)),
      });
    });
    const client = new ProcessExceptionsClient({ baseUrl });
    const events = Array.from({ length: 1200 }, (_, i) => event(`e-${i}`));

    const response = await client.postEvents(events);

    expect(seen.map(r => r.body.events.length)).toEqual([500, 500, 200]);
    expect(seen[1].body.events[0].id).toBe('e-500');
    expect(response.results.map(r => r.id)).toEqual(events.map(e => e.id));
  });

  it('splits batches that would exceed the body size limit', async () => {
    const { seen, baseUrl } = await startServer((req, res) => {
      json(res, 201, {
        results: req.body.events.map((e: any) => recorded(e.id)),
      });
    });
    const client = new ProcessExceptionsClient({ baseUrl });
    const big = 'x'.repeat(300_000);
    const events: EventEnvelope[] = Array.from({ length: 5 }, (_, i) => ({
      id: `big-${i}`,
      type: 'gap.closed',
      occurredAt: '2026-11-23T12:00:00Z',
      data: { storyId: 'ST-1', gapKey: 'copy', evidenceUrl: big },
    }));

    await client.postEvents(events);

    expect(seen.map(r => r.body.events.length)).toEqual([3, 2]);
  });

  it('names the batch when a later batch is rejected', async () => {
    let requests = 0;
    const { baseUrl } = await startServer((req, res) => {
      if (requests++ === 1) {
        json(res, 400, {
          error: { name: 'InputError', message: 'events[3].id: Required' },
        });
        return;
      }
      json(res, 201, {
        results: req.body.events.map((e: any) => recorded(e.id)),
      });
    });
    const client = new ProcessExceptionsClient({ baseUrl });
    const events = Array.from({ length: 600 }, (_, i) => event(`e-${i}`));

    await expect(client.postEvents(events)).rejects.toThrow(
      'In the batch of events 500 to 599: events[3].id: Required',
    );
  });

  it('sends nothing for no events', async () => {
    const { seen, baseUrl } = await startServer((_req, res) => {
      json(res, 500, {});
    });
    const client = new ProcessExceptionsClient({ baseUrl });

    await expect(client.postEvents([])).resolves.toEqual({ results: [] });
    expect(seen).toHaveLength(0);
  });

  it('encodes path parts and queries and asks for a token on every attempt', async () => {
    let failures = 1;
    const { seen, baseUrl } = await startServer((_req, res) => {
      if (failures-- > 0) {
        res.writeHead(500);
        res.end();
        return;
      }
      json(res, 200, { items: [], nextCursor: null });
    });
    let tokens = 0;
    const client = new ProcessExceptionsClient({
      baseUrl: `${baseUrl}/`,
      retryDelayMs: 1,
      getToken: async () => `token-${++tokens}`,
    });

    await client.listExceptions({
      entityRef: 'component:default/payments-api',
      status: 'overdue',
      limit: 10,
      cursor: undefined,
    });
    await client.getException('a/b c');
    await client.listFindings({ acknowledged: false });
    await client.getScorecard({ groupBy: 'owner', window: '30d' });

    expect(seen.map(r => r.url)).toEqual([
      '/api/process-exceptions/v1/exceptions?entityRef=component%3Adefault%2Fpayments-api&status=overdue&limit=10',
      '/api/process-exceptions/v1/exceptions?entityRef=component%3Adefault%2Fpayments-api&status=overdue&limit=10',
      '/api/process-exceptions/v1/exceptions/a%2Fb%20c',
      '/api/process-exceptions/v1/findings?acknowledged=false',
      '/api/process-exceptions/v1/scorecard?groupBy=owner&window=30d',
    ]);
    expect(seen.map(r => r.headers.authorization)).toEqual([
      'Bearer token-1',
      'Bearer token-2',
      'Bearer token-3',
      'Bearer token-4',
      'Bearer token-5',
    ]);
  });

  it('rejects a base URL that is not a URL', () => {
    expect(() => new ProcessExceptionsClient({ baseUrl: 'nope' })).toThrow();
  });
});
