import {
  Finding,
  ProcessException,
  TrailEvent,
} from '@process-exceptions/backstage-plugin-process-exceptions-common';
import { Knex } from 'knex';
import { sha256Hex } from '../../lib/sha256Hex';
import { exceptionsWithState } from '../derived/exceptionsWithState';
import {
  ExceptionReadRow,
  exceptionFromRow,
  FindingRow,
  findingFromRow,
  TaskRow,
} from '../derived/rows';
import { parseJson } from '../sql/conversions';
import { TIMELINE_COLUMNS, timelineEventOf } from './timelineRows';
import { externalIdsOf } from './externalIds';

/** The keys a trail starts from: a correlation key's kind and value. */
export type TrailKeyKind =
  | 'change'
  | 'deployment'
  | 'incident'
  | 'flag'
  | 'story';

/** A ledger event on a trail, as the timeline shows it, with its service. */
export type TrailRecordEvent = TrailEvent & {
  seq: number;
  entityRef: string | null;
  /** Carries the key itself, rather than joining through an exception. */
  direct: boolean;
};

/** Everything a trail touches, before read access and ordering. */
export interface TrailRecords {
  events: TrailRecordEvent[];
  /** Exceptions with the seqs of their events on the trail. */
  exceptions: Array<{ exception: ProcessException; eventSeqs: number[] }>;
  /** Which event closed each done task, by exception id and task key. */
  closers: Map<string, number>;
  findings: Finding[];
  /** More events carry the key than a trail shows. */
  truncated: boolean;
}

const MAX_KEYED = 1000;

/**
 * Reads the trail of one key from the correlation index: the events that
 * carry it, the exceptions those events belong to (with the rest of their
 * events, which is how a change reaches its incident and its backfills),
 * and the findings that name any of those events.
 */
export async function readTrail(
  db: Knex,
  kind: TrailKeyKind,
  value: string,
): Promise<TrailRecords> {
  const keyed = (
    await db('pe_event_keys')
      .where({ kind, value_digest: sha256Hex(value), value })
      .distinct('event_seq')
      .orderBy('event_seq')
      .limit(MAX_KEYED + 1)
  ).map(r => Number(r.event_seq));
  const truncated = keyed.length > MAX_KEYED;
  const direct = new Set(keyed.slice(0, MAX_KEYED));
  if (direct.size === 0) {
    return {
      events: [],
      exceptions: [],
      closers: new Map(),
      findings: [],
      truncated,
    };
  }

  const links = await db('pe_exception_events')
    .whereIn(
      'exception_id',
      db('pe_exception_events')
        .whereIn('event_seq', [...direct])
        .select('exception_id'),
    )
    .select('exception_id', 'event_seq');
  const exceptionIds = [...new Set(links.map(l => l.exception_id as string))];
  const seqsOf = new Map<string, number[]>();
  for (const l of links) {
    const list = seqsOf.get(l.exception_id) ?? [];
    list.push(Number(l.event_seq));
    seqsOf.set(l.exception_id, list);
  }

  const exceptionRows: ExceptionReadRow[] =
    exceptionIds.length > 0
      ? await exceptionsWithState(db).whereIn('e.id', exceptionIds)
      : [];
  const closers = new Map<string, number>();
  for (const row of exceptionRows) {
    for (const t of parseJson<TaskRow[]>(row.tasks)) {
      if (t.done_seq !== null && t.done_seq !== undefined) {
        closers.set(`${row.id}/${t.key}`, Number(t.done_seq));
      }
    }
  }

  const seqs = new Set([
    ...direct,
    ...links.map(l => Number(l.event_seq)),
    ...closers.values(),
  ]);
  const eventRows = await db('pe_events as e')
    .whereIn('e.seq', [...seqs])
    .select('e.seq', 'e.entity_ref', ...TIMELINE_COLUMNS);
  const events: TrailRecordEvent[] = eventRows.map(e => ({
    ...timelineEventOf(e),
    seq: Number(e.seq),
    entityRef: e.entity_ref ?? null,
    direct: direct.has(Number(e.seq)),
  }));

  // Findings keep their events as a list; those of the services crossed
  // are few enough to match here.
  const services = [
    ...new Set(events.flatMap(e => (e.entityRef ? [e.entityRef] : []))),
  ];
  const findingRows: FindingRow[] =
    services.length > 0
      ? await db<FindingRow>('pe_findings').whereIn('entity_ref', services)
      : [];
  const touching = findingRows.filter(r =>
    parseJson<number[]>(r.event_seqs).some(s => seqs.has(s)),
  );
  const ids = await externalIdsOf(
    db,
    touching.flatMap(r => parseJson<number[]>(r.event_seqs)),
  );
  const findings = touching.map(r => findingFromRow(r, ids));

  return {
    events,
    exceptions: exceptionRows.map(row => ({
      exception: exceptionFromRow(row),
      eventSeqs: seqsOf.get(row.id) ?? [],
    })),
    closers,
    findings,
    truncated,
  };
}
