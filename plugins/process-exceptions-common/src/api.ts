import {
  BackfillTask,
  ExceptionKind,
  ExceptionLinks,
  ExceptionStatus,
  Finding,
  FindingRule,
  ProcessException,
} from './types';
import { EventProvenance } from './provenance';

/*
 * The shapes of the HTTP API's requests and answers, shared by the backend,
 * the typed client and the frontend.
 */

/**
 * What one posted event did.
 *
 * @public
 */
export type IngestResult = {
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
};

/** @public */
export type IngestResponse = {
  /** One per posted event, in the order they were posted. */
  results: IngestResult[];
};

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
export type MergeGateBlocker = {
  /** Null while the story's service is not known: there is no exception yet. */
  exceptionId: string | null;
  /** Null while the story's service is not known. */
  entityRef: string | null;
  storyId: string | null;
  gapKey: string;
  description: string;
  /**
   * Set when the story was sent for a service the catalog does not know:
   * what the event named, and how to fix it. It blocks all the same.
   */
  unmapped?: { subject: string | null; eventId: string; hint: string };
};

/** @public */
export type MergeGate = {
  allowed: boolean;
  blocking: MergeGateBlocker[];
};

/** @public */
export type ListExceptionsQuery = {
  entityRef?: string;
  status?: ExceptionStatus;
  kind?: ExceptionKind;
  /** 1 to 200, default 50. */
  limit?: number;
  /** The `nextCursor` of the previous page. */
  cursor?: string;
};

/** @public */
export type ExceptionsPage = {
  items: ProcessException[];
  /** Null on the last page. */
  nextCursor: string | null;
};

/**
 * One ledger event behind an exception.
 *
 * @public
 */
export type ExceptionTimelineEvent = {
  id: string;
  source: string;
  type: string;
  actor: string | null;
  occurredAt: string;
  receivedAt: string;
  /** Who delivered it, as settled at receipt. */
  provenance: EventProvenance;
  /**
   * Why its evidence closes nothing here, when the attestation policy does
   * not let its provenance close what it names; otherwise null.
   */
  notCounted: string | null;
  data: unknown;
};

/** @public */
export type ProcessExceptionDetail = ProcessException & {
  timeline: ExceptionTimelineEvent[];
};

/** @public */
export type ListFindingsQuery = {
  entityRef?: string;
  acknowledged?: boolean;
  /** 1 to 500, default 100. */
  limit?: number;
  /** The `nextCursor` of the previous page. */
  cursor?: string;
};

/** @public */
export type FindingsList = {
  /** Newest first. */
  items: Finding[];
  /** Null on the last page. */
  nextCursor: string | null;
};

/** @public */
export type ScorecardQuery = {
  groupBy?: 'owner' | 'entity';
  /** Only this owner's entities, e.g. `group:default/payments-team`. */
  owner?: string;
  /** Days the backfilled counts cover, e.g. `90d` (the default). */
  window?: string;
};

/** @public */
export type ScorecardRow = {
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
  /** Unacknowledged findings detected within the window. */
  findingsInWindow: number;
  /** The earliest deadline among overdue exceptions, if any. */
  oldestOverdueDeadline: string | null;
};

/** @public */
export type Scorecard = {
  groupBy: string;
  window: string;
  since: string;
  /** Worst first. */
  items: ScorecardRow[];
};

/**
 * One entity's counts; the backfilled counts cover the last 90 days.
 *
 * @public
 */
export type EntitySummary = {
  open: number;
  overdue: number;
  backfilledOnTime: number;
  backfilledLate: number;
  unacknowledgedFindings: number;
  since: string;
};

/**
 * One week of the trend: exceptions opened by kind, backfills on time or late.
 *
 * @public
 */
export type TrendWeek = {
  weekStart: string;
  opened: Record<ExceptionKind, number>;
  backfilledOnTime: number;
  backfilledLate: number;
  onTimeRate: number | null;
};

/** @public */
export type Trends = {
  /** Oldest first. */
  weeks: TrendWeek[];
};

/** A person records an exception by hand. @public */
export type RecordExceptionRequest = {
  entityRef: string;
  kind: ExceptionKind;
  name: string;
  reason: string;
  links?: ExceptionLinks;
  /** Required for partial readiness: the named gaps. */
  gaps?: Array<{ key: string; description: string }>;
};

/** @public */
export type AcknowledgeFindingResult = {
  finding: Finding;
  exception?: ProcessException;
};

/**
 * A job that re-derives every service from its ledger: started through the
 * admin API or CLI (`requested`), or by a raised `policyRevision` (`policy`).
 *
 * @public
 */
export type RebuildJob = {
  id: string;
  reason: 'requested' | 'policy';
  status: 'running' | 'done' | 'superseded';
  policyRevision: number;
  requestedBy: string | null;
  /** The services it rebuilds; null for every service in the ledger. */
  entityRefs: string[] | null;
  servicesTotal: number;
  /** Services handled so far, the skipped ones included. */
  servicesDone: number;
  /** Already derived with this revision (policy jobs) or a newer one. */
  servicesSkipped: number;
  eventsRead: number;
  /** Why the last attempt stopped; the job is retried where it stopped. */
  lastError: string | null;
  createdAt: string;
  updatedAt: string;
  finishedAt: string | null;
};

/**
 * The key a trail starts from: exactly one of them.
 *
 * @public
 */
export type TrailQuery =
  | { changeId: string }
  | { deploymentId: string }
  | { incidentId: string }
  | { flagKey: string }
  | { storyId: string };

/**
 * A ledger event on a trail.
 *
 * @public
 */
export type TrailEvent = Omit<ExceptionTimelineEvent, 'notCounted' | 'data'> & {
  data: Record<string, unknown>;
};

/**
 * One step of a trail, at `at`, of the service `entityRef` (null for an
 * event whose service the catalog does not know yet).
 *
 * @public
 */
export type TrailEntry = { at: string; entityRef: string | null } & (
  | {
      kind: 'event';
      /** Carries the key itself, rather than joining through an exception. */
      direct: boolean;
      event: TrailEvent;
    }
  | { kind: 'exception'; exception: ProcessException; eventIds: string[] }
  | {
      kind: 'task';
      exceptionId: string;
      task: BackfillTask;
      /** The event that closed it, and who delivered that. */
      closedBy: { eventId: string; provenance: EventProvenance } | null;
    }
  | { kind: 'finding'; finding: Finding }
);

/**
 * Everything one change, deployment, incident, flag or story touches,
 * across services, in time order.
 *
 * @public
 */
export type Trail = {
  key: {
    kind: 'change' | 'deployment' | 'incident' | 'flag' | 'story';
    value: string;
  };
  /** The services it crossed, in the order it reached them. */
  services: string[];
  entries: TrailEntry[];
  /** More than 1,000 events carry the key; the first are followed. */
  truncated: boolean;
};

/**
 * The period and scope of an evidence export. `from` and `to` are days
 * (`2026-10-01`; a day as `to` includes it) or times with a zone.
 *
 * @public
 */
export type EvidenceQuery = {
  from: string;
  to: string;
  /** Only this owner's services, e.g. `group:default/payments-team`. */
  owner?: string;
  entityRef?: string;
  format?: 'csv' | 'json';
};

/**
 * A signed head of the ledger's hash chain: the seal of the event at
 * `position`, signed with the portal's sealing key. Exports carry the latest.
 *
 * @public
 */
export type ChainHead = {
  position: number;
  seal: string;
  signature: string;
  signedAt: string;
};

/**
 * What walking the ledger's hash chain found.
 *
 * @public
 */
export type LedgerVerification = {
  /** True when every sealed event and signed head match, and the head checked against. */
  ok: boolean;
  /** Sealed events walked. */
  sealedEvents: number;
  /** Events recorded but not sealed yet: the next maintenance run seals them. */
  unsealedEvents: number;
  /** The latest signed head, or null before the first seal. */
  head: ChainHead | null;
  /** The first place the chain no longer matches, or null. */
  mismatch: {
    position: number;
    /** The event there, when there is one. */
    event: { source: string; id: string; seq: number } | null;
    /** `content`: the event is not what was sealed; `order`: it is not where it was sealed; `head`: a signed head does not match. */
    problem: 'content' | 'order' | 'head';
    message: string;
  } | null;
  /** The check of a head from an earlier export, when one was given. */
  against: { position: number; matches: boolean; message: string } | null;
};

/**
 * A head from an earlier export, to check the chain against.
 *
 * @public
 */
export type VerifyLedgerQuery = {
  position?: number;
  seal?: string;
  signature?: string;
};
