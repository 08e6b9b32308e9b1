import { Knex } from 'knex';
import type { PendingKeyRow } from '../ledger/eventKeys';
import { ColumnTypes } from '../sql/columns';
import { PostgresDialect } from './PostgresDialect';
import { SqliteDialect } from './SqliteDialect';

/** Rows to insert into one table. */
export interface TableRows {
  table: string;
  columns: ColumnTypes;
  rows: object[];
}

/** Rows of one table to delete, by one text column. */
export interface TableIds {
  table: string;
  column: string;
  ids: string[];
}

export type InsertOptions = {
  /** A row that collides with a stored one on these columns is skipped. */
  ignoreConflictsOn?: string[];
  returning?: string[];
};

/** An event's place in the ledger's hash chain. */
export type EventSeal = { seq: number; position: number; seal: string };

/** A correlation key of one service, as the index matches it. */
export type ServiceKey = {
  entity_ref: string;
  kind: string;
  value_digest: string;
};

/**
 * Everything the store says differently to PostgreSQL and to SQLite; the
 * rest of `database/` is written once, for both.
 */
export interface SqlDialect {
  /** `column ${anyOf()}` matches any value of the list bound as {@link list}. */
  anyOf(): string;
  /** A list as one bound parameter. */
  list(values: Array<string | number>): unknown;
  /** A list bound as {@link list}, as rows of one column named `value`. */
  listRows(cast: 'text' | 'bigint'): string;
  /** Keys as rows `f(entity_ref, kind, value_digest)`, for a `from` clause. */
  keyRows(keys: ServiceKey[]): { sql: string; bindings: unknown[] };
  /** The rows of a raw query's result. */
  rows<T>(result: unknown): T[];
  /** Inserts rows, in order, in as few statements as the database allows. */
  insert(
    tx: Knex.Transaction,
    table: string,
    columns: ColumnTypes,
    rows: object[],
    options?: InsertOptions,
  ): Promise<Record<string, unknown>[]>;
  /**
   * Appends ledger rows, skipping those already recorded, and the keys of
   * the rows it recorded; answers their `seq`, `source` and `external_id`.
   */
  appendEvents(
    tx: Knex.Transaction,
    events: object[],
    keys: PendingKeyRow[],
  ): Promise<Record<string, unknown>[]>;
  /** Inserts into several tables, in the order given (parents first). */
  insertAll(tx: Knex.Transaction, inserts: TableRows[]): Promise<void>;
  /** Deletes from several tables, in the order given (children first). */
  deleteAll(tx: Knex.Transaction, deletes: TableIds[]): Promise<void>;
  /** Serialises sealers of the ledger until the transaction ends. */
  lockChain(tx: Knex.Transaction): Promise<void>;
  /** Gives ledger events their chain position and seal. */
  setSeals(tx: Knex.Transaction, seals: EventSeal[]): Promise<void>;
  /** Serialises writers of the same entities until the transaction ends. */
  lockEntities(tx: Knex.Transaction, entityRefs: string[]): Promise<void>;
  /** An aggregate of `expression`'s values as comma-separated text. */
  commaList(expression: string): string;
  /** A timestamp column as milliseconds since the epoch. */
  epochMs(column: string): string;
  /** The whole part of a non-negative number. */
  floor(expression: string): string;
  /** An exception `e`'s tasks in checklist order, as one JSON array. */
  tasksJson(db: Knex, taskColumns: string[]): Knex.Raw;
  /** Write transactions worth running at once, of a pool of `poolMax`. */
  concurrentWrites(poolMax: number): number;
}

/** The dialect of a knex client. */
export function dialectOf(db: Knex): SqlDialect {
  return db.client.config.client === 'pg'
    ? new PostgresDialect()
    : new SqliteDialect();
}
