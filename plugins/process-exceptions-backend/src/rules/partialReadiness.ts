import { RuleContext } from './context';
import { exceptionIdFor } from './ids';
import { newException } from './newException';
import { newFinding } from './newFinding';
import { sortedSeqs } from './sortedSeqs';
import { gapTaskTemplate, openTasks } from './taskTemplates';
import { addHours, isAfter, isAtOrBefore } from './time';
import { DerivedException, LedgerEventOf, RuleOutput } from './types';
import { naturalKeys } from './naturalKeys';

type StoryPull = LedgerEventOf<'story.pulled'>;

/** A story pulled with named gaps, and when each gap was named. */
interface StoryCase {
  storyId: string;
  exception: DerivedException;
  gapNamedAt: Map<string, Date>;
  /** The reason the opening pull gave, if any. */
  reason: string | undefined;
}

function openStory(ctx: RuleContext, pull: StoryPull): StoryCase {
  const { storyId, title } = pull.data;
  const deadline = addHours(
    pull.occurredAt,
    ctx.policy.partialReadiness.backfillHours,
  );
  return {
    storyId,
    gapNamedAt: new Map(),
    reason: pull.data.reason,
    exception: newException({
      naturalKey: naturalKeys.partialReadiness(ctx.entityRef, storyId),
      entityRef: ctx.entityRef,
      kind: 'partial-readiness',
      name: pull.data.name ?? `Partial readiness of ${storyId}: ${title}`,
      // Settled once every pull of the story has named its gaps.
      reason: '',
      links: { story: storyId, changes: [] },
      openedBy: pull.actor,
      openedAt: pull.occurredAt,
      deadline,
      tasks: [],
      eventSeqs: [],
    }),
  };
}

function addGaps(story: StoryCase, pull: StoryPull) {
  const { exception, gapNamedAt } = story;
  for (const gap of pull.data.gaps) {
    if (gapNamedAt.has(gap.key)) continue;
    gapNamedAt.set(gap.key, pull.occurredAt);
    exception.tasks.push(
      ...openTasks([gapTaskTemplate(gap)], exception.deadline),
    );
  }
  exception.eventSeqs.push(pull.seq);
}

/**
 * Changes of each story: the pulls' own, then any review or merge naming it,
 * in replay order.
 */
function changesByStory(ctx: RuleContext): Map<string, Set<string>> {
  const byStory = new Map<string, Set<string>>();
  const add = (storyId: string, changeIds: readonly string[]) => {
    let set = byStory.get(storyId);
    if (!set) byStory.set(storyId, (set = new Set()));
    for (const id of changeIds) set.add(id);
  };
  for (const event of ctx.events) {
    if (event.type === 'story.pulled') {
      add(event.data.storyId, event.data.changeIds ?? []);
    } else if (
      (event.type === 'change.reviewed' || event.type === 'change.merged') &&
      event.data.storyId
    ) {
      add(event.data.storyId, [event.data.changeId]);
    }
  }
  return byStory;
}

/**
 * Closes gaps by `gap.closed`. A `backfill.completed` for a gap task closes
 * it too (applied later with the other backfills), and counts here so that a
 * merge after it is not reported.
 */
function closeGaps(ctx: RuleContext, story: StoryCase) {
  const { exception } = story;
  const exceptionId = exceptionIdFor(exception.naturalKey);
  const closedAt = new Map<string, Date>();
  for (const closed of ctx.ofType('gap.closed')) {
    if (closed.data.storyId !== story.storyId) continue;
    const task = exception.tasks.find(
      t => t.key === `gap:${closed.data.gapKey}`,
    );
    if (!task || task.doneAt) continue;
    if (!ctx.attests(task.key, closed, exception.notCounted)) continue;
    task.doneAt = closed.occurredAt;
    task.doneBy = closed.actor;
    task.doneSeq = closed.seq;
    task.evidenceUrl = closed.data.evidenceUrl ?? null;
    exception.eventSeqs.push(closed.seq);
    closedAt.set(task.key, closed.occurredAt);
  }
  for (const backfill of ctx.ofType('backfill.completed')) {
    const key = backfill.data.taskKey;
    const known = closedAt.get(key);
    if (
      backfill.data.exceptionId === exceptionId &&
      exception.tasks.some(t => t.key === key) &&
      ctx.attests(key, backfill) &&
      (!known || isAfter(known, backfill.occurredAt))
    ) {
      closedAt.set(key, backfill.occurredAt);
    }
  }
  return closedAt;
}

function openGapKeysAt(
  story: StoryCase,
  closedAt: Map<string, Date>,
  time: Date,
): string[] {
  return [...story.gapNamedAt.entries()]
    .filter(([gapKey, namedAt]) => {
      const closed = closedAt.get(`gap:${gapKey}`);
      return (
        isAtOrBefore(namedAt, time) && !(closed && isAtOrBefore(closed, time))
      );
    })
    .map(([gapKey]) => gapKey);
}

/** Partial-readiness exceptions and merged-with-open-gap findings. */
export function derivePartialReadiness(ctx: RuleContext): RuleOutput {
  const output: RuleOutput = { exceptions: [], findings: [] };
  const stories = new Map<string, StoryCase>();
  for (const pull of ctx.ofType('story.pulled')) {
    let story = stories.get(pull.data.storyId);
    if (!story) {
      // A pull without gaps is a normal pull: no exception.
      if (pull.data.gaps.length === 0) continue;
      story = openStory(ctx, pull);
      stories.set(story.storyId, story);
    }
    addGaps(story, pull);
  }

  const closedAtByStory = new Map<string, Map<string, Date>>();
  const storyChanges = changesByStory(ctx);
  for (const story of stories.values()) {
    const { exception } = story;
    exception.links.changes = [...(storyChanges.get(story.storyId) ?? [])];
    exception.reason =
      story.reason ?? `Pulled with ${exception.tasks.length} named gap(s)`;
    closedAtByStory.set(story.storyId, closeGaps(ctx, story));
    exception.eventSeqs = sortedSeqs(exception.eventSeqs);
    output.exceptions.push(exception);
  }

  for (const merge of ctx.ofType('change.merged')) {
    const { changeId } = merge.data;
    for (const story of stories.values()) {
      const linked =
        merge.data.storyId === story.storyId ||
        (story.exception.links.changes ?? []).includes(changeId);
      if (!linked) continue;
      const closedAt = closedAtByStory.get(story.storyId) ?? new Map();
      const open = openGapKeysAt(story, closedAt, merge.occurredAt);
      const naturalKey = naturalKeys.mergedWithOpenGap(
        ctx.entityRef,
        story.storyId,
        changeId,
      );
      if (
        open.length === 0 ||
        output.findings.some(f => f.finding.naturalKey === naturalKey)
      ) {
        continue;
      }
      output.findings.push({
        finding: newFinding({
          naturalKey,
          rule: 'merged-with-open-gap',
          entityRef: ctx.entityRef,
          message:
            `Change ${changeId} was merged while story ${story.storyId} ` +
            `still had open gap(s): ${open.join(', ')}.`,
          eventSeqs: [merge.seq],
          detectedAt: merge.occurredAt,
        }),
        links: { story: story.storyId, changes: [changeId] },
      });
    }
  }
  return output;
}
