import { readUnmappedStories } from './ledger/unmappedStories';
import {
  DatabaseService,
  LoggerService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import {
  ExceptionKind,
  Finding,
  ProcessException,
} from '@process-exceptions/backstage-plugin-process-exceptions-common';
import { Knex } from 'knex';
import { parseJson, toIso } from './sql/conversions';
import { newestFirstPage } from './sql/cursor';
import { exceptionsWithState } from './derived/exceptionsWithState';
import { indexLedger } from './ledger/indexLedger';
import { DatabaseLedgerTransaction } from './DatabaseLedgerTransaction';
import { dialectOf, SqlDialect } from './dialect/SqlDialect';
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
  ExceptionReadRow,
  exceptionFromRow,
  FindingRow,
  findingFromRow,
} from './derived/rows';
import { scoreEntities, weeklyCounts } from './derived/scorecardQueries';
import { readTrail, TrailKeyKind, TrailRecords } from './ledger/trailQuery';
import { TIMELINE_COLUMNS, timelineEventOf } from './ledger/timelineRows';
import { externalIdsOf } from './ledger/externalIds';
import {
  EvidenceScope,
  exceptionsOpenedIn,
  findingsDetectedIn,
  PeriodCursor,
} from './derived/evidenceQueries';

const migrationsDir = resolvePackagePath(
  '@process-exceptions/backstage-plugin-process-exceptions-backend',
  'migrations',
);

/** Runs of a transaction PostgreSQL aborted to break a deadlock, at most. */
const MAX_ATTEMPTS = 3;

/**
 * A deadlock or serialization failure: PostgreSQL rolled the transaction
 * back whole, so running it again is safe.
 */
function isRetryable(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === '40P01' || code === '40001';
}

/** The knex implementation of {@link ExceptionStore}, for SQLite and PostgreSQL. */
export class DatabaseExceptionStore implements ExceptionStore {
  static async create(options: {
    database: DatabaseService;
    skipMigrations?: boolean;
    /** Reports progress of indexing an older ledger at start. */
    logger?: LoggerService;
  }): Promise<DatabaseExceptionStore> {
    const { database } = options;
    const client = await database.getClient();
    if (!options.skipMigrations && !database.migrations?.skip) {
      await client.migrate.latest({ directory: migrationsDir });
      await indexLedger(client, options.logger);
    }
    return new DatabaseExceptionStore(client);
  }

  readonly maxConcurrentWrites: number;
  private readonly dialect: SqlDialect;

  private constructor(private readonly db: Knex) {
    this.dialect = dialectOf(db);
    // knex's default pool is 10.
    this.maxConcurrentWrites = this.dialect.concurrentWrites(
      db.client.config.pool?.max ?? 10,
    );
  }

  async ping(): Promise<void> {
    await this.db.raw('select 1');
  }

  async transaction<T>(fn: (tx: LedgerTransaction) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.db.transaction(tx =>
          fn(new DatabaseLedgerTransaction(tx, this.dialect)),
        );
      } catch (error) {
        if (attempt >= MAX_ATTEMPTS || !isRetryable(error)) throw error;
      }
    }
  }

  async listExceptions(
    query: ExceptionQuery,
  ): Promise<{ items: ProcessException[]; nextCursor: string | null }> {
    const q = exceptionsWithState(this.db);
    if (query.entityRef) q.where('e.entity_ref', query.entityRef);
    if (query.status) q.where('s.status', query.status);
    if (query.kind) q.where('e.kind', query.kind);
    const { rows, nextCursor } = await newestFirstPage<ExceptionReadRow>(
      q,
      { time: 'e.opened_at', id: 'e.id' },
      r => r.opened_at,
      query,
    );
    return { items: rows.map(exceptionFromRow), nextCursor };
  }

  async getException(
    id: string,
  ): Promise<(ProcessException & { timeline: TimelineEvent[] }) | undefined> {
    const row: ExceptionReadRow | undefined = await exceptionsWithState(this.db)
      .where('e.id', id)
      .first();
    if (!row) return undefined;
    const exception = exceptionFromRow(row);
    const timeline = await this.db('pe_exception_events as l')
      .join('pe_events as e', 'e.seq', 'l.event_seq')
      .where('l.exception_id', id)
      .orderBy([
        { column: 'e.occurred_at', order: 'asc' },
        { column: 'e.seq', order: 'asc' },
      ])
      .select(...TIMELINE_COLUMNS, 'l.not_counted');
    return {
      ...exception,
      timeline: timeline.map(e => ({
        ...timelineEventOf(e),
        notCounted: e.not_counted ?? null,
      })),
    };
  }

  async listUnbackfilled(kind: ExceptionKind): Promise<ProcessException[]> {
    const rows: ExceptionReadRow[] = await exceptionsWithState(this.db)
      .where('e.kind', kind)
      .whereNot('s.status', 'backfilled');
    return rows.map(exceptionFromRow);
  }

  async listFindings(
    query: FindingQuery,
  ): Promise<{ items: Finding[]; nextCursor: string | null }> {
    const q = this.db<FindingRow>('pe_findings');
    if (query.entityRef) q.where('entity_ref', query.entityRef);
    if (query.acknowledged === true) q.whereNotNull('acknowledged_at');
    if (query.acknowledged === false) q.whereNull('acknowledged_at');
    // The exceptions' cursor format: its time is the detection time here.
    const { rows, nextCursor } = await newestFirstPage<FindingRow>(
      q.select(),
      { time: 'detected_at', id: 'id' },
      r => r.detected_at,
      query,
    );
    return { items: await this.withEventIds(rows), nextCursor };
  }

  async getFinding(id: string): Promise<Finding | undefined> {
    const row = await this.db<FindingRow>('pe_findings').where({ id }).first();
    return row ? (await this.withEventIds([row]))[0] : undefined;
  }

  private async withEventIds(rows: FindingRow[]): Promise<Finding[]> {
    const ids = await externalIdsOf(
      this.db,
      rows.flatMap(r => parseJson<number[]>(r.event_seqs)),
    );
    return rows.map(r => findingFromRow(r, ids));
  }

  scoreEntities(options: {
    since: Date;
    now: Date;
    entityRefs?: string[];
  }): Promise<EntityScoreRow[]> {
    return scoreEntities(this.db, options);
  }

  weeklyCounts(options: {
    since: Date;
    entityRefs?: string[];
  }): Promise<WeeklyCountRow[]> {
    return weeklyCounts(this.db, options);
  }

  async markOverdue(now: Date): Promise<number> {
    // One set-based statement: replicas racing here update each row once.
    // The predicate matches pe_exception_states_unbackfilled_idx; the narrow
    // table keeps each update small (see its migration).
    return this.db('pe_exception_states')
      .whereNull('backfilled_at')
      .andWhere('deadline', '<', now)
      .andWhere('status', 'open')
      .update({ status: 'overdue', updated_at: now });
  }

  async listUnmappedSubjects(
    limit: number,
    skip: Set<string> = new Set(),
  ): Promise<string[]> {
    const rows = await this.db('pe_events')
      .whereNull('entity_ref')
      .whereNotNull('subject')
      .modify(q => {
        if (skip.size > 0) q.whereNotIn('subject', [...skip]);
      })
      .distinct('subject')
      .limit(limit);
    return rows.map(r => r.subject);
  }

  exceptionsOpenedIn(
    scope: EvidenceScope,
    after: PeriodCursor | undefined,
    limit: number,
  ) {
    return exceptionsOpenedIn(this.db, scope, after, limit);
  }

  findingsDetectedIn(
    scope: EvidenceScope,
    after: PeriodCursor | undefined,
    limit: number,
  ) {
    return findingsDetectedIn(this.db, scope, after, limit);
  }

  unmappedStories(query: { changeId?: string; storyId?: string }) {
    return readUnmappedStories(this.db, query);
  }

  trail(kind: TrailKeyKind, value: string): Promise<TrailRecords> {
    return readTrail(this.db, kind, value);
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
