import { EventProvenance } from '@process-exceptions/backstage-plugin-process-exceptions-common';
import { Knex } from 'knex';
import { sha256Hex } from '../../lib/sha256Hex';
import { parseJson } from '../sql/conversions';
import { PORTAL_SOURCE } from './ledgerRows';

/** A story pulled for a service the catalog does not know yet. */
export type UnmappedStory = {
  storyId: string;
  seq: number;
  /** The `story.pulled` data as it was sent. */
  data: Record<string, unknown>;
  /** What the event named as its service. */
  subject: string | null;
  eventId: string;
  gaps: Array<{ key: string; description: string }>;
};

/** A `gap.closed` of such a story, for the attestation policy to weigh. */
export type GapClosing = {
  storyId: string;
  gapKey: string;
  provenance: EventProvenance;
};

export type UnmappedStories = {
  stories: UnmappedStory[];
  closings: GapClosing[];
};

type KeyedRow = {
  seq: number | string;
  source: string;
  entity_ref: string | null;
  type: string;
  external_id: string;
  subject: string | null;
  data: string | object;
  provenance: string | object;
};

/** The events of some types that carry one of `values` as a `kind` key. */
function keyedEvents(
  db: Knex,
  kind: 'change' | 'story',
  values: string[],
  types: string[],
): Promise<KeyedRow[]> {
  return db('pe_event_keys as k')
    .join('pe_events as e', 'e.seq', 'k.event_seq')
    .where('k.kind', kind)
    .whereIn('k.value_digest', values.map(sha256Hex))
    .whereIn('k.value', values)
    .whereIn('e.type', types)
    .orderBy('e.seq')
    .select(
      'e.seq',
      'e.source',
      'e.entity_ref',
      'e.type',
      'e.external_id',
      'e.subject',
      'e.data',
      'e.provenance',
    );
}

/**
 * The stories named by a change or a story id whose `story.pulled` is
 * unmapped and that no known service has pulled: the merge gate cannot
 * leave them out, or a typo in an entity ref would open it. Once any
 * service has the story, its exception decides instead.
 */
export async function readUnmappedStories(
  db: Knex,
  query: { changeId?: string; storyId?: string },
): Promise<UnmappedStories> {
  const pulled = query.changeId
    ? await keyedEvents(db, 'change', [query.changeId], ['story.pulled'])
    : await keyedEvents(db, 'story', [query.storyId!], ['story.pulled']);
  const unmapped = pulled.filter(e => e.entity_ref === null);
  if (unmapped.length === 0) return { stories: [], closings: [] };
  const storyIdOf = (e: KeyedRow) =>
    parseJson<{ storyId: string }>(e.data).storyId;
  const candidates = [...new Set(unmapped.map(storyIdOf))];
  const related = await keyedEvents(db, 'story', candidates, [
    'story.pulled',
    'gap.closed',
    'story.withdrawn',
  ]);
  // Withdrawn by an operator in the portal, after it was pulled.
  const withdrawnAt = new Map<string, number>();
  for (const e of related) {
    if (e.type === 'story.withdrawn' && e.source === PORTAL_SOURCE) {
      withdrawnAt.set(storyIdOf(e), Number(e.seq));
    }
  }
  const known = new Set(
    related
      .filter(e => e.type === 'story.pulled' && e.entity_ref !== null)
      .map(storyIdOf),
  );
  const stories = unmapped
    .filter(e => !known.has(storyIdOf(e)))
    .filter(e => (withdrawnAt.get(storyIdOf(e)) ?? 0) < Number(e.seq))
    .map(e => {
      const data = parseJson<{
        storyId: string;
        gaps: UnmappedStory['gaps'];
      }>(e.data);
      return {
        storyId: data.storyId,
        seq: Number(e.seq),
        data,
        subject: e.subject,
        eventId: e.external_id,
        gaps: data.gaps,
      };
    });
  const closings = related
    .filter(e => e.type === 'gap.closed')
    .map(e => {
      const data = parseJson<{ storyId: string; gapKey: string }>(e.data);
      return {
        storyId: data.storyId,
        gapKey: data.gapKey,
        provenance: parseJson<EventProvenance>(e.provenance),
      };
    });
  return { stories, closings };
}
