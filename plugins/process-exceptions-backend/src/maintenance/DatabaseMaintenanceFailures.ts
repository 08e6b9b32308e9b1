import { Knex } from 'knex';
import { toDate } from '../database/sql/conversions';
import { retryDelayMs } from '../lib/retryDelay';
import {
  MaintenanceFailure,
  MaintenanceFailures,
  MaintenanceWork,
} from './MaintenanceFailures';

const TABLE = 'pe_maintenance_failures';
// Error texts can be long (a driver's stack); the row keeps their start.
const MAX_ERROR = 2000;

type Row = {
  kind: MaintenanceWork;
  target: string;
  attempts: number | string;
  first_failed_at: Date | number | string;
  last_failed_at: Date | number | string;
  next_attempt_at: Date | number | string;
  last_error: string;
};

const failureOf = (row: Row): MaintenanceFailure => ({
  kind: row.kind,
  target: row.target,
  attempts: Number(row.attempts),
  firstFailedAt: toDate(row.first_failed_at),
  lastFailedAt: toDate(row.last_failed_at),
  nextAttemptAt: toDate(row.next_attempt_at),
  lastError: row.last_error,
});

/** The knex implementation of {@link MaintenanceFailures}. */
export class DatabaseMaintenanceFailures implements MaintenanceFailures {
  constructor(private readonly db: Knex) {}

  async waiting(kind: MaintenanceWork, now: Date): Promise<Set<string>> {
    const rows = await this.db<Row>(TABLE)
      .where({ kind })
      .andWhere('next_attempt_at', '>', now)
      .select('target');
    return new Set(rows.map(r => r.target));
  }

  async failed(
    kind: MaintenanceWork,
    target: string,
    error: unknown,
    now: Date,
  ): Promise<MaintenanceFailure> {
    const lastError = String(error).slice(0, MAX_ERROR);
    return this.db.transaction(async tx => {
      const previous = await tx<Row>(TABLE)
        .where({ kind, target })
        .forUpdate()
        .first();
      const attempts = previous ? Number(previous.attempts) + 1 : 1;
      const row: Row = {
        kind,
        target,
        attempts,
        first_failed_at: previous ? toDate(previous.first_failed_at) : now,
        last_failed_at: now,
        next_attempt_at: new Date(now.getTime() + retryDelayMs(attempts - 1)),
        last_error: lastError,
      };
      await tx<Row>(TABLE).insert(row).onConflict(['kind', 'target']).merge();
      return failureOf(row);
    });
  }

  async succeeded(kind: MaintenanceWork, target: string): Promise<void> {
    await this.db(TABLE).where({ kind, target }).delete();
  }

  async list(limit: number): Promise<MaintenanceFailure[]> {
    const rows = await this.db<Row>(TABLE)
      .orderBy([
        { column: 'first_failed_at', order: 'asc' },
        { column: 'kind' },
        { column: 'target' },
      ])
      .limit(limit);
    return rows.map(failureOf);
  }
}
