// @ts-check

/**
 * Indexes that keep the overdue sweep and the scorecard fast at scale.
 *
 * No index holds `status`, the column the sweep changes, so PostgreSQL can
 * update those rows in place (HOT) instead of adding an entry to every index
 * per row; the free space left in each page (fillfactor) is what in-place
 * updates need. The scorecard reads a covering index instead of the table.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  const pg = knex.client.config.client === 'pg';
  await knex.schema.alterTable('pe_exceptions', table => {
    table.dropIndex([], 'pe_exceptions_status_deadline_idx');
  });
  await knex.raw(
    'create index pe_exceptions_unbackfilled_deadline_idx on pe_exceptions (deadline) where backfilled_at is null',
  );
  await knex.raw(
    pg
      ? 'create index pe_exceptions_score_idx on pe_exceptions (entity_ref, backfilled_at) include (deadline, backfilled_on_time, backfill_seconds)'
      : 'create index pe_exceptions_score_idx on pe_exceptions (entity_ref, backfilled_at, deadline, backfilled_on_time, backfill_seconds)',
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
  await knex.raw('drop index pe_exceptions_score_idx');
  await knex.raw('drop index pe_exceptions_unbackfilled_deadline_idx');
  await knex.schema.alterTable('pe_exceptions', table => {
    table.index(['status', 'deadline'], 'pe_exceptions_status_deadline_idx');
  });
};
