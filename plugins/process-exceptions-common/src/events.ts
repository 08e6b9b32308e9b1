/**
 * The v1 event types a pipeline or flag system posts to
 * `POST /api/process-exceptions/v1/events`.
 *
 * @public
 */
export type EventType = keyof EventDataByType;

/** @public */
export const EVENT_TYPES: readonly EventType[] = [
  'incident.opened',
  'incident.resolved',
  'change.reviewed',
  'change.merged',
  'deployment.finished',
  'flag.changed',
  'verification.finished',
  'story.pulled',
  'gap.closed',
  'backfill.completed',
];

/** @public */
export type ReviewDecision = 'approved' | 'changes_requested' | 'dismissed';

/**
 * What a deployment says it fixes, so the tasks of that exception close.
 *
 * @public
 */
export interface FixesReference {
  exceptionId?: string;
  incidentId?: string;
  flagKey?: string;
}

/** @public */
export interface EventDataByType {
  'incident.opened': {
    incidentId: string;
    severity: string;
    title?: string;
    url?: string;
  };
  'incident.resolved': { incidentId: string; url?: string };
  'change.reviewed': {
    changeId: string;
    reviewer: string;
    /** e.g. `tech-lead`, `developer`, `product-owner`, `qa`, `designer` */
    role?: string;
    decision: ReviewDecision;
    storyId?: string;
    url?: string;
  };
  'change.merged': {
    changeId: string;
    url?: string;
    storyId?: string;
    approvals?: number;
  };
  'deployment.finished': {
    deploymentId: string;
    environment: string;
    outcome: 'succeeded' | 'failed';
    changeIds?: string[];
    /** Defaults to true; false means the change reached the environment outside the pipeline. */
    viaPipeline?: boolean;
    pipelineRunUrl?: string;
    labels?: string[];
    incidentId?: string;
    fixes?: FixesReference;
    /** A name for the exception this deployment opens, if it opens one. */
    name?: string;
    reason?: string;
  };
  'flag.changed': {
    flagKey: string;
    environment: string;
    enabled: boolean;
    /** A planned change (a release, a scheduled switch-off) is not an emergency. */
    planned?: boolean;
    reason?: string;
    url?: string;
    name?: string;
  };
  'verification.finished': {
    environment: string;
    outcome: 'passed' | 'failed';
    changeIds?: string[];
    flagKey?: string;
    url?: string;
  };
  'story.pulled': {
    storyId: string;
    title: string;
    url?: string;
    gaps: Array<{ key: string; description: string }>;
    changeIds?: string[];
    name?: string;
    reason?: string;
  };
  'gap.closed': { storyId: string; gapKey: string; evidenceUrl?: string };
  'backfill.completed': {
    exceptionId?: string;
    incidentId?: string;
    taskKey: string;
    evidenceUrl?: string;
  };
}

/**
 * One event as posted to the API.
 *
 * @public
 */
export type EventEnvelope<T extends EventType = EventType> = {
  [K in T]: {
    /** The sender's unique id: sending it again records nothing new. */
    id: string;
    type: K;
    /** ISO 8601 time the event happened. */
    occurredAt: string;
    entityRef?: string;
    actor?: string;
    data: EventDataByType[K];
  };
}[T];
