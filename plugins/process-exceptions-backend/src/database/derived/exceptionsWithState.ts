import { Knex } from 'knex';
import { dialectOf } from '../dialect/SqlDialect';
import { TASK_COLUMNS } from '../sql/columns';

/**
 * Exceptions joined with their states and tasks, as `ExceptionReadRow`s:
 * `pe_exceptions` is `e`, `pe_exception_states` is `s`, so filters name
 * their table. Only the columns a reader is shown: every other one would be
 * sent and decoded for nothing (a page of history is 40 exceptions).
 */
export function exceptionsWithState(db: Knex): Knex.QueryBuilder {
  return db('pe_exceptions as e')
    .join('pe_exception_states as s', 's.exception_id', 'e.id')
    .select(
      'e.id',
      'e.entity_ref',
      'e.kind',
      'e.name',
      'e.reason',
      'e.links',
      'e.opened_by',
      'e.opened_at',
      's.deadline',
      's.status',
      's.backfilled_at',
      's.backfilled_on_time',
      // One JSON array per exception: a page and its tasks are one statement.
      dialectOf(db).tasksJson(db, Object.keys(TASK_COLUMNS)),
    );
}
