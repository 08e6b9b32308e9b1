import {
  EventDataByType,
  EventProvenance,
} from '@process-exceptions/backstage-plugin-process-exceptions-common';
import { DEFAULT_POLICY, Policy } from '../../policy/Policy';
import { evaluateEntity } from '../evaluateEntity';
import {
  LedgerEvent,
  LedgerEventOf,
  LedgerEventType,
  PortalEventDataByType,
} from '../types';

type DataOf<K extends LedgerEventType> = (EventDataByType &
  PortalEventDataByType)[K];

export const ENTITY = 'component:default/checkout';
export const T0 = new Date('2025-03-03T09:00:00.000Z');

/** `T0` plus some hours. */
export function at(hours: number): Date {
  return new Date(T0.getTime() + hours * 3_600_000);
}

/** A signed webhook's: every task's attester, its times as sent. */
export const SIGNED: EventProvenance = {
  kind: 'webhook',
  source: 'github',
  verification: 'hmac-sha256',
  header: 'x-hub-signature-256',
};

interface Meta {
  /** Hours after T0 the event happened. */
  at?: number;
  /** Hours after T0 it was received; default `at`. */
  receivedAt?: number;
  /** Default {@link SIGNED}. */
  provenance?: EventProvenance;
  actor?: string | null;
  seq?: number;
  externalId?: string;
}

let nextSeq = 1;

function build<K extends LedgerEventType>(
  type: K,
  defaults: DataOf<K>,
  input: Partial<DataOf<K>> & Meta,
): LedgerEventOf<K> {
  const {
    at: hours = 0,
    receivedAt = hours,
    provenance = SIGNED,
    actor = 'someone',
    seq,
    externalId,
    ...data
  } = input;
  const ownSeq = seq ?? nextSeq++;
  const event = {
    seq: ownSeq,
    externalId: externalId ?? `ext-${ownSeq}`,
    type,
    occurredAt: at(hours),
    receivedAt: at(receivedAt),
    provenance,
    actor,
    entityRef: ENTITY,
    data: { ...defaults, ...data },
  };
  // The spread loses the link between type and data that the union encodes.
  return event as unknown as LedgerEventOf<K>;
}

type Input<K extends LedgerEventType> = Partial<DataOf<K>> & Meta;

export const incidentOpened = (i: Input<'incident.opened'> = {}) =>
  build('incident.opened', { incidentId: 'INC-1', severity: 'P0' }, i);
export const incidentResolved = (i: Input<'incident.resolved'> = {}) =>
  build('incident.resolved', { incidentId: 'INC-1' }, i);
export const review = (i: Input<'change.reviewed'> = {}) =>
  build(
    'change.reviewed',
    { changeId: 'PR-1', reviewer: 'rev', decision: 'approved' },
    i,
  );
export const merged = (i: Input<'change.merged'> = {}) =>
  build('change.merged', { changeId: 'PR-1' }, i);
export const deployment = (i: Input<'deployment.finished'> = {}) =>
  build(
    'deployment.finished',
    {
      deploymentId: 'D-1',
      environment: 'production',
      outcome: 'succeeded',
      changeIds: ['PR-1'],
    },
    i,
  );
export const flagChanged = (i: Input<'flag.changed'> = {}) =>
  build(
    'flag.changed',
    { flagKey: 'new-checkout', environment: 'production', enabled: false },
    i,
  );
export const verification = (i: Input<'verification.finished'> = {}) =>
  build(
    'verification.finished',
    { environment: 'staging', outcome: 'passed' },
    i,
  );
export const storyPulled = (i: Input<'story.pulled'> = {}) =>
  build('story.pulled', { storyId: 'ST-1', title: 'Saved carts', gaps: [] }, i);
export const gapClosed = (i: Input<'gap.closed'> = {}) =>
  build('gap.closed', { storyId: 'ST-1', gapKey: 'copy' }, i);
export const backfill = (i: Input<'backfill.completed'> = {}) =>
  build('backfill.completed', { taskKey: 'full-review' }, i);
export const recorded = (i: Input<'exception.recorded'> = {}) =>
  build(
    'exception.recorded',
    { kind: 'hotfix', name: 'Manual', reason: 'Because' },
    i,
  );
export const acknowledged = (i: Input<'finding.acknowledged'> = {}) =>
  build(
    'finding.acknowledged',
    { findingId: 'none', name: 'Retroactive', reason: 'We forgot' },
    i,
  );

/** Approving reviews of PR-1 by distinct reviewers, one an hour before T0. */
export function approvals(roles: string[], changeId = 'PR-1') {
  return roles.map((role, i) =>
    review({ changeId, reviewer: `rev-${i}`, role, at: -1 }),
  );
}

export function evaluate(
  events: LedgerEvent[],
  options: { now?: Date; policy?: Partial<Policy> } = {},
) {
  return evaluateEntity(
    { ...DEFAULT_POLICY, ...options.policy },
    events,
    options.now ?? at(1),
  );
}

/** A fixed, thorough reordering, to imitate out-of-order delivery. */
export function shuffled<T>(items: T[], seed = 7): T[] {
  const copy = [...items];
  let state = seed;
  for (let i = copy.length - 1; i > 0; i--) {
    state = (state * 16807) % 2147483647;
    const j = state % (i + 1);
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy;
}
