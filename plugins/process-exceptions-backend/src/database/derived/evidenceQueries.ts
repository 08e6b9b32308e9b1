import {
  EventProvenance,
  Finding,
  ProcessException,
} from '@process-exceptions/backstage-plugin-process-exceptions-common';
import { Knex } from 'knex';
import { exceptionsWithState } from './exceptionsWithState';
import {
  ExceptionReadRow,
  exceptionFromRow,
  FindingRow,
  findingFromRow,
  TaskRow,
} from './rows';
import { parseJson, toDate } from '../sql/conversions';
import { externalIdsOf } from '../ledger/externalIds';

/** Where a page of a period starts: after this time and id. */
export type PeriodCursor = { at: Date; id: string };

/** The period and services an evidence export covers. */
export interface EvidenceScope {
  from: Date;
  to: Date;
  /** Only these services; every service when undefined. */
  entityRefs?: string[];
}

/** An exception with who delivered each task's closure. */
export type EvidenceException = ProcessException & {
  closedBy: Map<string, EventProvenance>;
};

/** Filters and orders `q` to a page of the scope, by `columns.time` then id. */
function inPeriod(
  q: Knex.QueryBuilder,
  columns: { time: string; id: string; entity: string },
  scope: EvidenceScope,
  after: PeriodCursor | undefined,
) {
  const { time: column, id, entity } = columns;
  q.where(column, '>=', scope.from).andWhere(column, '<', scope.to);
  if (scope.entityRefs) q.whereIn(entity, scope.entityRefs);
  // A row-value comparison, which both databases match to the
  // (time, id) index: each page starts where the last ended, where an OR
  // of the two conditions would scan the period from its start again.
  if (after) q.andWhereRaw(`(${column}, ${id}) > (?, ?)`, [after.at, after.id]);
  return q.orderBy([
    { column, order: 'asc' },
    { column: id, order: 'asc' },
  ]);
}

/** One page of the exceptions opened in the period, oldest first. */
export async function exceptionsOpenedIn(
  db: Knex,
  scope: EvidenceScope,
  after: PeriodCursor | undefined,
  limit: number,
): Promise<{ items: EvidenceException[]; next?: PeriodCursor }> {
  const rows: ExceptionReadRow[] = await inPeriod(
    exceptionsWithState(db),
    { time: 'e.opened_at', id: 'e.id', entity: 'e.entity_ref' },
    scope,
    after,
  ).limit(limit);

  const closers = new Map<number, string[]>(); // seq -> exception/task keys
  for (const row of rows) {
    for (const t of parseJson<TaskRow[]>(row.tasks)) {
      if (t.done_seq === null || t.done_seq === undefined) continue;
      const list = closers.get(Number(t.done_seq)) ?? [];
      list.push(`${row.id}/${t.key}`);
      closers.set(Number(t.done_seq), list);
    }
  }
  const provenance = new Map<string, EventProvenance>();
  if (closers.size > 0) {
    for (const e of await db('pe_events')
      .whereIn('seq', [...closers.keys()])
      .select('seq', 'provenance')) {
      for (const key of closers.get(Number(e.seq)) ?? []) {
        provenance.set(key, parseJson<EventProvenance>(e.provenance));
      }
    }
  }
  const items = rows.map(row => {
    const exception = exceptionFromRow(row);
    const closedBy = new Map<string, EventProvenance>();
    for (const t of exception.tasks) {
      const p = provenance.get(`${row.id}/${t.key}`);
      if (p) closedBy.set(t.key, p);
    }
    return { ...exception, closedBy };
  });
  const last = rows[rows.length - 1];
  return {
    items,
    next:
      rows.length === limit
        ? { at: toDate(last.opened_at), id: last.id }
        : undefined,
  };
}

/** One page of the findings detected in the period, oldest first. */
export async function findingsDetectedIn(
  db: Knex,
  scope: EvidenceScope,
  after: PeriodCursor | undefined,
  limit: number,
): Promise<{ items: Finding[]; next?: PeriodCursor }> {
  const rows: FindingRow[] = await inPeriod(
    db<FindingRow>('pe_findings as f').select('f.*'),
    { time: 'f.detected_at', id: 'f.id', entity: 'f.entity_ref' },
    scope,
    after,
  ).limit(limit);
  const ids = await externalIdsOf(
    db,
    rows.flatMap(r => parseJson<number[]>(r.event_seqs)),
  );
  const last = rows[rows.length - 1];
  return {
    items: rows.map(r => findingFromRow(r, ids)),
    next:
      rows.length === limit
        ? { at: toDate(last.detected_at), id: last.id }
        : undefined,
  };
}
