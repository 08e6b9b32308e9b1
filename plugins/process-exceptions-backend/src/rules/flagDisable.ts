import { RuleContext } from './context';
import { exceptionIdFor } from './ids';
import { newException } from './newException';
import { newFinding } from './newFinding';
import { sortedSeqs } from './sortedSeqs';
import { FLAG_DISABLE_TASKS, openTasks } from './taskTemplates';
import { addHours, isAfter } from './time';
import {
  DerivedException,
  DerivedTask,
  LedgerEventOf,
  NotCounted,
  RuleOutput,
  SourcedFinding,
} from './types';
import { naturalKeys } from './naturalKeys';

type FlagChange = LedgerEventOf<'flag.changed'>;

/** A flag still off in production, and the exception that switch-off opened. */
interface StillOff {
  exception: DerivedException;
  off: FlagChange;
}

interface DoneBy {
  occurredAt: Date;
  actor: string | null;
  seq: number;
  url: string | null;
}

function markDone(tasks: DerivedTask[], key: string, by: DoneBy) {
  for (const task of tasks.filter(t => t.key === key)) {
    task.doneAt = by.occurredAt;
    task.doneBy = by.actor;
    task.doneSeq = by.seq;
    task.evidenceUrl = by.url;
  }
}

function openFlagDisable(ctx: RuleContext, off: FlagChange): DerivedException {
  const { flagKey } = off.data;
  const naturalKey = naturalKeys.flagDisable(
    ctx.entityRef,
    flagKey,
    off.externalId,
  );
  const deadline = addHours(
    off.occurredAt,
    ctx.policy.flagDisable.backfillHours,
  );
  const tasks = openTasks(FLAG_DISABLE_TASKS, deadline);
  const exceptionId = exceptionIdFor(naturalKey);
  const seqs = [off.seq];
  const notCounted: NotCounted[] = [];

  const fixes = ctx
    .ofType('deployment.finished')
    .filter(
      d =>
        d.data.outcome === 'succeeded' &&
        d.data.viaPipeline !== false &&
        isAfter(d.occurredAt, off.occurredAt) &&
        (d.data.fixes?.flagKey === flagKey ||
          d.data.fixes?.exceptionId === exceptionId),
    );
  const fix = ctx.firstAttesting('fix-deployed', fixes, notCounted);
  if (fix) {
    markDone(tasks, 'fix-deployed', {
      ...fix,
      url: fix.data.pipelineRunUrl ?? null,
    });
    seqs.push(fix.seq);
  }

  const fixChanges = fix?.data.changeIds ?? [];
  const verifications = ctx
    .ofType('verification.finished')
    .filter(
      v =>
        v.data.outcome === 'passed' &&
        ctx.isStaging(v.data.environment) &&
        isAfter(v.occurredAt, off.occurredAt) &&
        (v.data.flagKey === flagKey ||
          (v.data.changeIds ?? []).some(id => fixChanges.includes(id))),
    );
  const verification = ctx.firstAttesting(
    'staging-verified',
    verifications,
    notCounted,
  );
  if (verification) {
    markDone(tasks, 'staging-verified', {
      ...verification,
      url: verification.data.url ?? null,
    });
    seqs.push(verification.seq);
  }

  return newException({
    naturalKey,
    entityRef: ctx.entityRef,
    kind: 'flag-disable',
    name:
      off.data.name ?? `Emergency disable of ${flagKey} on ${ctx.entityName}`,
    reason: off.data.reason ?? 'Flag turned off in production',
    links: { flag: flagKey },
    openedBy: off.actor,
    openedAt: off.occurredAt,
    deadline,
    tasks,
    notCounted,
    eventSeqs: sortedSeqs(seqs),
  });
}

/** Turning the flag back on closes the last task, in whatever order. */
function reEnable(
  ctx: RuleContext,
  { exception, off }: StillOff,
  on: FlagChange,
): SourcedFinding | null {
  if (ctx.attests('flag-re-enabled', on, exception.notCounted)) {
    markDone(exception.tasks, 'flag-re-enabled', {
      ...on,
      url: on.data.url ?? null,
    });
  }
  exception.eventSeqs = sortedSeqs([...exception.eventSeqs, on.seq]);

  const verifiedAt = exception.tasks.find(
    t => t.key === 'staging-verified',
  )?.doneAt;
  if (verifiedAt && !isAfter(verifiedAt, on.occurredAt)) return null;
  const { flagKey } = on.data;
  return {
    finding: newFinding({
      naturalKey: naturalKeys.reEnabledBeforeStaging(
        ctx.entityRef,
        flagKey,
        on.externalId,
      ),
      rule: 're-enabled-before-staging',
      entityRef: ctx.entityRef,
      message: verifiedAt
        ? `Flag ${flagKey} was re-enabled in production before the fix was verified in staging.`
        : `Flag ${flagKey} was re-enabled in production without the fix being verified in staging.`,
      eventSeqs: sortedSeqs([off.seq, on.seq]),
      detectedAt: on.occurredAt,
    }),
    links: { ...exception.links },
  };
}

/** Flag-disable exceptions and re-enabled-before-staging findings. */
export function deriveFlagDisables(ctx: RuleContext): RuleOutput {
  const output: RuleOutput = { exceptions: [], findings: [] };
  // The exception of each flag that is still off in production.
  const stillOff = new Map<string, StillOff>();
  const changes = ctx
    .ofType('flag.changed')
    .filter(c => ctx.isProduction(c.data.environment));

  for (const change of changes) {
    const { flagKey } = change.data;
    const open = stillOff.get(flagKey);
    if (!change.data.enabled) {
      if (change.data.planned === true) continue;
      if (open) {
        // Turned off again before it came back: the same emergency.
        const { exception } = open;
        exception.eventSeqs = sortedSeqs([...exception.eventSeqs, change.seq]);
        continue;
      }
      const exception = openFlagDisable(ctx, change);
      output.exceptions.push(exception);
      stillOff.set(flagKey, { exception, off: change });
    } else if (open) {
      stillOff.delete(flagKey);
      const finding = reEnable(ctx, open, change);
      if (finding) output.findings.push(finding);
    }
  }
  return output;
}
