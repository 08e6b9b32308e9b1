// @ts-check

/**
 * The evidence export reads every exception opened, and every finding
 * detected, in a period across all services, in pages by time: these
 * indexes let each page start where the last ended instead of sorting the
 * period again.
 */

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  await knex.schema.alterTable('pe_exceptions', table => {
    table.index(['opened_at', 'id'], 'pe_exceptions_opened_idx');
  });
  await knex.schema.alterTable('pe_findings', table => {
    table.index(['detected_at', 'id'], 'pe_findings_detected_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('pe_findings', table => {
    table.dropIndex(['detected_at', 'id'], 'pe_findings_detected_idx');
  });
  await knex.schema.alterTable('pe_exceptions', table => {
    table.dropIndex(['opened_at', 'id'], 'pe_exceptions_opened_idx');
  });
};
