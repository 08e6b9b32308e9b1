import { Knex } from 'knex';
import { dialectOf } from '../dialect/SqlDialect';
import { toBool, toDate } from '../sql/conversions';
import { EntityScoreRow, WeeklyCountRow } from '../ExceptionStore';

// The scorecard's aggregate queries: one grouped pass per figure, never a
// query per entity.

const WEEK_MS = 7 * 24 * 3600 * 1000;
// Durations are grouped into 6-minute buckets (0.1 h, the precision the
// scorecard shows).
const BUCKET_SECONDS = 360;

/**
 * Three grouped queries, run at once, each reading one index that starts
 * with the service, so the database groups in index order: unbackfilled
 * exceptions (pe_exception_states_unbackfilled_idx), backfills since `since`
 * (pe_exception_states_backfilled_idx) and unacknowledged findings
 * (pe_findings_unacknowledged_idx). Overdue is read from the deadline, as of
 * `now`, rather than from `status`, which keeps `status` out of every index
 * the sweep would otherwise have to rewrite; the two agree except between a
 * deadline passing and the next sweep.
 */
export async function scoreEntities(
  db: Knex,
  options: {
    since: Date;
    now: Date;
    entityRefs?: string[];
  },
): Promise<EntityScoreRow[]> {
  const { since, now, entityRefs } = options;
  const scoped = (q: Knex.QueryBuilder) =>
    entityRefs ? q.whereIn('entity_ref', entityRefs) : q;

  const unbackfilled = scoped(
    db('pe_exception_states')
      .whereNull('backfilled_at')
      .groupBy('entity_ref')
      .select(
        'entity_ref',
        db.raw('count(*) as n'),
        db.raw('sum(case when deadline < ? then 1 else 0 end) as overdue', [
          now,
        ]),
        db.raw('min(case when deadline < ? then deadline end) as oldest', [
          now,
        ]),
      ),
  );
  // One row per service, its backfill durations as one list of 6-minute
  // buckets: a row per (service, bucket) cost more to send and parse than
  // to aggregate.
  const bucketList = dialectOf(db).commaList(
    `backfill_seconds / ${BUCKET_SECONDS}`,
  );
  const backfilled = scoped(
    db('pe_exception_states')
      .whereNotNull('backfilled_at')
      .andWhere('backfilled_at', '>=', since)
      .groupBy('entity_ref')
      .select(
        'entity_ref',
        db.raw('count(*) as n'),
        db.raw(
          'sum(case when backfilled_on_time = ? then 1 else 0 end) as on_time',
          [true],
        ),
        db.raw(`${bucketList} as buckets`),
      ),
  );
  const findings = scoped(
    db('pe_findings')
      .whereNull('acknowledged_at')
      .groupBy('entity_ref')
      .select(
        'entity_ref',
        db.raw('count(*) as n'),
        db.raw('sum(case when detected_at >= ? then 1 else 0 end) as recent', [
          since,
        ]),
      ),
  );
  const [unbackfilledRows, backfilledRows, findingRows] = await Promise.all([
    unbackfilled,
    backfilled,
    findings,
  ]);

  const rows = new Map<string, EntityScoreRow>();
  const row = (entityRef: string) => {
    let r = rows.get(entityRef);
    if (!r) {
      r = {
        entityRef,
        open: 0,
        overdue: 0,
        backfilledOnTime: 0,
        backfilledLate: 0,
        unacknowledgedFindings: 0,
        findingsInWindow: 0,
        oldestOverdueDeadline: null,
        backfillBuckets: [],
      };
      rows.set(entityRef, r);
    }
    return r;
  };
  for (const e of unbackfilledRows) {
    const r = row(e.entity_ref);
    r.overdue = Number(e.overdue);
    r.open = Number(e.n) - r.overdue;
    r.oldestOverdueDeadline = e.oldest ? toDate(e.oldest) : null;
  }
  for (const b of backfilledRows) {
    const r = row(b.entity_ref);
    const onTime = Number(b.on_time);
    r.backfilledOnTime = onTime;
    r.backfilledLate = Number(b.n) - onTime;
    const counts = new Map<number, number>();
    // Null when no duration is known: the aggregates skip nulls.
    for (const bucket of b.buckets ? String(b.buckets).split(',') : []) {
      const seconds = Number(bucket) * BUCKET_SECONDS + BUCKET_SECONDS / 2;
      counts.set(seconds, (counts.get(seconds) ?? 0) + 1);
    }
    r.backfillBuckets = [...counts].map(([seconds, count]) => ({
      seconds,
      count,
    }));
  }
  for (const f of findingRows) {
    const r = row(f.entity_ref);
    r.unacknowledgedFindings = Number(f.n);
    r.findingsInWindow = Number(f.recent);
  }
  return [...rows.values()];
}

export async function weeklyCounts(
  db: Knex,
  options: {
    since: Date;
    entityRefs?: string[];
  },
): Promise<WeeklyCountRow[]> {
  const { since, entityRefs } = options;
  const dialect = dialectOf(db);
  const week = (column: string) =>
    db.raw(dialect.floor(`(${dialect.epochMs(column)} - ?) / ${WEEK_MS}`), [
      since.getTime(),
    ]);
  const base = () => {
    const q = db('pe_exceptions as e');
    return entityRefs ? q.whereIn('e.entity_ref', entityRefs) : q;
  };
  const opened = await base()
    .where('e.opened_at', '>=', since)
    .groupBy('e.kind', 'w')
    .select('e.kind', { w: week('e.opened_at') }, db.raw('count(*) as n'));
  const backfilled = await base()
    .join('pe_exception_states as s', 's.exception_id', 'e.id')
    .where('s.status', 'backfilled')
    .andWhere('s.backfilled_at', '>=', since)
    .groupBy('e.kind', 's.backfilled_on_time', 'w')
    .select(
      'e.kind',
      's.backfilled_on_time',
      { w: week('s.backfilled_at') },
      db.raw('count(*) as n'),
    );
  return [
    ...opened.map(r => ({
      week: Number(r.w),
      measure: 'opened' as const,
      kind: r.kind,
      count: Number(r.n),
    })),
    ...backfilled.map(r => ({
      week: Number(r.w),
      measure: toBool(r.backfilled_on_time)
        ? ('backfilled-on-time' as const)
        : ('backfilled-late' as const),
      kind: r.kind,
      count: Number(r.n),
    })),
  ];
}
