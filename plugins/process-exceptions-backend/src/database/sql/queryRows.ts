import { Knex } from 'knex';
import { SqlDialect } from '../dialect/SqlDialect';
import { Statement } from './statements';

/** A transaction and the dialect it speaks. */
export type StoreTx = { tx: Knex.Transaction; dialect: SqlDialect };

/** Runs a statement and answers its rows; every value is a bound parameter. */
export async function queryRows<T>(
  s: StoreTx,
  statement: Statement,
): Promise<T[]> {
  const result = await s.tx.raw(
    statement.sql,
    statement.bindings as Knex.RawBinding[],
  );
  return s.dialect.rows<T>(result);
}
