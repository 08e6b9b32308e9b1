import { Knex } from 'knex';
import { chunk } from './conversions';

/** Column name → PostgreSQL type, in insert order. */
export type ColumnTypes = Record<string, string>;

/** Rows per statement on SQLite, under its bind-parameter limit. */
const SQLITE_ROWS_PER_STATEMENT = 500;

function valueOf(row: object, name: string): unknown {
  return (row as Record<string, unknown>)[name] ?? null;
}

function valuesOf(rows: object[], name: string): unknown[] {
  return rows.map(row => valueOf(row, name));
}

/** `insert … select * from unnest(…)`: one array per column, whatever the rows. */
function pgInsert(table: string, columns: ColumnTypes, rows: object[]) {
  const names = Object.keys(columns);
  return {
    sql: `insert into ?? (${names
      .map(() => '??')
      .join(', ')}) select * from unnest(${names
      .map(n => `?::${columns[n]}[]`)
      .join(', ')})`,
    bindings: [
      table,
      ...names,
      ...names.map(name => valuesOf(rows, name) as Knex.Value),
    ],
  };
}

/**
 * Inserts rows in as few statements as the database allows. On PostgreSQL,
 * one statement with one array per column (`unnest`), whatever the number
 * of rows: building and parsing thousands of placeholders was most of the
 * cost of a large batch. Rows go in in the order given; with
 * `ignoreConflictsOn`, a row that collides with a stored one on those
 * columns is skipped.
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
    const insert = pgInsert(table, columns, rows);
    const list = (items: string[]) => items.map(() => '??').join(', ');
    const sql = [
      insert.sql,
      conflict ? `on conflict (${list(conflict)}) do nothing` : '',
      returning ? `returning ${list(returning)}` : '',
    ].join(' ');
    const result = await tx.raw(sql, [
      ...insert.bindings,
      ...(conflict ?? []),
      ...(returning ?? []),
    ]);
    return result.rows;
  }
  const out: Record<string, unknown>[] = [];
  for (const part of chunk(rows, SQLITE_ROWS_PER_STATEMENT)) {
    const q = tx(table).insert(
      part.map(row =>
        Object.fromEntries(names.map(name => [name, valueOf(row, name)])),
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
  const nonEmpty = inserts.filter(i => i.rows.length > 0);
  if (nonEmpty.length === 0) return;
  if (tx.client.config.client !== 'pg') {
    for (const i of nonEmpty) await bulkInsert(tx, i.table, i.columns, i.rows);
    return;
  }
  const parts = nonEmpty.map(i => pgInsert(i.table, i.columns, i.rows));
  const last = parts.pop()!;
  const sql = [
    parts.length
      ? `with ${parts.map((p, n) => `i${n} as (${p.sql})`).join(', ')}`
      : '',
    last.sql,
  ].join(' ');
  await tx.raw(sql, [...parts.flatMap(p => p.bindings), ...last.bindings]);
}
