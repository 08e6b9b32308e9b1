import { RuleContext } from './context';
import { exceptionIdFor } from './ids';
import { sortedSeqs } from './sortedSeqs';
import { isAfter, isAtOrBefore } from './time';
import { DerivedException } from './types';

/**
 * Applies `backfill.completed` events to the tasks they name. An exception is
 * named by its id, or a hotfix by its incident. Evidence that closed a task
 * earlier keeps it; unknown exceptions and task keys are ignored.
 */
export function applyBackfills(
  ctx: RuleContext,
  exceptions: DerivedException[],
): void {
  const byId = new Map(exceptions.map(e => [exceptionIdFor(e.naturalKey), e]));
  for (const backfill of ctx.ofType('backfill.completed')) {
    const { exceptionId, incidentId, taskKey, evidenceUrl } = backfill.data;
    const targets = new Set<DerivedException>();
    const named = exceptionId ? byId.get(exceptionId) : undefined;
    if (named) targets.add(named);
    if (incidentId) {
      for (const e of exceptions) {
        if (e.kind === 'hotfix' && e.links.incident === incidentId) {
          targets.add(e);
        }
      }
    }
    for (const exception of targets) {
      const task = exception.tasks.find(t => t.key === taskKey);
      if (!task) continue;
      if (!ctx.attests(taskKey, backfill, exception.notCounted)) continue;
      if (task.doneAt && isAtOrBefore(task.doneAt, backfill.occurredAt)) {
        continue;
      }
      task.doneAt = backfill.occurredAt;
      task.doneBy = backfill.actor;
      task.doneSeq = backfill.seq;
      task.evidenceUrl = evidenceUrl ?? null;
      exception.eventSeqs = sortedSeqs([...exception.eventSeqs, backfill.seq]);
    }
  }
}

/** Status, backfilledAt and backfilledOnTime, as of `now`. */
export function settleStatus(
  exception: DerivedException,
  now: Date,
): DerivedException {
  const { tasks, deadline } = exception;
  const doneAts = tasks.map(t => t.doneAt);
  if (tasks.length > 0 && doneAts.every((d): d is Date => d !== null)) {
    const backfilledAt = new Date(Math.max(...doneAts.map(d => d.getTime())));
    return {
      ...exception,
      status: 'backfilled',
      backfilledAt,
      backfilledOnTime:
        deadline === null || isAtOrBefore(backfilledAt, deadline),
    };
  }
  return {
    ...exception,
    status: deadline !== null && isAfter(now, deadline) ? 'overdue' : 'open',
    backfilledAt: null,
    backfilledOnTime: null,
  };
}
