// @ts-check

/**
 * Maintenance work that failed and waits for its retry: a sweep step, an
 * unmapped subject, a notification. One row per piece of work, deleted when
 * it next succeeds; operators read it through `GET /v1/maintenance/failures`.
 */

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  await knex.schema.createTable('pe_maintenance_failures', table => {
    table.string('kind', 32).notNullable();
    // A subject (255), or a notification's `<subject id>/<transition>`.
    table.string('target', 255).notNullable();
    table.integer('attempts').notNullable();
    table.timestamp('first_failed_at', { useTz: true }).notNullable();
    table.timestamp('last_failed_at', { useTz: true }).notNullable();
    table.timestamp('next_attempt_at', { useTz: true }).notNullable();
    table.text('last_error').notNullable();
    table.primary(['kind', 'target'], 'pe_maintenance_failures_pk');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('pe_maintenance_failures');
};
