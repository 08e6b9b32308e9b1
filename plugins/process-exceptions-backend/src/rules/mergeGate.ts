import { exceptionIdFor } from './ids';
import { EntityState } from './types';

export interface OpenGap {
  exceptionId: string;
  storyId: string | null;
  gapKey: string;
  description: string;
}

/**
 * The gaps that keep the merge gate closed for a story or a change: every
 * task not yet done of the partial-readiness exceptions linked to either.
 */
export function openGaps(
  state: EntityState,
  query: { storyId?: string; changeId?: string },
): OpenGap[] {
  const { storyId, changeId } = query;
  return state.exceptions
    .filter(
      e =>
        e.kind === 'partial-readiness' &&
        ((storyId !== undefined && e.links.story === storyId) ||
          (changeId !== undefined &&
            (e.links.changes ?? []).includes(changeId))),
    )
    .flatMap(e =>
      e.tasks
        .filter(task => task.doneAt === null)
        .map(task => ({
          exceptionId: exceptionIdFor(e.naturalKey),
          storyId: e.links.story ?? null,
          gapKey: task.key.replace(/^gap:/, ''),
          description: task.title,
        })),
    );
}
