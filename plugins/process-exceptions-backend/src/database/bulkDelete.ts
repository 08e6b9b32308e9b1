import { Knex } from 'knex';
import { chunk } from './conversions';
import { inOneStatement, Statement } from './statements';

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
  if (tx.client.config.client !== 'pg') {
    for (const d of deletes) {
      for (const ids of chunk(d.ids, SQLITE_IDS_PER_STATEMENT)) {
        await tx(d.table).whereIn(d.column, ids).delete();
      }
    }
    return;
  }
  const statement = pgDeleteAllStatement(deletes);
  if (statement)
    await tx.raw(statement.sql, statement.bindings as Knex.RawBinding[]);
}

/** The one statement of {@link deleteAll} on PostgreSQL; none if no ids. */
export function pgDeleteAllStatement(
  deletes: TableIds[],
): Statement | undefined {
  return inOneStatement(
    deletes
      .filter(d => d.ids.length > 0)
      .map(d => ({
        sql: 'delete from ?? where ?? = any(?::text[])',
        bindings: [d.table, d.column, d.ids],
      })),
  );
}
