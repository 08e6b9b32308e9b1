import { DatabaseService } from '@backstage/backend-plugin-api';
import {
  Finding,
  ProcessException,
} from '@process-exceptions/backstage-plugin-process-exceptions-common';
import { Knex } from 'knex';
import { ExceptionStore } from '../database/ExceptionStore';
import { NotificationLog, Transition } from './NotificationLog';

const HOUR_MS = 3600_000;

/** The knex implementation of {@link NotificationLog}. */
export class DatabaseNotificationLog implements NotificationLog {
  /** The tables come with the store's migrations. */
  static async create(options: {
    database: DatabaseService;
    store: ExceptionStore;
  }): Promise<DatabaseNotificationLog> {
    return new DatabaseNotificationLog(
      await options.database.getClient(),
      options.store,
    );
  }

  private constructor(
    private readonly db: Knex,
    private readonly store: ExceptionStore,
  ) {}

  private notYet(
    query: Knex.QueryBuilder,
    column: string,
    transition: Transition,
  ) {
    return query.whereNotExists(
      this.db('pe_notifications as n')
        .whereRaw(`n.subject_id = ${column}`)
        .andWhere('n.transition', transition)
        .select(this.db.raw('1')),
    );
  }

  async pendingExceptions(
    transition: Exclude<Transition, 'finding'>,
    options: {
      now: Date;
      dueSoonHours: number;
      lookbackHours: number;
      limit: number;
    },
  ): Promise<ProcessException[]> {
    const { now } = options;
    // Older history is not announced when notifications are first switched on.
    const since = new Date(now.getTime() - options.lookbackHours * HOUR_MS);
    const q = this.db('pe_exceptions as e')
      .join('pe_exception_states as s', 's.exception_id', 'e.id')
      .select('e.id');
    if (transition === 'opened') {
      q.where('e.opened_at', '>=', since);
    } else if (transition === 'due-soon') {
      q.where('s.status', 'open')
        .andWhere('s.deadline', '>', now)
        .andWhere(
          's.deadline',
          '<=',
          new Date(now.getTime() + options.dueSoonHours * HOUR_MS),
        );
    } else {
      q.where('s.status', 'overdue').andWhere('s.deadline', '>=', since);
    }
    const rows = await this.notYet(q, 'e.id', transition)
      .orderBy('e.opened_at')
      .limit(options.limit);
    const exceptions = await Promise.all(
      rows.map((r: { id: string }) => this.store.getException(r.id)),
    );
    return exceptions.filter((e): e is NonNullable<typeof e> => Boolean(e));
  }

  async pendingFindings(options: {
    now: Date;
    lookbackHours: number;
    limit: number;
  }): Promise<Finding[]> {
    const since = new Date(
      options.now.getTime() - options.lookbackHours * HOUR_MS,
    );
    const rows = await this.notYet(
      this.db('pe_findings as f')
        .whereNull('f.acknowledged_at')
        .andWhere('f.detected_at', '>=', since)
        .select('f.id'),
      'f.id',
      'finding',
    )
      .orderBy('f.detected_at')
      .limit(options.limit);
    const findings = await Promise.all(
      rows.map((r: { id: string }) => this.store.getFinding(r.id)),
    );
    return findings.filter((f): f is Finding => Boolean(f));
  }

  async claim(
    subjectId: string,
    transition: Transition,
    now: Date,
  ): Promise<boolean> {
    const inserted = await this.db('pe_notifications')
      .insert({ subject_id: subjectId, transition, sent_at: now })
      .onConflict(['subject_id', 'transition'])
      .ignore()
      .returning('subject_id');
    return inserted.length > 0;
  }

  async release(subjectId: string, transition: Transition): Promise<void> {
    await this.db('pe_notifications')
      .where({ subject_id: subjectId, transition })
      .delete();
  }
}
