import {
  ExceptionKind,
  ExceptionStatus,
  Finding,
  FindingRule,
  ProcessException,
} from '../types';

/**
 * Options of {@link ProcessExceptionsClient}.
 *
 * @public
 */
export interface ProcessExceptionsClientOptions {
  /**
   * The plugin's base URL, e.g. `http://localhost:7007/api/process-exceptions`
   * or, in a backend plugin, `await discovery.getBaseUrl('process-exceptions')`.
   */
  baseUrl: string;
  /** A static token sent as `Authorization: Bearer …`. */
  token?: string;
  /**
   * Called before every attempt, so short-lived tokens (e.g. from
   * `auth.getPluginRequestToken`) are fresh; wins over `token`.
   */
  getToken?: () => Promise<string | undefined>;
  /** Defaults to the global `fetch`. */
  fetch?: typeof fetch;
  /** Further attempts after the first on a 5xx or network error; default 3. */
  retries?: number;
  /** Delay before the first retry, doubled for each further one; default 250. */
  retryDelayMs?: number;
}

/**
 * What one posted event did.
 *
 * @public
 */
export interface IngestResult {
  id: string;
  /** `duplicate` when the event id was already in the ledger: nothing changed. */
  status: 'recorded' | 'duplicate';
  /** True while the catalog does not know the event's entity. */
  unmapped: boolean;
  entityRef: string | null;
  exceptions: Array<{
    id: string;
    name: string;
    kind: ExceptionKind;
    status: ExceptionStatus;
    change: 'opened' | 'updated';
  }>;
  findings: Array<{
    id: string;
    rule: FindingRule;
    change: 'opened' | 'updated';
  }>;
}

/** @public */
export interface IngestResponse {
  /** One per posted event, in the order they were posted. */
  results: IngestResult[];
}

/**
 * Ask about one change, or about every change of one story.
 *
 * @public
 */
export type MergeGateQuery = { changeId: string } | { storyId: string };

/**
 * An open readiness gap that keeps the merge gate closed.
 *
 * @public
 */
export interface MergeGateBlocker {
  exceptionId: string;
  entityRef: string;
  storyId: string | null;
  gapKey: string;
  description: string;
}

/** @public */
export interface MergeGate {
  allowed: boolean;
  blocking: MergeGateBlocker[];
}

/** @public */
export interface ListExceptionsQuery {
  entityRef?: string;
  status?: ExceptionStatus;
  kind?: ExceptionKind;
  /** 1 to 200, default 50. */
  limit?: number;
  /** The `nextCursor` of the previous page. */
  cursor?: string;
}

/** @public */
export interface ExceptionsPage {
  items: ProcessException[];
  /** Null on the last page. */
  nextCursor: string | null;
}

/**
 * One ledger event behind an exception.
 *
 * @public
 */
export interface ExceptionTimelineEvent {
  id: string;
  source: string;
  type: string;
  actor: string | null;
  occurredAt: string;
  receivedAt: string;
  data: unknown;
}

/** @public */
export type ProcessExceptionDetail = ProcessException & {
  timeline: ExceptionTimelineEvent[];
};

/** @public */
export interface ListFindingsQuery {
  entityRef?: string;
  acknowledged?: boolean;
  /** 1 to 500, default 100. */
  limit?: number;
}

/** @public */
export interface FindingsList {
  /** Newest first. */
  items: Finding[];
}

/** @public */
export interface ScorecardQuery {
  groupBy?: 'owner' | 'entity';
  /** Only this owner's entities, e.g. `group:default/payments-team`. */
  owner?: string;
  /** Days the backfilled counts cover, e.g. `90d` (the default). */
  window?: string;
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
export interface Scorecard {
  groupBy: string;
  window: string;
  since: string;
  /** Worst first. */
  items: ScorecardRow[];
}

/**
 * One entity's counts; the backfilled counts cover the last 90 days.
 *
 * @public
 */
export interface EntitySummary {
  open: number;
  overdue: number;
  backfilledOnTime: number;
  backfilledLate: number;
  unacknowledgedFindings: number;
  since: string;
}
