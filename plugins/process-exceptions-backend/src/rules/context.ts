import { Policy } from '../policy/Policy';
import { refusalOf, withAttestedTimes } from './attestation';
import {
  LedgerEvent,
  LedgerEventOf,
  LedgerEventType,
  NotCounted,
} from './types';
import { isAtOrBefore } from './time';
import { environmentMatcher } from '../policy/environmentPatterns';

export interface IncidentInfo {
  incidentId: string;
  /** True when any `incident.opened` for it names a P0 severity. */
  isP0: boolean;
  title: string | null;
  url: string | null;
  openedAt: Date | null;
  /** The earliest `incident.resolved`. */
  resolvedAt: Date | null;
  seqs: number[];
}

export interface Approval {
  reviewer: string;
  /** Lower-cased roles the reviewer approved with. */
  roles: string[];
  /** The approving reviews that count. */
  seqs: number[];
}

type Review = LedgerEventOf<'change.reviewed'>;

export interface RuleContext {
  policy: Policy;
  entityRef: string;
  /** The part of the entity ref after the last `/`. */
  entityName: string;
  /**
   * Sorted by occurredAt, then seq; occurredAt is the attested time (see
   * attestation.ts), which may differ from what the sender wrote.
   */
  events: LedgerEvent[];
  /**
   * True when `event` may close the task `taskKey`; otherwise adds it to
   * `notCounted` (when given) with the reason, for the timeline.
   */
  attests(
    taskKey: string,
    event: LedgerEvent,
    notCounted?: NotCounted[],
  ): boolean;
  /** The first of `candidates` that {@link attests}; the refused ones before it are noted. */
  firstAttesting<T extends LedgerEvent>(
    taskKey: string,
    candidates: readonly T[],
    notCounted: NotCounted[],
  ): T | undefined;
  incidents: Map<string, IncidentInfo>;
  /** Events of one type, in replay order; shared, so never to be changed. */
  ofType<K extends LedgerEventType>(type: K): readonly LedgerEventOf<K>[];
  isProduction(environment: string): boolean;
  isStaging(environment: string): boolean;
  /** Succeeded deployments to a production environment. */
  productionDeployments(): LedgerEventOf<'deployment.finished'>[];
  /** Reviews of these changes that may count toward a review, in replay order. */
  reviewsOf(changeIds: readonly string[]): Review[];
  /** Distinct approving reviewers of these changes at `time` (inclusive). */
  approvalsBefore(changeIds: readonly string[], time: Date): Approval[];
  /**
   * Approvals counted at `time`: the approving reviewers, or a merge's
   * reported approval count when that is higher.
   */
  approvalCountAt(changeIds: readonly string[], time: Date): number;
  /** The review that first brought the changes to `count` approving reviewers. */
  reviewReaching(
    changeIds: readonly string[],
    count: number,
  ): { review: Review; approvals: Approval[] } | null;
}

export function compareEvents(a: LedgerEvent, b: LedgerEvent): number {
  return a.occurredAt.getTime() - b.occurredAt.getTime() || a.seq - b.seq;
}

export function entityNameOf(entityRef: string): string {
  const slash = entityRef.lastIndexOf('/');
  return slash >= 0
    ? entityRef.slice(slash + 1)
    : entityRef.slice(entityRef.indexOf(':') + 1);
}

export function sameText(a: string, b: string): boolean {
  return a.toLocaleLowerCase('en-US') === b.toLocaleLowerCase('en-US');
}

export function includesText(list: readonly string[], value: string): boolean {
  return list.some(item => sameText(item, value));
}

function indexIncidents(events: LedgerEvent[], policy: Policy) {
  const incidents = new Map<string, IncidentInfo>();
  const infoFor = (incidentId: string) => {
    let info = incidents.get(incidentId);
    if (!info) {
      info = {
        incidentId,
        isP0: false,
        title: null,
        url: null,
        openedAt: null,
        resolvedAt: null,
        seqs: [],
      };
      incidents.set(incidentId, info);
    }
    return info;
  };
  for (const event of events) {
    if (event.type === 'incident.opened') {
      const info = infoFor(event.data.incidentId);
      info.isP0 ||= includesText(policy.p0Severities, event.data.severity);
      info.title ??= event.data.title ?? null;
      info.url ??= event.data.url ?? null;
      info.openedAt ??= event.occurredAt;
      info.seqs.push(event.seq);
    } else if (event.type === 'incident.resolved') {
      const info = infoFor(event.data.incidentId);
      info.resolvedAt ??= event.occurredAt;
      info.seqs.push(event.seq);
    }
  }
  return incidents;
}

/** The latest review per change and reviewer. */
type Decisions = Map<string, Review>;

function recordDecision(decisions: Decisions, review: Review) {
  decisions.set(`${review.data.changeId}\n${review.data.reviewer}`, review);
}

/**
 * Distinct approving reviewers. The latest decision of a reviewer on a change
 * wins, so a dismissal or a request for changes cancels that reviewer's
 * earlier approval of that change.
 */
function approvalsOf(decisions: Decisions): Approval[] {
  const byReviewer = new Map<string, Approval>();
  for (const review of decisions.values()) {
    if (review.data.decision !== 'approved') continue;
    const approval = byReviewer.get(review.data.reviewer) ?? {
      reviewer: review.data.reviewer,
      roles: [],
      seqs: [],
    };
    const role = review.data.role?.toLocaleLowerCase('en-US');
    if (role && !approval.roles.includes(role)) approval.roles.push(role);
    approval.seqs.push(review.seq);
    byReviewer.set(review.data.reviewer, approval);
  }
  return [...byReviewer.values()].sort((a, b) =>
    a.reviewer.localeCompare(b.reviewer, 'en-US'),
  );
}

export function buildContext(
  policy: Policy,
  unsorted: LedgerEvent[],
): RuleContext {
  const events = withAttestedTimes(policy.attestation, unsorted).sort(
    compareEvents,
  );
  const entityRef = events[0]?.entityRef ?? '';
  const incidents = indexIncidents(events, policy);

  const reviewsByChange = new Map<string, Review[]>();
  const mergesByChange = new Map<string, LedgerEventOf<'change.merged'>[]>();
  for (const event of events) {
    if (
      event.type === 'change.reviewed' &&
      !refusalOf(policy.attestation, 'full-review', event.provenance)
    ) {
      const list = reviewsByChange.get(event.data.changeId) ?? [];
      list.push(event);
      reviewsByChange.set(event.data.changeId, list);
    } else if (event.type === 'change.merged') {
      const list = mergesByChange.get(event.data.changeId) ?? [];
      list.push(event);
      mergesByChange.set(event.data.changeId, list);
    }
  }

  // Indexed once: rules ask for the same types per case they follow.
  const byType = new Map<LedgerEventType, LedgerEvent[]>();
  for (const event of events) {
    const list = byType.get(event.type);
    if (list) list.push(event);
    else byType.set(event.type, [event]);
  }
  const ofType = <K extends LedgerEventType>(type: K) =>
    (byType.get(type) ??
      []) as readonly unknown[] as readonly LedgerEventOf<K>[];
  const isProduction = environmentMatcher(policy.environments.production);
  const isStaging = environmentMatcher(policy.environments.staging);

  const attests = (
    taskKey: string,
    event: LedgerEvent,
    notCounted?: NotCounted[],
  ) => {
    const reason = refusalOf(policy.attestation, taskKey, event.provenance);
    if (reason) notCounted?.push({ seq: event.seq, reason });
    return reason === null;
  };

  const reviewsOf = (changeIds: readonly string[]) =>
    [...new Set(changeIds)]
      .flatMap(id => reviewsByChange.get(id) ?? [])
      .sort(compareEvents);

  const approvalsBefore = (changeIds: readonly string[], time: Date) => {
    const decisions: Decisions = new Map();
    for (const review of reviewsOf(changeIds)) {
      if (isAtOrBefore(review.occurredAt, time)) {
        recordDecision(decisions, review);
      }
    }
    return approvalsOf(decisions);
  };

  return {
    policy,
    entityRef,
    entityName: entityNameOf(entityRef),
    events,
    attests,
    firstAttesting(taskKey, candidates, notCounted) {
      return candidates.find(c => attests(taskKey, c, notCounted));
    },
    incidents,
    ofType,
    isProduction,
    isStaging,
    productionDeployments() {
      // A deployment reported twice is still one deployment: the first wins.
      const seen = new Set<string>();
      return ofType('deployment.finished').filter(d => {
        if (d.data.outcome !== 'succeeded') return false;
        if (!isProduction(d.data.environment)) return false;
        if (seen.has(d.data.deploymentId)) return false;
        seen.add(d.data.deploymentId);
        return true;
      });
    },
    reviewsOf,
    approvalsBefore,
    approvalCountAt(changeIds, time) {
      let count = approvalsBefore(changeIds, time).length;
      for (const id of changeIds) {
        for (const merge of mergesByChange.get(id) ?? []) {
          if (isAtOrBefore(merge.occurredAt, time)) {
            count = Math.max(count, merge.data.approvals ?? 0);
          }
        }
      }
      return count;
    },
    reviewReaching(changeIds, count) {
      const decisions: Decisions = new Map();
      for (const review of reviewsOf(changeIds)) {
        recordDecision(decisions, review);
        const approvals = approvalsOf(decisions);
        if (approvals.length >= count) return { review, approvals };
      }
      return null;
    },
  };
}
