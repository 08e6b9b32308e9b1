// @ts-check

/**
 * Which notifications were sent, so each transition of an exception or
 * finding is announced once even with several replicas sweeping.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('pe_notifications', table => {
    table.comment(
      'One row per announced transition of an exception or finding',
    );
    table.string('subject_id', 36).notNullable();
    table
      .string('transition', 32)
      .notNullable()
      .comment('opened, due-soon, overdue or finding');
    table.timestamp('sent_at', { useTz: true }).notNullable();
    // Claiming a transition is an insert that only one replica can win.
    table.primary(['subject_id', 'transition'], 'pe_notifications_pk');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('pe_notifications');
};
