// @ts-check

/**
 * Indexes that keep the overdue sweep and the scorecard fast at scale.
 *
 * No index holds `status`, the column the sweep changes, so PostgreSQL can
 * update those rows in place (HOT) instead of adding an entry to every index
 * per row; the free space left in each page (fillfactor) is what in-place
 * updates need. The scorecard reads two covering partial indexes, the
 * unbackfilled exceptions (which the sweep reads too) and the backfilled
 * ones by date, instead of the table.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  const pg = knex.client.config.client === 'pg';
  // PostgreSQL reads these in key order for the sweep (deadline) and
  // aggregates them with hashes; SQLite groups in index order, so there the
  // service comes first, and it has no `include`.
  const unbackfilled = pg
    ? '(deadline) include (entity_ref)'
    : '(entity_ref, deadline)';
  const backfilled = pg
    ? '(backfilled_at) include (entity_ref, backfill_seconds, backfilled_on_time)'
    : '(entity_ref, backfilled_at, backfill_seconds, backfilled_on_time)';
  await knex.schema.alterTable('pe_exceptions', table => {
    table.dropIndex([], 'pe_exceptions_status_deadline_idx');
  });
  await knex.raw(
    `create index pe_exceptions_unbackfilled_deadline_idx on pe_exceptions ${unbackfilled} where backfilled_at is null`,
  );
  await knex.raw(
    `create index pe_exceptions_backfilled_idx on pe_exceptions ${backfilled} where backfilled_at is not null`,
  );
  if (pg) {
    await knex.raw('alter table pe_exceptions set (fillfactor = 70)');
  }
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  if (knex.client.config.client === 'pg') {
    await knex.raw('alter table pe_exceptions reset (fillfactor)');
  }
  await knex.raw('drop index pe_exceptions_backfilled_idx');
  await knex.raw('drop index pe_exceptions_unbackfilled_deadline_idx');
  await knex.schema.alterTable('pe_exceptions', table => {
    table.index(['status', 'deadline'], 'pe_exceptions_status_deadline_idx');
  });
};
