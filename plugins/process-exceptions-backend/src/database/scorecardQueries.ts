import { Knex } from 'knex';
import { toBool, toDate } from './conversions';
import { EntityScoreRow, WeeklyCountRow } from './ExceptionStore';

// The scorecard's aggregate queries: one grouped pass per figure, never a
// query per entity.

const WEEK_MS = 7 * 24 * 3600 * 1000;
// Durations are grouped into 6-minute buckets (0.1 h, the precision the
// scorecard shows).
const BUCKET_SECONDS = 360;

export async function scoreEntities(
  db: Knex,
  options: {
    since: Date;
    entityRefs?: string[];
  },
): Promise<EntityScoreRow[]> {
  const { since, entityRefs } = options;
  const scoped = (q: Knex.QueryBuilder) =>
    entityRefs ? q.whereIn('entity_ref', entityRefs) : q;

  const counts = await scoped(
    db('pe_exceptions')
      .where(w =>
        w
          .whereNot('status', 'backfilled')
          .orWhere('backfilled_at', '>=', since),
      )
      .groupBy('entity_ref')
      .select(
        'entity_ref',
        db.raw("sum(case when status = 'open' then 1 else 0 end) as open"),
        db.raw(
          "sum(case when status = 'overdue' then 1 else 0 end) as overdue",
        ),
        db.raw(
          "sum(case when status = 'backfilled' and backfilled_on_time = ? then 1 else 0 end) as on_time",
          [true],
        ),
        db.raw(
          "sum(case when status = 'backfilled' and backfilled_on_time = ? then 1 else 0 end) as late",
          [false],
        ),
        db.raw(
          "min(case when status = 'overdue' then deadline else null end) as oldest_overdue",
        ),
      ),
  );
  // Durations come grouped into 6-minute buckets (0.1 h, the precision the
  // scorecard shows), so the median needs a few rows per entity, not one
  // per backfilled exception.
  const durations = await scoped(
    db('pe_exceptions')
      .where('status', 'backfilled')
      .andWhere('backfilled_at', '>=', since)
      .groupBy('entity_ref', 'bucket')
      .select(
        'entity_ref',
        db.raw(`backfill_seconds / ${BUCKET_SECONDS} as bucket`),
        db.raw('count(*) as n'),
      ),
  );
  const findings = await scoped(
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
  for (const c of counts) {
    const r = row(c.entity_ref);
    r.open = Number(c.open);
    r.overdue = Number(c.overdue);
    r.backfilledOnTime = Number(c.on_time);
    r.backfilledLate = Number(c.late);
    r.oldestOverdueDeadline = c.oldest_overdue
      ? toDate(c.oldest_overdue)
      : null;
  }
  for (const d of durations) {
    row(d.entity_ref).backfillBuckets.push({
      seconds:
        Math.floor(Number(d.bucket)) * BUCKET_SECONDS + BUCKET_SECONDS / 2,
      count: Number(d.n),
    });
  }
  for (const f of findings) {
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
  const week = (column: string) =>
    db.client.config.client === 'pg'
      ? db.raw(
          `floor((extract(epoch from ${column}) * 1000 - ?) / ${WEEK_MS})`,
          [since.getTime()],
        )
      : db.raw(`cast((${column} - ?) / ${WEEK_MS} as integer)`, [
          since.getTime(),
        ]);
  const base = () => {
    const q = db('pe_exceptions');
    return entityRefs ? q.whereIn('entity_ref', entityRefs) : q;
  };
  const opened = await base()
    .where('opened_at', '>=', since)
    .groupBy('kind', 'w')
    .select('kind', { w: week('opened_at') }, db.raw('count(*) as n'));
  const backfilled = await base()
    .where('status', 'backfilled')
    .andWhere('backfilled_at', '>=', since)
    .groupBy('kind', 'backfilled_on_time', 'w')
    .select(
      'kind',
      'backfilled_on_time',
      { w: week('backfilled_at') },
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
