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
    const list = (items: string[]) => items.map(() => '??').join(', ');
    const sql = [
      `insert into ?? (${list(names)})`,
      `select * from unnest(${names
        .map(n => `?::${columns[n]}[]`)
        .join(', ')})`,
      conflict ? `on conflict (${list(conflict)}) do nothing` : '',
      returning ? `returning ${list(returning)}` : '',
    ].join(' ');
    const result = await tx.raw(sql, [
      table,
      ...names,
      ...names.map(name => valuesOf(rows, name) as Knex.Value),
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
