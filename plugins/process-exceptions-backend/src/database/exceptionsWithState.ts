import { Knex } from 'knex';
import { TASK_COLUMNS } from './columns';

/**
 * An exception's tasks in checklist order, as one JSON array of task rows,
 * so a page of exceptions and their tasks is one statement.
 */
function tasksJson(db: Knex): Knex.Raw {
  if (db.client.config.client === 'pg') {
    return db.raw(
      `(select coalesce(json_agg(t order by t.position), '[]') from pe_tasks t where t.exception_id = e.id) as tasks`,
    );
  }
  const fields = Object.keys(TASK_COLUMNS)
    .map(c => `'${c}', t.${c}`)
    .join(', ');
  return db.raw(
    `(select json_group_array(json_object(${fields}) order by t.position) from pe_tasks t where t.exception_id = e.id) as tasks`,
  );
}

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
      tasksJson(db),
    );
}
