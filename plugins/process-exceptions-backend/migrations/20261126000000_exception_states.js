// @ts-check

/** The columns that move from `pe_exceptions` to `pe_exception_states`. */
const STATE_COLUMNS = [
  'deadline',
  'status',
  'backfilled_at',
  'backfilled_on_time',
  'backfill_seconds',
];

/**
 * The scorecard's and the sweep's indexes, service first: both databases
 * then group by service in index order instead of hashing. SQLite has no
 * `include`, so there every column is a key.
 *
 * @param {boolean} pg
 */
function scorecardIndexes(pg) {
  const backfilled = pg
    ? '(entity_ref, backfilled_at) include (backfill_seconds, backfilled_on_time)'
    : '(entity_ref, backfilled_at, backfill_seconds, backfilled_on_time)';
  return [
    'create index pe_exception_states_unbackfilled_idx on pe_exception_states (entity_ref, deadline) where backfilled_at is null',
    `create index pe_exception_states_backfilled_idx on pe_exception_states ${backfilled} where backfilled_at is not null`,
    'create index pe_findings_unacknowledged_idx on pe_findings (entity_ref, detected_at) where acknowledged_at is null',
  ];
}

/**
 * The indexes of 20261125000000_sweep_and_scorecard_indexes, for `down`.
 *
 * @param {boolean} pg
 */
function previousIndexes(pg) {
  const [unbackfilled, backfilled] = pg
    ? [
        '(deadline) include (entity_ref)',
        '(backfilled_at) include (entity_ref, backfill_seconds, backfilled_on_time)',
      ]
    : [
        '(entity_ref, deadline)',
        '(entity_ref, backfilled_at, backfill_seconds, backfilled_on_time)',
      ];
  return [
    `create index pe_exceptions_unbackfilled_deadline_idx on pe_exceptions ${unbackfilled} where backfilled_at is null`,
    `create index pe_exceptions_backfilled_idx on pe_exceptions ${backfilled} where backfilled_at is not null`,
  ];
}

/**
 * Moves what changes over an exception's life (status, deadline, backfill)
 * out of `pe_exceptions` into a narrow table of its own.
 *
 * The overdue sweep rewrites `status` of every exception whose deadline
 * passed; in `pe_exceptions` each such update wrote a new version of a wide
 * row (name, reason, links). In `pe_exception_states` it writes ~100 bytes,
 * and on PostgreSQL the free space kept in each page (fillfactor) lets every
 * row of a page be updated in place (HOT: no index changes) even when the
 * sweep marks them all at once. The scorecard reads this table's indexes
 * only; `entity_ref` is copied here (it never changes) so it can group
 * without a join.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  const pg = knex.client.config.client === 'pg';
  await knex.schema.createTable('pe_exception_states', table => {
    table.comment(
      'The lifecycle of an exception: status, deadline and backfill; the sweep updates only this',
    );
    table
      .string('exception_id', 36)
      .primary()
      .references('id')
      .inTable('pe_exceptions')
      .onDelete('CASCADE');
    table.string('entity_ref', 255).notNullable();
    table.timestamp('deadline', { useTz: true }).nullable();
    table.string('status', 16).notNullable();
    table.timestamp('backfilled_at', { useTz: true }).nullable();
    table.boolean('backfilled_on_time').nullable();
    table
      .integer('backfill_seconds')
      .nullable()
      .comment('Time from opening to backfill, kept for the scorecard');
    table
      .timestamp('updated_at', { useTz: true })
      .notNullable()
      .comment('When the rules or the sweep last changed the state');
  });
  if (pg) {
    // Below 50 %, a page has room for a second version of every row on it.
    await knex.raw('alter table pe_exception_states set (fillfactor = 45)');
  }
  await knex.raw(
    `insert into pe_exception_states
       (exception_id, entity_ref, deadline, status, backfilled_at,
        backfilled_on_time, backfill_seconds, updated_at)
     select id, entity_ref, deadline, status, backfilled_at,
            backfilled_on_time, backfill_seconds, updated_at
     from pe_exceptions`,
  );

  await knex.raw('drop index pe_exceptions_backfilled_idx');
  await knex.raw('drop index pe_exceptions_unbackfilled_deadline_idx');
  if (pg) await knex.raw('alter table pe_exceptions reset (fillfactor)');
  // Plain `drop column`, never knex's SQLite rebuild of the table: dropping
  // the old table there would cascade to the tasks and the states.
  for (const column of STATE_COLUMNS) {
    await knex.raw(`alter table pe_exceptions drop column ${column}`);
  }

  for (const sql of scorecardIndexes(pg)) await knex.raw(sql);
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  const pg = knex.client.config.client === 'pg';
  await knex.schema.alterTable('pe_exceptions', table => {
    table.timestamp('deadline', { useTz: true }).nullable();
    table.string('status', 16).notNullable().defaultTo('open');
    table.timestamp('backfilled_at', { useTz: true }).nullable();
    table.boolean('backfilled_on_time').nullable();
    table.integer('backfill_seconds').nullable();
  });
  const copied = STATE_COLUMNS.map(
    column =>
      `${column} = (select s.${column} from pe_exception_states s where s.exception_id = pe_exceptions.id)`,
  );
  // Every exception has a state row; `where exists` keeps the default otherwise.
  await knex.raw(
    `update pe_exceptions set ${copied.join(', ')}
     where exists (select 1 from pe_exception_states s where s.exception_id = pe_exceptions.id)`,
  );
  await knex.raw('drop index pe_findings_unacknowledged_idx');
  await knex.schema.dropTable('pe_exception_states');
  for (const sql of previousIndexes(pg)) await knex.raw(sql);
  if (pg) await knex.raw('alter table pe_exceptions set (fillfactor = 70)');
};
