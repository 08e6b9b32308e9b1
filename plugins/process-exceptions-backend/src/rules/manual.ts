import {
  ExceptionKind,
  ExceptionLinks,
  FindingRule,
} from '@process-exceptions/backstage-plugin-process-exceptions-common';
import { RuleContext } from './context';
import { findingIdFor } from './ids';
import { kindDefaults } from './kindDefaults';
import { newException } from './newException';
import { openTasks } from './taskTemplates';
import { DerivedException, DerivedFinding, SourcedFinding } from './types';
import { naturalKeys } from './naturalKeys';

function copyLinks(links: ExceptionLinks = {}): ExceptionLinks {
  return links.changes
    ? { ...links, changes: [...links.changes] }
    : { ...links };
}

/** The exception that should have been recorded for each kind of finding. */
const KIND_BY_RULE: Record<FindingRule, ExceptionKind> = {
  'abbreviated-review-below-minimum': 'hotfix',
  'pipeline-bypassed': 'hotfix',
  'unrecorded-exception': 'hotfix',
  're-enabled-before-staging': 'flag-disable',
  'merged-with-open-gap': 'partial-readiness',
};

/**
 * Exceptions people recorded through the portal. Only backfills close their
 * tasks: nothing in the ledger ties evidence to them.
 */
export function deriveRecordedExceptions(ctx: RuleContext): DerivedException[] {
  return ctx.ofType('exception.recorded').map(event => {
    const { kind, name, reason, links, gaps } = event.data;
    const { deadline, templates } = kindDefaults(
      ctx.policy,
      kind,
      event.occurredAt,
      gaps,
    );
    return newException({
      naturalKey: naturalKeys.recorded(ctx.entityRef, event.externalId),
      entityRef: ctx.entityRef,
      kind,
      name,
      reason,
      links: copyLinks(links),
      openedBy: event.actor,
      openedAt: event.occurredAt,
      deadline,
      tasks: openTasks(templates, deadline),
      eventSeqs: [event.seq],
    });
  });
}

/**
 * Marks acknowledged findings and opens the exceptions recorded for them.
 * Runs after every finding is derived, so an acknowledgement that arrived
 * before its finding's events still applies.
 */
export function applyAcknowledgements(
  ctx: RuleContext,
  sourced: SourcedFinding[],
): { findings: DerivedFinding[]; exceptions: DerivedException[] } {
  const byId = new Map(
    sourced.map(s => [findingIdFor(s.finding.naturalKey), s]),
  );
  const findings = new Map(
    sourced.map(s => [s.finding.naturalKey, { ...s.finding }]),
  );
  const exceptions: DerivedException[] = [];

  for (const ack of ctx.ofType('finding.acknowledged')) {
    const { findingId, name, reason } = ack.data;
    const source = byId.get(findingId);
    const finding = source && findings.get(source.finding.naturalKey);
    if (!source || !finding || finding.acknowledgedAt) continue;

    const exceptionKey = naturalKeys.acknowledgement(ctx.entityRef, findingId);
    finding.acknowledgedAt = ack.occurredAt;
    finding.acknowledgedBy = ack.actor;
    finding.exceptionKey = exceptionKey;

    const kind = KIND_BY_RULE[finding.rule];
    const { deadline, templates } = kindDefaults(
      ctx.policy,
      kind,
      ack.occurredAt,
    );
    exceptions.push(
      newException({
        naturalKey: exceptionKey,
        entityRef: ctx.entityRef,
        kind,
        name,
        reason,
        links: copyLinks(source.links),
        openedBy: ack.actor,
        openedAt: ack.occurredAt,
        deadline,
        tasks: openTasks(templates, deadline),
        eventSeqs: [ack.seq],
      }),
    );
  }
  return { findings: [...findings.values()], exceptions };
}
