import http from 'node:http';

/** Keeps connections open between requests, as a pipeline's client would. */
const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

export interface JsonResponse<T = any> {
  status: number;
  body: T;
  /** Milliseconds from sending to the last byte. */
  ms: number;
}

/** Closes the kept-alive connections, so nothing holds the process open. */
export function closeConnections(): void {
  agent.destroy();
}

/** Requests sent again after a reused keep-alive connection was reset. */
export const resetRetries = { count: 0 };

/**
 * One HTTP request with a JSON body (loopback servers only). Rejects on
 * network errors, such as a replica that was killed mid-request, and after
 * `timeoutMs`; any status resolves.
 *
 * A request on a reused keep-alive connection that the server closed at the
 * same moment (its keep-alive timeout) fails with ECONNRESET before the
 * server saw it; as Node's documentation advises, such a request is sent
 * again (at most three tries in all). Every other failure is the caller's.
 */
export async function httpJson<T = any>(
  method: string,
  url: string,
  options: {
    token?: string;
    body?: unknown;
    headers?: Record<string, string>;
    timeoutMs?: number;
  } = {},
): Promise<JsonResponse<T>> {
  const started = process.hrtime.bigint();
  const since = () => Number(process.hrtime.bigint() - started) / 1e6;
  // The next idle connection the agent hands out may be closing too.
  for (let tries = 1; ; tries++) {
    try {
      return { ...(await attempt<T>(method, url, options)), ms: since() };
    } catch (error) {
      if (!(error as { retryable?: boolean }).retryable || tries >= 3) {
        throw error;
      }
      resetRetries.count += 1;
    }
  }
}

function attempt<T>(
  method: string,
  url: string,
  options: {
    token?: string;
    body?: unknown;
    headers?: Record<string, string>;
    timeoutMs?: number;
  },
): Promise<JsonResponse<T>> {
  const started = process.hrtime.bigint();
  const payload =
    options.body === undefined ? undefined : JSON.stringify(options.body);
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (payload !== undefined) {
    headers['content-type'] = 'application/json';
    headers['content-length'] = String(Buffer.byteLength(payload));
  }
  return new Promise((resolve, reject) => {
    let answered = false;
    const req = http.request(
      url,
      { method, headers, agent, timeout: options.timeoutMs ?? 60_000 },
      res => {
        answered = true;
        const chunks: Buffer[] = [];
        res.on('data', c => chunks.push(c));
        res.on('error', reject);
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let body: any = text;
          try {
            body = text ? JSON.parse(text) : undefined;
          } catch {
            // not JSON: keep the text
          }
          resolve({
            status: res.statusCode ?? 0,
            body,
            ms: Number(process.hrtime.bigint() - started) / 1e6,
          });
        });
      },
    );
    req.on('timeout', () =>
      req.destroy(new Error(`${method} ${url} timed out`)),
    );
    req.on('error', (error: NodeJS.ErrnoException) => {
      if (!answered && req.reusedSocket && error.code === 'ECONNRESET') {
        Object.assign(error, { retryable: true });
      }
      if (req.reusedSocket) error.message += ' (on a reused connection)';
      reject(error);
    });
    req.end(payload);
  });
}

/** Waits until `url` answers 200, or fails after `timeoutMs`. */
export async function waitFor200(
  url: string,
  timeoutMs: number,
  options: { token?: string; isAlive?: () => boolean } = {},
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer';
  while (Date.now() < deadline) {
    if (options.isAlive && !options.isAlive()) {
      throw new Error(
        `the process serving ${url} exited or its startup failed`,
      );
    }
    try {
      const res = await httpJson('GET', url, {
        token: options.token,
        timeoutMs: 5_000,
      });
      if (res.status === 200) return;
      last = `status ${res.status}`;
    } catch (error) {
      last = String(error);
    }
    await new Promise(r => setTimeout(r, 500));
  }
  throw new Error(
    `${url} did not answer 200 within ${timeoutMs / 1000}s (${last})`,
  );
}
