import { Knex } from 'knex';
import { chunk } from './conversions';

/** Ids per `in (…)` list on SQLite, under its bind-parameter limit. */
const SQLITE_IDS_PER_STATEMENT = 1000;

/** Rows of one table to delete, by one text column. */
export interface TableIds {
  table: string;
  column: string;
  ids: string[];
}

/**
 * Deletes from several tables, in the order given (children first). On
 * PostgreSQL that is one statement, each delete but the last in a `with`
 * clause, with one array per table whatever the number of ids.
 */
export async function deleteAll(
  tx: Knex.Transaction,
  deletes: TableIds[],
): Promise<void> {
  const nonEmpty = deletes.filter(d => d.ids.length > 0);
  if (nonEmpty.length === 0) return;
  if (tx.client.config.client !== 'pg') {
    for (const d of nonEmpty) {
      for (const ids of chunk(d.ids, SQLITE_IDS_PER_STATEMENT)) {
        await tx(d.table).whereIn(d.column, ids).delete();
      }
    }
    return;
  }
  const statement = 'delete from ?? where ?? = any(?::text[])';
  const bindings = (d: TableIds) => [d.table, d.column, d.ids];
  const last = nonEmpty.pop()!;
  const sql = [
    nonEmpty.length
      ? `with ${nonEmpty.map((_, n) => `d${n} as (${statement})`).join(', ')}`
      : '',
    statement,
  ].join(' ');
  await tx.raw(sql, [...nonEmpty.flatMap(bindings), ...bindings(last)]);
}
