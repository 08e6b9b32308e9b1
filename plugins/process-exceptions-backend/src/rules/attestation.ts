import {
  describeProvenance,
  EventProvenance,
} from '@process-exceptions/backstage-plugin-process-exceptions-common';
import { AttestationPolicy, Attester } from '../policy/Policy';
import { LedgerEvent, LedgerEventType } from './types';

/**
 * Events whose time closes a task or starts a deadline: a sender who dated
 * them could choose whether a backfill was on time. Deployments, merges and
 * pulled stories only start clocks against the sender or order what it did.
 */
const TIMED_TYPES: ReadonlySet<LedgerEventType> = new Set<LedgerEventType>([
  'backfill.completed',
  'gap.closed',
  'change.reviewed',
  'incident.resolved',
  'verification.finished',
  'flag.changed',
]);

/** Who may close a task the policy names no attesters for. */
const ANY_AUTHENTICATED: Attester[] = ['person', 'signed', 'pipeline'];

function attestersOf(policy: AttestationPolicy, taskKey: string): Attester[] {
  return (
    policy.tasks[taskKey] ??
    (taskKey.startsWith('gap:') ? policy.tasks.gaps : undefined) ??
    ANY_AUTHENTICATED
  );
}

function isAttester(provenance: EventProvenance, attester: Attester): boolean {
  switch (provenance.kind) {
    case 'pre-provenance':
      // Recorded before provenance was kept: it keeps its effect.
      return true;
    case 'user':
    case 'agent':
      return attester === 'person';
    case 'service':
      return (
        attester === 'pipeline' || attester === `service:${provenance.subject}`
      );
    case 'events-topic':
      return attester === 'signed';
    case 'webhook':
      return attester === 'signed' && provenance.verification !== 'unsigned';
    default:
      return false;
  }
}

const ATTESTER_TEXT: Record<string, string> = {
  person: 'a person in the portal',
  signed: 'a signed delivery',
  pipeline: 'a pipeline',
};

/**
 * Why evidence `provenance` delivered may not close the task `taskKey`, or
 * null when it may. Shown on the timeline, so it names who may.
 */
export function refusalOf(
  policy: AttestationPolicy,
  taskKey: string,
  provenance: EventProvenance,
): string | null {
  const attesters = attestersOf(policy, taskKey);
  if (attesters.some(a => isAttester(provenance, a))) return null;
  const who = attesters.map(a => ATTESTER_TEXT[a] ?? a).join(', ');
  return `Not counted for ${taskKey}: delivered by ${describeProvenance(
    provenance,
  )}; the attestation policy lets only ${who || 'no one'} close it.`;
}

/** True when the time an event carries can be taken as sent. */
function hasTrustedTime(policy: AttestationPolicy, p: EventProvenance) {
  switch (p.kind) {
    case 'pre-provenance':
      return true;
    case 'webhook':
      // The body, with its times, is what the signature covers.
      return p.verification === 'hmac-sha256';
    case 'service':
      return policy.trustedClocks.includes(p.subject);
    default:
      return false;
  }
}

/**
 * The time the rules use for an event: what the sender says when the
 * signature covers it, else that time held within the allowance around
 * when the plugin received it (a relay's backlog widens the allowance back).
 */
export function attestedTime(
  policy: AttestationPolicy,
  event: LedgerEvent,
): Date {
  if (!TIMED_TYPES.has(event.type)) return event.occurredAt;
  if (hasTrustedTime(policy, event.provenance)) return event.occurredAt;
  const received = event.receivedAt.getTime();
  const skew = policy.clockSkewSeconds * 1000;
  const backlog =
    event.provenance.kind === 'events-topic'
      ? policy.relayBacklogSeconds * 1000
      : 0;
  const sent = event.occurredAt.getTime();
  const held = Math.min(
    Math.max(sent, received - skew - backlog),
    received + skew,
  );
  return held === sent ? event.occurredAt : new Date(held);
}

/** The events with the times the rules use; unchanged events stay as they are. */
export function withAttestedTimes(
  policy: AttestationPolicy,
  events: LedgerEvent[],
): LedgerEvent[] {
  return events.map(event => {
    const occurredAt = attestedTime(policy, event);
    return occurredAt === event.occurredAt ? event : { ...event, occurredAt };
  });
}
