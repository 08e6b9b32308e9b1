import { Knex } from 'knex';

/**
 * Exceptions joined with their states, as `ExceptionRow`s: `pe_exceptions`
 * is `e`, `pe_exception_states` is `s`, so filters name their table.
 */
export function exceptionsWithState(db: Knex): Knex.QueryBuilder {
  return db('pe_exceptions as e')
    .join('pe_exception_states as s', 's.exception_id', 'e.id')
    .select(
      'e.*',
      's.deadline',
      's.status',
      's.backfilled_at',
      's.backfilled_on_time',
      's.backfill_seconds',
    );
}
