import { ExceptionLinks } from '@process-exceptions/backstage-plugin-process-exceptions-common';
import { RuleContext, includesText, sameText } from './context';
import { newException } from './newException';
import { newFinding } from './newFinding';
import { sortedSeqs } from './sortedSeqs';
import { HOTFIX_TASKS, openTasks } from './taskTemplates';
import { addHours, isAfter } from './time';
import { DerivedTask, LedgerEventOf, NotCounted, RuleOutput } from './types';
import { naturalKeys } from './naturalKeys';

type Deployment = LedgerEventOf<'deployment.finished'>;

/**
 * A production deployment is a hotfix when it carries a hotfix label, or
 * names a P0 incident that was not resolved before it.
 */
export function isHotfixDeployment(
  ctx: RuleContext,
  deployment: Deployment,
): boolean {
  const { labels = [], incidentId } = deployment.data;
  if (labels.some(label => includesText(ctx.policy.hotfix.labels, label))) {
    return true;
  }
  const incident = incidentId ? ctx.incidents.get(incidentId) : undefined;
  return Boolean(
    incident?.isP0 &&
      !(incident.resolvedAt && incident.resolvedAt < deployment.occurredAt),
  );
}

/** Links of whatever a deployment opens or breaks. */
export function deploymentLinks(deployment: Deployment): ExceptionLinks {
  const { incidentId, changeIds = [], deploymentId } = deployment.data;
  return {
    ...(incidentId ? { incident: incidentId } : {}),
    changes: [...changeIds],
    deployment: deploymentId,
  };
}

/**
 * Closes the tasks whose evidence is in the ledger; returns the evidence.
 * A role's review the attestation policy does not count goes to `notCounted`.
 */
function closeByEvidence(
  ctx: RuleContext,
  deployment: Deployment,
  tasks: DerivedTask[],
  notCounted: NotCounted[],
): number[] {
  const changeIds = deployment.data.changeIds ?? [];
  const evidence: number[] = [];
  const close = (key: string, review: LedgerEventOf<'change.reviewed'>) => {
    for (const task of tasks.filter(t => t.key === key)) {
      task.doneAt = review.occurredAt;
      task.doneBy = review.data.reviewer;
      task.doneSeq = review.seq;
      task.evidenceUrl = review.data.url ?? null;
    }
  };

  const reaching = ctx.reviewReaching(changeIds, ctx.policy.confirmations);
  if (reaching) {
    close('full-review', reaching.review);
    evidence.push(...reaching.approvals.flatMap(a => a.seqs));
  }

  const byRole: Array<[string, string]> = [
    ['brief-check', 'product-owner'],
    ['qa-scenario', 'qa'],
    ['design-check', 'designer'],
  ];
  const laterReviews = ctx
    .reviewsOf(changeIds)
    .filter(r => isAfter(r.occurredAt, deployment.occurredAt));
  for (const [key, role] of byRole) {
    const claims = laterReviews.filter(
      r =>
        r.data.decision === 'approved' &&
        r.data.role !== undefined &&
        sameText(r.data.role, role),
    );
    const review = ctx.firstAttesting(key, claims, notCounted);
    if (review) {
      close(key, review);
      evidence.push(review.seq);
    }
  }
  return evidence;
}

function hotfixDeadline(ctx: RuleContext, deployment: Deployment) {
  const { incidentId } = deployment.data;
  const hours = ctx.policy.hotfix.backfillHours;
  if (!incidentId) return addHours(deployment.occurredAt, hours);
  // The clock starts when the incident is over, however long that takes.
  const resolvedAt = ctx.incidents.get(incidentId)?.resolvedAt;
  return resolvedAt ? addHours(resolvedAt, hours) : null;
}

function abbreviatedReviewFinding(ctx: RuleContext, deployment: Deployment) {
  const { minApprovals, requiredReviewerRole } = ctx.policy.hotfix;
  const changeIds = deployment.data.changeIds ?? [];
  const count = ctx.approvalCountAt(changeIds, deployment.occurredAt);
  const hasRequiredRole = ctx
    .approvalsBefore(changeIds, deployment.occurredAt)
    .some(a => includesText(a.roles, requiredReviewerRole));
  if (count >= minApprovals && hasRequiredRole) return null;

  const { deploymentId } = deployment.data;
  const missingRole = hasRequiredRole
    ? ''
    : `, none of them from a ${requiredReviewerRole}`;
  return {
    finding: newFinding({
      naturalKey: naturalKeys.abbreviatedReview(ctx.entityRef, deploymentId),
      rule: 'abbreviated-review-below-minimum',
      entityRef: ctx.entityRef,
      message:
        `Hotfix deployment ${deploymentId} reached production with ` +
        `${count} approval(s)${missingRole}; a hotfix needs at least ` +
        `${minApprovals} approval(s), one of them from a ${requiredReviewerRole}.`,
      eventSeqs: [deployment.seq],
      detectedAt: deployment.occurredAt,
    }),
    links: deploymentLinks(deployment),
  };
}

/** Hotfix exceptions and abbreviated-review findings. */
export function deriveHotfixes(ctx: RuleContext): RuleOutput {
  const output: RuleOutput = { exceptions: [], findings: [] };
  for (const deployment of ctx.productionDeployments()) {
    if (!isHotfixDeployment(ctx, deployment)) continue;
    const { data } = deployment;
    const incident = data.incidentId
      ? ctx.incidents.get(data.incidentId)
      : undefined;
    const deadline = hotfixDeadline(ctx, deployment);
    const tasks = openTasks(HOTFIX_TASKS, deadline);
    const notCounted: NotCounted[] = [];
    const evidence = closeByEvidence(ctx, deployment, tasks, notCounted);

    output.exceptions.push(
      newException({
        naturalKey: naturalKeys.hotfix(ctx.entityRef, data.deploymentId),
        entityRef: ctx.entityRef,
        kind: 'hotfix',
        name:
          data.name ??
          (data.incidentId
            ? `Hotfix for ${data.incidentId} on ${ctx.entityName}`
            : `Hotfix ${data.deploymentId} on ${ctx.entityName}`),
        reason: data.reason ?? incident?.title ?? 'Production hotfix',
        links: deploymentLinks(deployment),
        openedBy: deployment.actor,
        openedAt: deployment.occurredAt,
        deadline,
        tasks,
        notCounted,
        eventSeqs: sortedSeqs([
          deployment.seq,
          ...(incident?.seqs ?? []),
          ...evidence,
        ]),
      }),
    );

    const finding = abbreviatedReviewFinding(ctx, deployment);
    if (finding) output.findings.push(finding);
  }
  return output;
}
