import { Knex } from 'knex';
import { chunk } from './conversions';

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
 * column's text is the slice of that text that holds its value.
 */
function pgInsert(table: string, columns: ColumnTypes, rows: object[]) {
  const names = Object.keys(columns);
  const list = names.map(() => '??').join(', ');
  return {
    sql: `insert into ?? (${list}) select ${list} from json_to_recordset(?::json) as r(${names
      .map(n => `?? ${columns[n]}`)
      .join(', ')})`,
    bindings: [
      table,
      ...names,
      ...names,
      JSON.stringify(rows),
      ...names,
    ] as Knex.Value[],
  };
}

/**
 * Inserts rows in as few statements as the database allows. On PostgreSQL,
 * one statement whatever the number of rows (placeholders per value were
 * most of the cost of a large batch). Rows go in in the order given; with
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
