import {
  MergeGate,
  MergeGateBlocker,
  ProcessException,
} from '@process-exceptions/backstage-plugin-process-exceptions-common';
import { UnmappedStories } from '../database/ledger/unmappedStories';
import { AttestationPolicy } from '../policy/Policy';
import { refusalOf } from '../rules/attestation';

type GateQuery = { changeId?: string; storyId?: string };

function mappedBlockers(
  exceptions: ProcessException[],
  query: GateQuery,
): MergeGateBlocker[] {
  return exceptions
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
}

/** The open gaps of stories sent for a service the catalog does not know. */
function unmappedBlockers(
  unmapped: UnmappedStories,
  attestation: AttestationPolicy,
): MergeGateBlocker[] {
  // Closed only by what the attestation policy lets close that gap.
  const closed = new Set(
    unmapped.closings
      .filter(c => !refusalOf(attestation, `gap:${c.gapKey}`, c.provenance))
      .map(c => `${c.storyId}\n${c.gapKey}`),
  );
  const seen = new Set<string>();
  return unmapped.stories.flatMap(story =>
    story.gaps.flatMap(gap => {
      const id = `${story.storyId}\n${gap.key}`;
      if (closed.has(id) || seen.has(id)) return [];
      seen.add(id);
      const named = story.subject ? `"${story.subject}"` : 'no service';
      return [
        {
          exceptionId: null,
          entityRef: null,
          storyId: story.storyId,
          gapKey: gap.key,
          description: gap.description,
          unmapped: {
            subject: story.subject,
            eventId: story.eventId,
            hint:
              `Story ${story.storyId} was sent for ${named}, which the catalog does not know yet ` +
              `(event ${story.eventId}): register that entity, or send the story again for its service. ` +
              'Until then its gaps block the merge.',
          },
        },
      ];
    }),
  );
}

/**
 * A change may merge only when no partial-readiness exception of its story
 * (or linked to the change) has an open gap, and no story naming it was
 * sent for a service the catalog does not know with a gap still open: the
 * gate fails closed.
 */
export function evaluateMergeGate(
  exceptions: ProcessException[],
  unmapped: UnmappedStories,
  attestation: AttestationPolicy,
  query: GateQuery,
): MergeGate {
  const blocking = [
    ...mappedBlockers(exceptions, query),
    ...unmappedBlockers(unmapped, attestation),
  ];
  return { allowed: blocking.length === 0, blocking };
}
