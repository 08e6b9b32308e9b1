import { EventEnvelope } from '../events';
import { ProcessExceptionsApiError } from './ProcessExceptionsApiError';
import { ProcessExceptionsNetworkError } from './ProcessExceptionsNetworkError';
import { ProcessExceptionsClientOptions } from './types';
import {
  EntitySummary,
  ExceptionsPage,
  FindingsList,
  IngestResponse,
  ListExceptionsQuery,
  ListFindingsQuery,
  MergeGate,
  MergeGateQuery,
  ProcessExceptionDetail,
  RebuildJob,
  Scorecard,
  ScorecardQuery,
  EvidenceQuery,
  LedgerVerification,
  Trail,
  TrailQuery,
  VerifyLedgerQuery,
} from '../api';

/** The backend rejects requests with more events than this. */
const MAX_EVENTS_PER_REQUEST = 500;
/** The backend's body limit is 1 MiB; stay below it with room for the wrapper. */
const MAX_BYTES_PER_REQUEST = 1000 * 1000;

type Query = Record<string, string | number | boolean | undefined>;

/**
 * A typed HTTP client of the process-exceptions backend, for pipelines, Node
 * scripts and other backend plugins. It needs nothing but `fetch`.
 *
 * Retries 5xx answers and network errors with exponential backoff, which is
 * safe for posting events because the backend ignores an event id it has
 * already recorded. A 4xx is never retried.
 *
 * @public
 */
export class ProcessExceptionsClient {
  private readonly baseUrl: string;
  private readonly token?: string;
  private readonly getToken?: () => Promise<string | undefined>;
  private readonly fetchImpl: typeof fetch;
  private readonly retries: number;
  private readonly retryDelayMs: number;

  constructor(options: ProcessExceptionsClientOptions) {
    // Fail here rather than on every (retried) request.
    this.baseUrl = new URL(options.baseUrl).href.replace(/\/+$/, '');
    this.token = options.token;
    this.getToken = options.getToken;
    // Looked up lazily, so a global fetch replaced later (e.g. by MSW) is used.
    this.fetchImpl = options.fetch ?? ((input, init) => fetch(input, init));
    this.retries = Math.max(0, options.retries ?? 3);
    this.retryDelayMs = Math.max(0, options.retryDelayMs ?? 250);
  }

  /**
   * Records events in the ledger. More than the backend takes in one request
   * are sent in several, one after the other; if one of them fails, the
   * earlier ones stay recorded, and sending everything again is safe.
   */
  async postEvents(
    events: EventEnvelope | EventEnvelope[],
  ): Promise<IngestResponse> {
    const all = Array.isArray(events) ? events : [events];
    const results: IngestResponse['results'] = [];
    const batches = splitIntoBatches(all);
    for (const batch of batches) {
      try {
        const response = await this.request<IngestResponse>('/v1/events', {
          method: 'POST',
          body: { events: batch.events },
        });
        results.push(...response.results);
      } catch (error) {
        // The backend names failing events by their index in the request,
        // which is not their index in what the caller passed.
        if (batches.length > 1 && error instanceof ProcessExceptionsApiError) {
          error.message = `In the batch of events ${batch.start} to ${
            batch.start + batch.events.length - 1
          }: ${error.message}`;
        }
        throw error;
      }
    }
    return { results };
  }

  /** Everything one change, deployment, incident, flag or story touches. */
  getTrail(query: TrailQuery): Promise<Trail> {
    return this.request('/v1/trail', { query: { ...query } });
  }

  /**
   * Walks the ledger's hash chain; with a head from an earlier export, also
   * checks that nothing sealed before it changed.
   */
  verifyLedger(against?: VerifyLedgerQuery): Promise<LedgerVerification> {
    return this.request('/v1/ledger/verify', { query: { ...against } });
  }

  /** Whether a change, or the changes of a story, may merge. */
  getMergeGate(query: MergeGateQuery): Promise<MergeGate> {
    return this.request('/v1/gates/merge', { query: { ...query } });
  }

  /** Exceptions, newest first; pass `nextCursor` as `cursor` to page on. */
  listExceptions(query: ListExceptionsQuery = {}): Promise<ExceptionsPage> {
    return this.request('/v1/exceptions', { query: { ...query } });
  }

  /** One exception with its tasks and the ledger events behind it. */
  getException(id: string): Promise<ProcessExceptionDetail> {
    return this.request(`/v1/exceptions/${encodeURIComponent(id)}`);
  }

  /** Findings, newest first; pass `nextCursor` as `cursor` to page on. */
  listFindings(query: ListFindingsQuery = {}): Promise<FindingsList> {
    return this.request('/v1/findings', { query: { ...query } });
  }

  /** Owners or entities ranked worst first. */
  getScorecard(query: ScorecardQuery = {}): Promise<Scorecard> {
    return this.request('/v1/scorecard', { query: { ...query } });
  }

  /** One entity's open, overdue and backfilled counts. */
  getSummary(entityRef: string): Promise<EntitySummary> {
    return this.request('/v1/summary', { query: { entityRef } });
  }

  /**
   * Starts re-deriving every service (or those named) from its ledger, or
   * answers the rebuild already running. Needs the
   * `process-exceptions.rebuild` permission.
   */
  startRebuild(options: { entityRefs?: string[] } = {}): Promise<RebuildJob> {
    return this.request('/v1/admin/rebuilds', {
      method: 'POST',
      body: options,
    });
  }

  /** One rebuild job and its progress. */
  getRebuild(id: string): Promise<RebuildJob> {
    return this.request(`/v1/admin/rebuilds/${encodeURIComponent(id)}`);
  }

  /**
   * The evidence of a period, as the backend streams it (CSV unless
   * `format` is `json`): the body is read by the caller, chunk by chunk.
   */
  async downloadEvidence(
    query: EvidenceQuery,
  ): Promise<AsyncIterable<Uint8Array>> {
    const { response } = await this.send('/v1/evidence', {
      query: { ...query },
      accept: query.format === 'json' ? 'application/json' : 'text/csv',
    });
    return response.body as unknown as AsyncIterable<Uint8Array>;
  }

  private async request<T>(
    path: string,
    options: { method?: 'GET' | 'POST'; query?: Query; body?: unknown } = {},
  ): Promise<T> {
    const { response, url, attempt } = await this.send(path, options);
    return (await readJson(response, url, attempt)) as T;
  }

  /** One request with the retries; answers the first 2xx response. */
  private async send(
    path: string,
    options: {
      method?: 'GET' | 'POST';
      query?: Query;
      body?: unknown;
      accept?: string;
    } = {},
  ): Promise<{ response: Response; url: string; attempt: number }> {
    const url = this.urlFor(path, options.query);
    const body =
      options.body === undefined ? undefined : JSON.stringify(options.body);

    for (let attempt = 1; ; attempt++) {
      const headers: Record<string, string> = {
        Accept: options.accept ?? 'application/json',
      };
      if (body !== undefined) headers['Content-Type'] = 'application/json';
      const token = this.getToken ? await this.getToken() : this.token;
      if (token) headers.Authorization = `Bearer ${token}`;

      let response: Response;
      try {
        response = await this.fetchImpl(url, {
          method: options.method ?? 'GET',
          headers,
          body,
        });
      } catch (error) {
        if (attempt > this.retries) {
          throw new ProcessExceptionsNetworkError({
            url,
            attempts: attempt,
            cause: error,
          });
        }
        await this.backOff(attempt);
        continue;
      }

      if (response.ok) return { response, url, attempt };
      if (response.status >= 500 && attempt <= this.retries) {
        // Free the connection before trying again.
        await response.arrayBuffer().catch(() => undefined);
        await this.backOff(attempt);
        continue;
      }
      throw await ProcessExceptionsApiError.fromResponse(
        response,
        url,
        attempt,
      );
    }
  }

  private urlFor(path: string, query: Query = {}): string {
    const params = new URLSearchParams();
    for (const [name, value] of Object.entries(query)) {
      if (value !== undefined && value !== '') params.set(name, String(value));
    }
    const search = params.toString();
    return `${this.baseUrl}${path}${search ? `?${search}` : ''}`;
  }

  private backOff(attempt: number): Promise<void> {
    const delay = this.retryDelayMs * 2 ** (attempt - 1);
    return new Promise(resolve => setTimeout(resolve, delay));
  }
}

async function readJson(
  response: Response,
  url: string,
  attempts: number,
): Promise<unknown> {
  const text = await response.text();
  try {
    return JSON.parse(text);
  } catch {
    // Usually a proxy's HTML page in front of a misconfigured base URL.
    throw new ProcessExceptionsApiError({
      status: response.status,
      name: 'InvalidResponseError',
      message: `Expected JSON from ${url} but got: ${text.slice(0, 100)}`,
      url,
      attempts,
    });
  }
}

/** Consecutive slices within both the backend's event count and body size limits. */
function splitIntoBatches(
  events: EventEnvelope[],
): Array<{ start: number; events: EventEnvelope[] }> {
  const encoder = new TextEncoder();
  const batches: Array<{ start: number; events: EventEnvelope[] }> = [];
  let current: EventEnvelope[] = [];
  let start = 0;
  let bytes = 0;
  events.forEach((event, index) => {
    const size = encoder.encode(JSON.stringify(event)).length + 1;
    if (
      current.length > 0 &&
      (current.length >= MAX_EVENTS_PER_REQUEST ||
        bytes + size > MAX_BYTES_PER_REQUEST)
    ) {
      batches.push({ start, events: current });
      current = [];
      start = index;
      bytes = 0;
    }
    current.push(event);
    bytes += size;
  });
  if (current.length > 0) batches.push({ start, events: current });
  return batches;
}
