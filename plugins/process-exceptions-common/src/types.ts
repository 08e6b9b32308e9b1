/**
 * The three exceptions the handbook sanctions.
 *
 * @public
 */
export type ExceptionKind = 'hotfix' | 'flag-disable' | 'partial-readiness';

/** @public */
export const EXCEPTION_KINDS: readonly ExceptionKind[] = [
  'hotfix',
  'flag-disable',
  'partial-readiness',
];

/**
 * `backfilled` exceptions also say whether they were backfilled on time.
 *
 * @public
 */
export type ExceptionStatus = 'open' | 'overdue' | 'backfilled';

/** @public */
export const EXCEPTION_STATUSES: readonly ExceptionStatus[] = [
  'open',
  'overdue',
  'backfilled',
];

/**
 * Who owes a backfill task.
 *
 * @public
 */
export type BackfillRole =
  | 'reviewer'
  | 'product-owner'
  | 'qa'
  | 'designer'
  | 'developer';

/**
 * Where a linked key can be opened at its sender: an incident's page, a pull
 * request's `html_url`, a pipeline run, a flag's page, a story.
 *
 * @public
 */
export type SenderUrls = {
  incident?: string;
  /** By change id. */
  changes?: Record<string, string>;
  flag?: string;
  story?: string;
  deployment?: string;
};

/** @public */
export type ExceptionLinks = {
  incident?: string;
  changes?: string[];
  flag?: string;
  story?: string;
  deployment?: string;
  /** The sender's URL of each linked key the ledger has one for. */
  urls?: SenderUrls;
};

/** @public */
export type BackfillTask = {
  key: string;
  title: string;
  role: BackfillRole;
  dueAt: string | null;
  doneAt: string | null;
  doneBy: string | null;
  evidenceUrl: string | null;
};

/** @public */
export type ProcessException = {
  id: string;
  entityRef: string;
  kind: ExceptionKind;
  name: string;
  reason: string;
  links: ExceptionLinks;
  openedBy: string | null;
  openedAt: string;
  deadline: string | null;
  status: ExceptionStatus;
  backfilledAt: string | null;
  backfilledOnTime: boolean | null;
  tasks: BackfillTask[];
};

/**
 * The rules a finding can report as broken without a recorded exception.
 *
 * @public
 */
export type FindingRule =
  | 'abbreviated-review-below-minimum'
  | 'pipeline-bypassed'
  | 'unrecorded-exception'
  | 're-enabled-before-staging'
  | 'merged-with-open-gap';

/** @public */
export type Finding = {
  id: string;
  rule: FindingRule;
  entityRef: string;
  message: string;
  eventIds: string[];
  detectedAt: string;
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
  exceptionId: string | null;
};

/**
 * Maintenance work that failed and waits for its retry with backoff.
 *
 * @public
 */
export type MaintenanceFailure = {
  kind: 'step' | 'subject' | 'notification';
  /** The step's name, the unmapped subject, or `<exception or finding id>/<transition>`. */
  target: string;
  attempts: number;
  firstFailedAt: string;
  lastFailedAt: string;
  nextAttemptAt: string;
  lastError: string;
};

/**
 * An event kept while the catalog cannot resolve its service.
 *
 * @public
 */
export type UnmappedEvent = {
  id: string;
  source: string;
  type: string;
  subject: string | null;
  occurredAt: string;
};
