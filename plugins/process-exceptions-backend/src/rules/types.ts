import {
  BackfillRole,
  EventDataByType,
  EventProvenance,
  ExceptionKind,
  ExceptionLinks,
  ExceptionStatus,
  FindingRule,
} from '@process-exceptions/backstage-plugin-process-exceptions-common';

/**
 * Events people cause through the portal. They are kept in the same ledger as
 * pipeline events so that every exception traces back to what caused it.
 */
export interface PortalEventDataByType {
  /** A person recorded an exception by hand. */
  'exception.recorded': {
    kind: ExceptionKind;
    name: string;
    reason: string;
    links?: ExceptionLinks;
    /** For partial readiness: the named gaps, one task each. */
    gaps?: Array<{ key: string; description: string }>;
  };
  /** A person acknowledged a finding by recording the missing exception. */
  'finding.acknowledged': {
    findingId: string;
    name: string;
    reason: string;
  };
  /** An operator withdrew a story sent for a service the catalog does not know. */
  'story.withdrawn': {
    storyId: string;
    reason: string;
  };
}

export type LedgerEventData = EventDataByType & PortalEventDataByType;

export type LedgerEventType = keyof LedgerEventData;

/** One row of the ledger, as the rules see it. */
export type LedgerEvent = {
  [K in LedgerEventType]: {
    seq: number;
    /** The sender's id (or the portal's) — what API callers reference. */
    externalId: string;
    type: K;
    /** When it happened, as the sender says. */
    occurredAt: Date;
    /** When the plugin received it. */
    receivedAt: Date;
    provenance: EventProvenance;
    actor: string | null;
    entityRef: string;
    data: (EventDataByType & PortalEventDataByType)[K];
  };
}[LedgerEventType];

export type LedgerEventOf<K extends LedgerEventType> = Extract<
  LedgerEvent,
  { type: K }
>;

export interface DerivedTask {
  key: string;
  title: string;
  role: BackfillRole;
  dueAt: Date | null;
  doneAt: Date | null;
  doneBy: string | null;
  evidenceUrl: string | null;
  /** The ledger event that closed it, whose provenance the trail shows. */
  doneSeq: number | null;
}

/** An exception as the rules derive it from the ledger. */
export interface DerivedException {
  /** Stable across re-evaluations; the id is derived from it. */
  naturalKey: string;
  entityRef: string;
  kind: ExceptionKind;
  name: string;
  reason: string;
  links: ExceptionLinks;
  openedBy: string | null;
  openedAt: Date;
  deadline: Date | null;
  status: ExceptionStatus;
  backfilledAt: Date | null;
  backfilledOnTime: boolean | null;
  tasks: DerivedTask[];
  /** Ledger events that caused or advanced it, ascending. */
  eventSeqs: number[];
  /** Events among them whose evidence closed nothing, and why. */
  notCounted: NotCounted[];
}

/** Evidence the attestation policy did not let close a task. */
export interface NotCounted {
  seq: number;
  reason: string;
}

export interface DerivedFinding {
  naturalKey: string;
  rule: FindingRule;
  entityRef: string;
  message: string;
  eventSeqs: number[];
  detectedAt: Date;
  acknowledgedAt: Date | null;
  acknowledgedBy: string | null;
  /** Natural key of the exception recorded to acknowledge it. */
  exceptionKey: string | null;
}

export interface EntityState {
  exceptions: DerivedException[];
  findings: DerivedFinding[];
}

/** A finding together with the links an acknowledging exception copies. */
export interface SourcedFinding {
  finding: DerivedFinding;
  links: ExceptionLinks;
}

/** What one rule derives from the ledger. */
export interface RuleOutput {
  exceptions: DerivedException[];
  findings: SourcedFinding[];
}
