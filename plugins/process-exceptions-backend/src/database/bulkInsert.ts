import { Knex } from 'knex';
import { chunk } from './conversions';
import { inOneStatement, Statement } from './statements';

/**
 * Column name → PostgreSQL type, in insert order. `json` marks a text column
 * whose row value is an object, stored as its JSON text.
 */
export type ColumnTypes = Record<string, string>;

/** Rows per statement on SQLite, under its bind-parameter limit. */
const SQLITE_ROWS_PER_STATEMENT = 500;

function valueOf(row: object, name: string, type: string): unknown {
  const value = (row as Record<string, unknown>)[name] ?? null;
  return type === 'json' && value !== null ? JSON.stringify(value) : value;
}

/**
 * `insert … select … from json_to_recordset(…)`: the rows travel as one JSON
 * text, whatever their number. Serialising them is one native
 * `JSON.stringify`; building and escaping one array literal per column in
 * JavaScript cost more than the insert itself in a large batch. A `json`
 * column's text is the slice of that text that holds its value. With
 * `ignoreConflictsOn`, a row that collides with a stored one on those
 * columns is skipped.
 */
export function pgInsertStatement(
  table: string,
  columns: ColumnTypes,
  rows: object[],
  options: { ignoreConflictsOn?: string[]; returning?: string[] } = {},
): Statement {
  const names = Object.keys(columns);
  const list = (items: string[]) => items.map(() => '??').join(', ');
  const { ignoreConflictsOn: conflict = [], returning = [] } = options;
  return {
    sql: [
      `insert into ?? (${list(names)}) select ${list(
        names,
      )} from json_to_recordset(?::json) as r(${names
        .map(n => `?? ${columns[n]}`)
        .join(', ')})`,
      conflict.length ? `on conflict (${list(conflict)}) do nothing` : '',
      returning.length ? `returning ${list(returning)}` : '',
    ].join(' '),
    bindings: [
      table,
      ...names,
      ...names,
      JSON.stringify(rows),
      ...names,
      ...conflict,
      ...returning,
    ],
  };
}

/**
 * Inserts rows in as few statements as the database allows. On PostgreSQL,
 * one statement whatever the number of rows (placeholders per value were
 * most of the cost of a large batch; see {@link pgInsertStatement}). Rows go
 * in in the order given.
 */
export async function bulkInsert<T extends object>(
  tx: Knex.Transaction,
  table: string,
  columns: ColumnTypes,
  rows: T[],
  options: { ignoreConflictsOn?: string[]; returning?: string[] } = {},
): Promise<Record<string, unknown>[]> {
  if (rows.length === 0) return [];
  const names = Object.keys(columns);
  const { ignoreConflictsOn: conflict, returning } = options;
  if (tx.client.config.client === 'pg') {
    const { sql, bindings } = pgInsertStatement(table, columns, rows, options);
    return (await tx.raw(sql, bindings as Knex.RawBinding[])).rows;
  }
  const out: Record<string, unknown>[] = [];
  for (const part of chunk(rows, SQLITE_ROWS_PER_STATEMENT)) {
    const q = tx(table).insert(
      part.map(row =>
        Object.fromEntries(
          names.map(name => [name, valueOf(row, name, columns[name])]),
        ),
      ),
    );
    if (conflict) q.onConflict(conflict).ignore();
    if (returning) out.push(...(await q.returning(returning)));
    else await q;
  }
  return out;
}

/** Rows for one table, for {@link insertAll}. */
export interface TableRows {
  table: string;
  columns: ColumnTypes;
  rows: object[];
}

/**
 * Inserts into several tables, in the order given (parents first). On
 * PostgreSQL that is one statement, each insert but the last in a `with`
 * clause: a group's derived rows cost one round trip, not one per table.
 */
export async function insertAll(
  tx: Knex.Transaction,
  inserts: TableRows[],
): Promise<void> {
  if (tx.client.config.client !== 'pg') {
    for (const i of inserts) await bulkInsert(tx, i.table, i.columns, i.rows);
    return;
  }
  const statement = pgInsertAllStatement(inserts);
  if (statement)
    await tx.raw(statement.sql, statement.bindings as Knex.RawBinding[]);
}

/** The one statement of {@link insertAll} on PostgreSQL; none if no rows. */
export function pgInsertAllStatement(
  inserts: TableRows[],
): Statement | undefined {
  return inOneStatement(
    inserts
      .filter(i => i.rows.length > 0)
      .map(i => pgInsertStatement(i.table, i.columns, i.rows)),
  );
}
