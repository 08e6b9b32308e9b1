// @ts-check

/**
 * The durable inbox: a delivery from Backstage's events system is written
 * here as it arrives, then adapted and applied to the ledger. It stays
 * while it waits for a retry (`pending`) or could never be adapted
 * (`rejected`, with the reason); once applied it is deleted, its event
 * being in the ledger.
 */

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  await knex.schema.createTable('pe_inbox', table => {
    table.bigIncrements('id').primary();
    table.string('topic', 255).notNullable();
    table.text('payload').notNullable();
    table.text('metadata').notNullable();
    table.timestamp('received_at', { useTz: true }).notNullable();
    table.string('status', 16).notNullable();
    table.integer('attempts').notNullable().defaultTo(0);
    table.timestamp('next_attempt_at', { useTz: true }).notNullable();
    table.text('last_error').nullable();
    table.index(['status', 'next_attempt_at'], 'pe_inbox_due_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('pe_inbox');
};
