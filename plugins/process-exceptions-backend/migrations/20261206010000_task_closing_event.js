// @ts-check

/**
 * Which ledger event closed a backfill task, so that the trail and the
 * evidence export can show who delivered the closure (its provenance), not
 * only the actor it names. Tasks derived before this are filled in when
 * their service is next derived (any new event, or a rebuild).
 */

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  await knex.schema.alterTable('pe_tasks', table => {
    table.bigInteger('done_seq').nullable();
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('pe_tasks', table => {
    table.dropColumn('done_seq');
  });
};
