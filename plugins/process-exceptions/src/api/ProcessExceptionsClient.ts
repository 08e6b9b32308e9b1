import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  Finding,
  LedgerVerification,
  ProcessException,
} from '@process-exceptions/backstage-plugin-process-exceptions-common';
import {
  AcknowledgeFindingResult,
  ExceptionSummary,
  ExceptionsPage,
  GetScorecardRequest,
  GetTrendsRequest,
  ListExceptionsRequest,
  MaintenanceFailure,
  ListFindingsRequest,
  ProcessExceptionDetail,
  ProcessExceptionsApi,
  RecordExceptionRequest,
  Scorecard,
  EvidenceQuery,
  Trail,
  TrailQuery,
  Trends,
  UnmappedEvent,
} from './ProcessExceptionsApi';

type Query = Record<string, string | number | boolean | undefined>;

/**
 * Talks to the process-exceptions backend over HTTP.
 *
 * @public
 */
export class ProcessExceptionsClient implements ProcessExceptionsApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
  }

  listExceptions(request: ListExceptionsRequest): Promise<ExceptionsPage> {
    return this.request('/v1/exceptions', { query: { ...request } });
  }

  getException(id: string): Promise<ProcessExceptionDetail> {
    return this.request(`/v1/exceptions/${encodeURIComponent(id)}`);
  }

  recordException(request: RecordExceptionRequest): Promise<ProcessException> {
    return this.request('/v1/exceptions', { method: 'POST', body: request });
  }

  completeTask(request: {
    exceptionId: string;
    taskKey: string;
    evidenceUrl: string;
  }): Promise<ProcessException> {
    const id = encodeURIComponent(request.exceptionId);
    const key = encodeURIComponent(request.taskKey);
    return this.request(`/v1/exceptions/${id}/tasks/${key}/complete`, {
      method: 'POST',
      body: { evidenceUrl: request.evidenceUrl },
    });
  }

  listFindings(request: ListFindingsRequest): Promise<{ items: Finding[] }> {
    return this.request('/v1/findings', { query: { ...request } });
  }

  acknowledgeFinding(request: {
    findingId: string;
    name: string;
    reason: string;
  }): Promise<AcknowledgeFindingResult> {
    const id = encodeURIComponent(request.findingId);
    return this.request(`/v1/findings/${id}/acknowledge`, {
      method: 'POST',
      body: { name: request.name, reason: request.reason },
    });
  }

  getSummary(request: { entityRef: string }): Promise<ExceptionSummary> {
    return this.request('/v1/summary', { query: { ...request } });
  }

  getScorecard(request: GetScorecardRequest): Promise<Scorecard> {
    return this.request('/v1/scorecard', { query: { ...request } });
  }

  getTrends(request: GetTrendsRequest): Promise<Trends> {
    return this.request('/v1/trends', { query: { ...request } });
  }

  getTrail(query: TrailQuery): Promise<Trail> {
    return this.request('/v1/trail', { query: { ...query } });
  }

  listMaintenanceFailures(): Promise<{ items: MaintenanceFailure[] }> {
    return this.request('/v1/maintenance/failures');
  }

  listUnmapped(): Promise<{ items: UnmappedEvent[] }> {
    return this.request('/v1/unmapped');
  }

  verifyLedger(): Promise<LedgerVerification> {
    return this.request('/v1/ledger/verify');
  }

  async downloadEvidence(
    query: EvidenceQuery,
  ): Promise<{ blob: Blob; filename: string }> {
    const response = await this.send('/v1/evidence', { query: { ...query } });
    // The backend's own name, when CORS lets the portal read it.
    const disposition = response.headers.get('Content-Disposition') ?? '';
    const filename =
      /filename="([^"]+)"/.exec(disposition)?.[1] ??
      `process-exceptions-evidence-${query.from}-${query.to}.${
        query.format ?? 'csv'
      }`;
    return { blob: await response.blob(), filename };
  }

  private async request<T>(
    path: string,
    options: { method?: 'GET' | 'POST'; query?: Query; body?: unknown } = {},
  ): Promise<T> {
    return (await (await this.send(path, options)).json()) as T;
  }

  private async send(
    path: string,
    options: { method?: 'GET' | 'POST'; query?: Query; body?: unknown } = {},
  ): Promise<Response> {
    const baseUrl = await this.discoveryApi.getBaseUrl('process-exceptions');
    const params = new URLSearchParams();
    for (const [name, value] of Object.entries(options.query ?? {})) {
      if (value !== undefined && value !== '') params.set(name, String(value));
    }
    const search = params.toString();
    const response = await this.fetchApi.fetch(
      `${baseUrl}${path}${search ? `?${search}` : ''}`,
      {
        method: options.method ?? 'GET',
        ...(options.body !== undefined && {
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify(options.body),
        }),
      },
    );
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return response;
  }
}
