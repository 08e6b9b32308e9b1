import { createApiRef } from '@backstage/core-plugin-api';
import {
  ExceptionKind,
  ExceptionLinks,
  ExceptionStatus,
  Finding,
  ProcessException,
} from '@process-exceptions/backstage-plugin-process-exceptions-common';

/**
 * One ledger event behind an exception.
 *
 * @public
 */
export interface TimelineEvent {
  id: string;
  source: string;
  type: string;
  actor: string | null;
  occurredAt: string;
  receivedAt: string;
  data: unknown;
}

/**
 * An exception with the timeline of ledger events that caused and closed it.
 *
 * @public
 */
export type ProcessExceptionDetail = ProcessException & {
  timeline: TimelineEvent[];
};

/** @public */
export interface ListExceptionsRequest {
  entityRef?: string;
  status?: ExceptionStatus;
  kind?: ExceptionKind;
  /** 1 to 200. */
  limit?: number;
  /** The `nextCursor` of the previous page. */
  cursor?: string;
}

/** @public */
export interface ExceptionsPage {
  items: ProcessException[];
  nextCursor: string | null;
}

/** @public */
export interface RecordExceptionRequest {
  entityRef: string;
  kind: ExceptionKind;
  name: string;
  reason: string;
  links?: ExceptionLinks;
  /** Required for partial readiness: the named gaps. */
  gaps?: Array<{ key: string; description: string }>;
}

/** @public */
export interface ListFindingsRequest {
  entityRef?: string;
  acknowledged?: boolean;
  limit?: number;
}

/** @public */
export interface AcknowledgeFindingResult {
  finding: Finding;
  exception?: ProcessException;
}

/**
 * The summary strip of one entity; backfilled counts cover the last 90 days.
 *
 * @public
 */
export interface ExceptionSummary {
  open: number;
  overdue: number;
  backfilledOnTime: number;
  backfilledLate: number;
  unacknowledgedFindings: number;
  since: string;
}

/** @public */
export interface ScorecardRow {
  /** The owner ref (groupBy owner) or the entity ref (groupBy entity). */
  key: string;
  owner: string;
  entityRefs: string[];
  open: number;
  overdue: number;
  backfilledOnTime: number;
  backfilledLate: number;
  onTimeRate: number | null;
  medianHoursToBackfill: number | null;
  unacknowledgedFindings: number;
}

/** @public */
export interface GetScorecardRequest {
  groupBy?: 'owner' | 'entity';
  owner?: string;
  /** e.g. `90d` */
  window?: string;
}

/** @public */
export interface Scorecard {
  groupBy: string;
  window: string;
  since: string;
  /** Worst first. */
  items: ScorecardRow[];
}

/** @public */
export interface TrendWeek {
  weekStart: string;
  opened: Record<ExceptionKind, number>;
  backfilledOnTime: number;
  backfilledLate: number;
  onTimeRate: number | null;
}

/** @public */
export interface GetTrendsRequest {
  owner?: string;
  weeks?: number;
}

/** @public */
export interface Trends {
  /** Oldest first. */
  weeks: TrendWeek[];
}

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
}

/**
 * The {@link ProcessExceptionsApi}.
 *
 * @public
 */
export const processExceptionsApiRef = createApiRef<ProcessExceptionsApi>({
  id: 'plugin.process-exceptions.service',
});
