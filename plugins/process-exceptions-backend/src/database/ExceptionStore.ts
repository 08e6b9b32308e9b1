import { UnmappedStories } from './ledger/unmappedStories';
import {
  EventProvenance,
  ExceptionKind,
  ExceptionStatus,
  Finding,
  ProcessException,
  UnmappedEvent,
} from '@process-exceptions/backstage-plugin-process-exceptions-common';
import { PolicyVersion } from '../policy/PolicyVersion';
import { TrailKeyKind, TrailRecords } from './ledger/trailQuery';
import {
  EvidenceException,
  EvidenceScope,
  PeriodCursor,
} from './derived/evidenceQueries';
import { EntityState, LedgerEvent } from '../rules/types';

/** Identifies a ledger event across sources. */
export function ledgerKey(source: string, externalId: string): string {
  return `${source}\u0000${externalId}`;
}

/** An event about to be appended to the ledger. */
export interface NewLedgerEvent {
  /** Where it came from: `api`, `portal`, `github`, … */
  source: string;
  /** The sender's id; unique per source. */
  externalId: string;
  type: string;
  /** Null while the catalog cannot resolve the event's service. */
  entityRef: string | null;
  /** What the sender named the service by, to map it later. */
  subject: string | null;
  actor: string | null;
  occurredAt: Date;
  /** When the plugin received it. */
  receivedAt: Date;
  /** Who delivered it (see EventProvenance). */
  provenance: EventProvenance;
  data: unknown;
  payload: unknown;
}

/** What a write changed, so a response can say what each event did. */
export interface StateChanges {
  exceptions: Array<{
    id: string;
    name: string;
    kind: ExceptionKind;
    status: ExceptionStatus;
    change: 'opened' | 'updated';
    eventSeqs: number[];
  }>;
  findings: Array<{
    id: string;
    rule: string;
    change: 'opened' | 'updated';
    eventSeqs: number[];
  }>;
}

/** Fingerprints of stored exceptions and findings, by id. */
export type StoredRows = {
  exceptions: Map<string, string>;
  findings: Map<string, string>;
};

/** Cases read for a write: their events by entity, and what they derived. */
export type Cases = {
  events: Map<string, LedgerEvent[]>;
  /** The stored exceptions and findings the cases' events can derive. */
  stored: StoredRows;
};

/** Writes that must happen together, inside one database transaction. */
export interface LedgerTransaction {
  /**
   * Appends events, skipping those whose (source, externalId) is already
   * recorded. Returns the new sequence number of each event it recorded,
   * keyed by {@link ledgerKey}, and indexes their correlation keys. Called before {@link LedgerTransaction.lockEntities}
   * in every transaction: one order everywhere, so a transaction waiting on
   * another's uncommitted duplicate never holds a lock that one waits for.
   */
  appendEvents(events: NewLedgerEvent[]): Promise<Map<string, number>>;
  /**
   * Serialises concurrent re-evaluation of the same entities across
   * replicas (advisory locks on PostgreSQL; SQLite has one writer).
   */
  lockEntities(entityRefs: string[]): Promise<void>;
  /**
   * Each entity's whole ledger, in the order things happened: what a full
   * replay reads (see Ingestor.reevaluate).
   */
  loadEntityEvents(entityRefs: string[]): Promise<Map<string, LedgerEvent[]>>;
  /**
   * The events of the cases the recorded, mapped events `seeds` belong to,
   * by entity, in the order things happened: the seeds and every event tied
   * to them through shared correlation keys (see rules/cases.ts).
   */
  loadCases(seeds: LedgerEvent[]): Promise<Cases>;
  /**
   * Makes the stored exceptions and findings of each entity equal its state.
   * With `stored`, the states are of cases only, and only those stored rows
   * are compared (and removed when no longer derived).
   */
  saveEntityStates(
    states: Map<string, EntityState>,
    stored?: StoredRows,
  ): Promise<StateChanges>;
  /**
   * Fills in the entity of unmapped events named by `subject`; returns
   * those events.
   */
  mapSubject(subject: string, entityRef: string): Promise<LedgerEvent[]>;
  /**
   * Gives the entity's events every correlation key they lack: events
   * appended by a replica that did not index them, or mapped by one.
   */
  indexEntityEvents(entityRef: string, events: LedgerEvent[]): Promise<void>;
  /** The policy the entity was last derived with, if recorded. */
  derivationOf(entityRef: string): Promise<PolicyVersion | undefined>;
  /** Records a derivation of the entity's whole ledger, up to `lastSeq`. */
  recordDerivation(
    entityRef: string,
    version: PolicyVersion,
    lastSeq: number,
  ): Promise<void>;
  /** Records that cases of the entities were derived with `version`. */
  noteCasesDerived(entityRefs: string[], version: PolicyVersion): Promise<void>;
}

export type TimelineEvent = {
  id: string;
  source: string;
  type: string;
  actor: string | null;
  occurredAt: string;
  receivedAt: string;
  provenance: EventProvenance;
  /** Why its evidence closed nothing here, if it did not. */
  notCounted: string | null;
  data: Record<string, unknown>;
};

export interface ExceptionQuery {
  entityRef?: string;
  status?: ExceptionStatus;
  kind?: ExceptionKind;
  limit: number;
  cursor?: string;
}

export interface FindingQuery {
  entityRef?: string;
  acknowledged?: boolean;
  limit: number;
  /** The `nextCursor` of the previous page. */
  cursor?: string;
}

/** Per-entity figures the scorecard groups by entity or by owner. */
export interface EntityScoreRow {
  entityRef: string;
  open: number;
  overdue: number;
  backfilledOnTime: number;
  backfilledLate: number;
  unacknowledgedFindings: number;
  /** Unacknowledged findings detected since the window's start. */
  findingsInWindow: number;
  /** The earliest deadline among overdue exceptions, if any. */
  oldestOverdueDeadline: Date | null;
  /** How long the backfills in the window took: seconds (bucket middle) and how many. */
  backfillBuckets: Array<{ seconds: number; count: number }>;
}

/** One database group: exceptions of a kind opened, or backfilled, in one week. */
export interface WeeklyCountRow {
  /** Weeks since `since`, from 0. */
  week: number;
  measure: 'opened' | 'backfilled-on-time' | 'backfilled-late';
  kind: ExceptionKind;
  count: number;
}

export type { UnmappedEvent };

/** What the plugin needs from storage; callers never see SQL. */
export interface ExceptionStore {
  /** Write transactions worth running at once (1 where there is one writer). */
  readonly maxConcurrentWrites: number;
  ping(): Promise<void>;
  /**
   * Runs `fn` in one transaction; `fn` may run again if the database broke
   * a deadlock by rolling back its first run.
   */
  transaction<T>(fn: (tx: LedgerTransaction) => Promise<T>): Promise<T>;
  listExceptions(
    query: ExceptionQuery,
  ): Promise<{ items: ProcessException[]; nextCursor: string | null }>;
  getException(
    id: string,
  ): Promise<(ProcessException & { timeline: TimelineEvent[] }) | undefined>;
  /** Exceptions of a kind whose backfill is not complete. */
  listUnbackfilled(kind: ExceptionKind): Promise<ProcessException[]>;
  /** Stories naming a change or story id, sent for a service not known yet. */
  unmappedStories(query: {
    changeId?: string;
    storyId?: string;
  }): Promise<UnmappedStories>;
  listFindings(
    query: FindingQuery,
  ): Promise<{ items: Finding[]; nextCursor: string | null }>;
  getFinding(id: string): Promise<Finding | undefined>;
  /** Figures as of `now`, counting backfills since `since`. */
  scoreEntities(options: {
    since: Date;
    now: Date;
    entityRefs?: string[];
  }): Promise<EntityScoreRow[]>;
  /** Weekly counts from `since`, grouped in the database. */
  weeklyCounts(options: {
    since: Date;
    entityRefs?: string[];
  }): Promise<WeeklyCountRow[]>;
  /** Marks every open exception whose deadline has passed; returns how many. */
  markOverdue(now: Date): Promise<number>;
  /** Distinct subjects of unmapped events, leaving out `skip`. */
  listUnmappedSubjects(limit: number, skip?: Set<string>): Promise<string[]>;
  listUnmappedEvents(limit: number): Promise<UnmappedEvent[]>;
  /** A page of the exceptions opened in a period (see evidenceQueries.ts). */
  exceptionsOpenedIn(
    scope: EvidenceScope,
    after: PeriodCursor | undefined,
    limit: number,
  ): Promise<{ items: EvidenceException[]; next?: PeriodCursor }>;
  /** A page of the findings detected in a period. */
  findingsDetectedIn(
    scope: EvidenceScope,
    after: PeriodCursor | undefined,
    limit: number,
  ): Promise<{ items: Finding[]; next?: PeriodCursor }>;
  /** Everything one correlation key touches (see trailQuery.ts). */
  trail(kind: TrailKeyKind, value: string): Promise<TrailRecords>;
  countEvents(): Promise<number>;
}
