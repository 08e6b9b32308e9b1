import {
  MergeGate,
  ProcessException,
} from '@process-exceptions/backstage-plugin-process-exceptions-common';

/**
 * A change may merge only when no partial-readiness exception of its story
 * (or linked to the change) has an open gap.
 */
export function evaluateMergeGate(
  exceptions: ProcessException[],
  query: { changeId?: string; storyId?: string },
): MergeGate {
  const blocking = exceptions
    .filter(e => e.kind === 'partial-readiness')
    .filter(
      e =>
        (query.storyId !== undefined && e.links.story === query.storyId) ||
        (query.changeId !== undefined &&
          (e.links.changes ?? []).includes(query.changeId)),
    )
    .flatMap(e =>
      e.tasks
        .filter(t => !t.doneAt)
        .map(t => ({
          exceptionId: e.id,
          entityRef: e.entityRef,
          storyId: e.links.story ?? null,
          gapKey: t.key.replace(/^gap:/, ''),
          description: t.title,
        })),
    );
  return { allowed: blocking.length === 0, blocking };
}
