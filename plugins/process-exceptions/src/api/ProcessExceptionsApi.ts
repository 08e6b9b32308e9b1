import { createApiRef } from '@backstage/core-plugin-api';
import {
  AcknowledgeFindingResult,
  EntitySummary,
  ExceptionsPage,
  ExceptionTimelineEvent,
  Finding,
  ListExceptionsQuery,
  ListFindingsQuery,
  MaintenanceFailure,
  ProcessException,
  ProcessExceptionDetail,
  RecordExceptionRequest,
  Scorecard,
  ScorecardQuery,
  ScorecardRow,
  Trends,
  TrendWeek,
  EvidenceQuery,
  LedgerVerification,
  Trail,
  TrailEntry,
  TrailQuery,
  UnmappedEvent,
} from '@process-exceptions/backstage-plugin-process-exceptions-common';

/** @public */
export type TimelineEvent = ExceptionTimelineEvent;
/** @public */
export type ListExceptionsRequest = ListExceptionsQuery;
/** @public */
export type ListFindingsRequest = ListFindingsQuery;
/** @public */
export type ExceptionSummary = EntitySummary;
/** @public */
export type GetScorecardRequest = ScorecardQuery;

/** @public */
export interface GetTrendsRequest {
  owner?: string;
  weeks?: number;
}

export type {
  AcknowledgeFindingResult,
  EvidenceQuery,
  LedgerVerification,
  Trail,
  TrailEntry,
  TrailQuery,
  MaintenanceFailure,
  UnmappedEvent,
  ExceptionsPage,
  ProcessExceptionDetail,
  RecordExceptionRequest,
  Scorecard,
  ScorecardRow,
  Trends,
  TrendWeek,
};

/**
 * Reads and acts on the process-exceptions backend.
 *
 * @public
 */
export interface ProcessExceptionsApi {
  listExceptions(request: ListExceptionsRequest): Promise<ExceptionsPage>;
  getException(id: string): Promise<ProcessExceptionDetail>;
  recordException(request: RecordExceptionRequest): Promise<ProcessException>;
  completeTask(request: {
    exceptionId: string;
    taskKey: string;
    evidenceUrl: string;
  }): Promise<ProcessException>;
  listFindings(request: ListFindingsRequest): Promise<{ items: Finding[] }>;
  acknowledgeFinding(request: {
    findingId: string;
    name: string;
    reason: string;
  }): Promise<AcknowledgeFindingResult>;
  getSummary(request: { entityRef: string }): Promise<ExceptionSummary>;
  getScorecard(request: GetScorecardRequest): Promise<Scorecard>;
  getTrends(request: GetTrendsRequest): Promise<Trends>;
  /** The evidence of a period as a file (CSV unless `format` is `json`). */
  downloadEvidence(
    query: EvidenceQuery,
  ): Promise<{ blob: Blob; filename: string }>;
  /** Everything one change, deployment, incident, flag or story touches. */
  getTrail(query: TrailQuery): Promise<Trail>;
  /** Maintenance work waiting for its retry; needs `process-exceptions.read`. */
  listMaintenanceFailures(): Promise<{ items: MaintenanceFailure[] }>;
  /** Events whose service the catalog cannot resolve yet; needs `process-exceptions.read`. */
  listUnmapped(): Promise<{ items: UnmappedEvent[] }>;
  /** Walks the ledger's hash chain; needs `process-exceptions.read`. */
  verifyLedger(): Promise<LedgerVerification>;
}

/**
 * The {@link ProcessExceptionsApi}.
 *
 * @public
 */
export const processExceptionsApiRef = createApiRef<ProcessExceptionsApi>({
  id: 'plugin.process-exceptions.service',
});
