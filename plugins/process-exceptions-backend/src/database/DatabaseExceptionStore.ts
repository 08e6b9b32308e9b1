import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import {
  ExceptionKind,
  Finding,
  ProcessException,
} from '@process-exceptions/backstage-plugin-process-exceptions-common';
import { Knex } from 'knex';
import { parseJson, toBool, toDate, toIso } from './conversions';
import { decodeCursor, encodeCursor } from './cursor';
import { DatabaseLedgerTransaction } from './DatabaseLedgerTransaction';
import {
  EntityScoreRow,
  ExceptionQuery,
  ExceptionStore,
  FindingQuery,
  LedgerTransaction,
  TimelineEvent,
  UnmappedEvent,
  WeeklyCountRow,
} from './ExceptionStore';
import {
  ExceptionRow,
  exceptionFromRow,
  FindingRow,
  findingFromRow,
  TaskRow,
} from './rows';

const WEEK_MS = 7 * 24 * 3600 * 1000;
const BUCKET_SECONDS = 360;

const migrationsDir = resolvePackagePath(
  '@process-exceptions/backstage-plugin-process-exceptions-backend',
  'migrations',
);

/** The knex implementation of {@link ExceptionStore}, for SQLite and PostgreSQL. */
export class DatabaseExceptionStore implements ExceptionStore {
  static async create(options: {
    database: DatabaseService;
    skipMigrations?: boolean;
  }): Promise<DatabaseExceptionStore> {
    const { database } = options;
    const client = await database.getClient();
    if (!options.skipMigrations && !database.migrations?.skip) {
      await client.migrate.latest({ directory: migrationsDir });
    }
    return new DatabaseExceptionStore(client);
  }

  private constructor(private readonly db: Knex) {}

  async ping(): Promise<void> {
    await this.db.raw('select 1');
  }

  async transaction<T>(fn: (tx: LedgerTransaction) => Promise<T>): Promise<T> {
    return this.db.transaction(tx => fn(new DatabaseLedgerTransaction(tx)));
  }

  async listExceptions(
    query: ExceptionQuery,
  ): Promise<{ items: ProcessException[]; nextCursor: string | null }> {
    const q = this.db<ExceptionRow>('pe_exceptions');
    if (query.entityRef) q.where('entity_ref', query.entityRef);
    if (query.status) q.where('status', query.status);
    if (query.kind) q.where('kind', query.kind);
    if (query.cursor) {
      const { openedAt, id } = decodeCursor(query.cursor);
      const at = new Date(openedAt);
      q.where(w =>
        w
          .where('opened_at', '<', at)
          .orWhere(w2 =>
            w2.where('opened_at', '=', at).andWhere('id', '<', id),
          ),
      );
    }
    const rows = await q
      .orderBy([
        { column: 'opened_at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ])
      .limit(query.limit + 1)
      .select();
    const page = rows.slice(0, query.limit);
    const items = await this.withTasks(page);
    const last = page[page.length - 1];
    const nextCursor =
      rows.length > query.limit && last
        ? encodeCursor({
            openedAt: toDate(last.opened_at).getTime(),
            id: last.id,
          })
        : null;
    return { items, nextCursor };
  }

  async getException(
    id: string,
  ): Promise<(ProcessException & { timeline: TimelineEvent[] }) | undefined> {
    const row = await this.db<ExceptionRow>('pe_exceptions')
      .where({ id })
      .first();
    if (!row) return undefined;
    const [exception] = await this.withTasks([row]);
    const timeline = await this.db('pe_exception_events as l')
      .join('pe_events as e', 'e.seq', 'l.event_seq')
      .where('l.exception_id', id)
      .orderBy([
        { column: 'e.occurred_at', order: 'asc' },
        { column: 'e.seq', order: 'asc' },
      ])
      .select(
        'e.external_id',
        'e.source',
        'e.type',
        'e.actor',
        'e.occurred_at',
        'e.received_at',
        'e.data',
      );
    return {
      ...exception,
      timeline: timeline.map(e => ({
        id: e.external_id,
        source: e.source,
        type: e.type,
        actor: e.actor,
        occurredAt: toIso(e.occurred_at)!,
        receivedAt: toIso(e.received_at)!,
        data: parseJson<Record<string, unknown>>(e.data),
      })),
    };
  }

  async listUnbackfilled(kind: ExceptionKind): Promise<ProcessException[]> {
    const rows = await this.db<ExceptionRow>('pe_exceptions')
      .where('kind', kind)
      .whereNot('status', 'backfilled')
      .select();
    return this.withTasks(rows);
  }

  private async withTasks(rows: ExceptionRow[]): Promise<ProcessException[]> {
    if (rows.length === 0) return [];
    const tasks = await this.db<TaskRow>('pe_tasks')
      .whereIn(
        'exception_id',
        rows.map(r => r.id),
      )
      .orderBy('position')
      .select();
    const byException = new Map<string, TaskRow[]>();
    for (const t of tasks) {
      byException.set(t.exception_id, [
        ...(byException.get(t.exception_id) ?? []),
        t,
      ]);
    }
    return rows.map(r => exceptionFromRow(r, byException.get(r.id) ?? []));
  }

  async listFindings(query: FindingQuery): Promise<Finding[]> {
    const q = this.db<FindingRow>('pe_findings');
    if (query.entityRef) q.where('entity_ref', query.entityRef);
    if (query.acknowledged === true) q.whereNotNull('acknowledged_at');
    if (query.acknowledged === false) q.whereNull('acknowledged_at');
    const rows = await q
      .orderBy([
        { column: 'detected_at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ])
      .limit(query.limit)
      .select();
    return this.withEventIds(rows);
  }

  async getFinding(id: string): Promise<Finding | undefined> {
    const row = await this.db<FindingRow>('pe_findings').where({ id }).first();
    return row ? (await this.withEventIds([row]))[0] : undefined;
  }

  private async withEventIds(rows: FindingRow[]): Promise<Finding[]> {
    const seqs = [
      ...new Set(rows.flatMap(r => parseJson<number[]>(r.event_seqs))),
    ];
    const ids = new Map<number, string>();
    if (seqs.length > 0) {
      for (const e of await this.db('pe_events')
        .whereIn('seq', seqs)
        .select('seq', 'external_id')) {
        ids.set(Number(e.seq), e.external_id);
      }
    }
    return rows.map(r => findingFromRow(r, ids));
  }

  async scoreEntities(options: {
    since: Date;
    entityRefs?: string[];
  }): Promise<EntityScoreRow[]> {
    const { since, entityRefs } = options;
    const scoped = (q: Knex.QueryBuilder) =>
      entityRefs ? q.whereIn('entity_ref', entityRefs) : q;

    const counts = await scoped(
      this.db('pe_exceptions')
        .where(w =>
          w
            .whereNot('status', 'backfilled')
            .orWhere('backfilled_at', '>=', since),
        )
        .groupBy('entity_ref')
        .select(
          'entity_ref',
          this.db.raw(
            "sum(case when status = 'open' then 1 else 0 end) as open",
          ),
          this.db.raw(
            "sum(case when status = 'overdue' then 1 else 0 end) as overdue",
          ),
          this.db.raw(
            "sum(case when status = 'backfilled' and backfilled_on_time = ? then 1 else 0 end) as on_time",
            [true],
          ),
          this.db.raw(
            "sum(case when status = 'backfilled' and backfilled_on_time = ? then 1 else 0 end) as late",
            [false],
          ),
          this.db.raw(
            "min(case when status = 'overdue' then deadline else null end) as oldest_overdue",
          ),
        ),
    );
    // Durations come grouped into 6-minute buckets (0.1 h, the precision the
    // scorecard shows), so the median needs a few rows per entity, not one
    // per backfilled exception.
    const durations = await scoped(
      this.db('pe_exceptions')
        .where('status', 'backfilled')
        .andWhere('backfilled_at', '>=', since)
        .groupBy('entity_ref', 'bucket')
        .select(
          'entity_ref',
          this.db.raw(`backfill_seconds / ${BUCKET_SECONDS} as bucket`),
          this.db.raw('count(*) as n'),
        ),
    );
    const findings = await scoped(
      this.db('pe_findings')
        .whereNull('acknowledged_at')
        .groupBy('entity_ref')
        .select(
          'entity_ref',
          this.db.raw('count(*) as n'),
          this.db.raw(
            'sum(case when detected_at >= ? then 1 else 0 end) as recent',
            [since],
          ),
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

  async weeklyCounts(options: {
    since: Date;
    entityRefs?: string[];
  }): Promise<WeeklyCountRow[]> {
    const { since, entityRefs } = options;
    const week = (column: string) =>
      this.db.client.config.client === 'pg'
        ? this.db.raw(
            `floor((extract(epoch from ${column}) * 1000 - ?) / ${WEEK_MS})`,
            [since.getTime()],
          )
        : this.db.raw(`cast((${column} - ?) / ${WEEK_MS} as integer)`, [
            since.getTime(),
          ]);
    const base = () => {
      const q = this.db('pe_exceptions');
      return entityRefs ? q.whereIn('entity_ref', entityRefs) : q;
    };
    const opened = await base()
      .where('opened_at', '>=', since)
      .groupBy('kind', 'w')
      .select('kind', { w: week('opened_at') }, this.db.raw('count(*) as n'));
    const backfilled = await base()
      .where('status', 'backfilled')
      .andWhere('backfilled_at', '>=', since)
      .groupBy('kind', 'backfilled_on_time', 'w')
      .select(
        'kind',
        'backfilled_on_time',
        { w: week('backfilled_at') },
        this.db.raw('count(*) as n'),
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

  async markOverdue(now: Date): Promise<string[]> {
    // One set-based statement: replicas racing here update each row once.
    const rows = await this.db('pe_exceptions')
      .where('status', 'open')
      .whereNotNull('deadline')
      .andWhere('deadline', '<', now)
      .update({ status: 'overdue', updated_at: now })
      .returning('id');
    return rows.map((r: { id: string } | string) =>
      typeof r === 'string' ? r : r.id,
    );
  }

  async listUnmappedSubjects(limit: number): Promise<string[]> {
    const rows = await this.db('pe_events')
      .whereNull('entity_ref')
      .whereNotNull('subject')
      .distinct('subject')
      .limit(limit);
    return rows.map(r => r.subject);
  }

  async listUnmappedEvents(limit: number): Promise<UnmappedEvent[]> {
    const rows = await this.db('pe_events')
      .whereNull('entity_ref')
      // Deliveries kept as ignored name no service; they are not waiting.
      .whereNot('type', 'webhook.ignored')
      .orderBy('seq', 'desc')
      .limit(limit)
      .select('external_id', 'source', 'type', 'subject', 'occurred_at');
    return rows.map(r => ({
      id: r.external_id,
      source: r.source,
      type: r.type,
      subject: r.subject,
      occurredAt: toIso(r.occurred_at)!,
    }));
  }

  async countEvents(): Promise<number> {
    const [{ n }] = await this.db('pe_events').count({ n: '*' });
    return Number(n);
  }
}
