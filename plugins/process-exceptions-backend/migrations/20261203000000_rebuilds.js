// @ts-check

/**
 * What each service's derived rows were computed with, and the rebuild jobs
 * that re-derive services from their ledgers.
 *
 * A service's row names the lowest policy revision any of its derived rows
 * may come from: a rebuild sets it, a write by a replica on an older
 * revision lowers it, so the services a newer policy has not reached yet
 * are always found by `policy_revision < ?`.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('pe_derivation_state', table => {
    table.comment('The policy each service was last derived with');
    table.string('entity_ref', 255).primary();
    table
      .integer('policy_revision')
      .notNullable()
      .comment('processExceptions.policyRevision; -1 before it was recorded');
    table
      .string('policy_fingerprint', 64)
      .notNullable()
      .comment('SHA-256 of the policy, as lower-case hex; empty when unknown');
    table
      .bigInteger('last_seq')
      .notNullable()
      .comment('The newest ledger event the last rebuild read');
    table.timestamp('derived_at', { useTz: true }).notNullable();
    table.index(['policy_revision'], 'pe_derivation_state_revision_idx');
  });

  await knex.schema.createTable('pe_rebuilds', table => {
    table.comment('Jobs that re-derive services from their ledgers');
    table.string('id', 36).primary();
    table
      .string('reason', 16)
      .notNullable()
      .comment('requested (API or CLI) or policy (a raised policyRevision)');
    table
      .string('status', 16)
      .notNullable()
      .comment('running, done or superseded');
    table.integer('policy_revision').notNullable();
    table.string('policy_fingerprint', 64).notNullable();
    table.string('requested_by', 255).nullable();
    table
      .text('scope')
      .nullable()
      .comment('The services to rebuild, as a JSON array; null for all');
    table
      .string('cursor', 255)
      .nullable()
      .comment('The last service done, in entity_ref order');
    table.integer('services_total').notNullable();
    table.integer('services_done').notNullable().defaultTo(0);
    table
      .integer('services_skipped')
      .notNullable()
      .defaultTo(0)
      .comment('Already derived with this revision, or a newer one');
    table.bigInteger('events_read').notNullable().defaultTo(0);
    table.text('last_error').nullable();
    table
      .string('lease_owner', 36)
      .nullable()
      .comment('The process working on it; another may take over after lease_until');
    table.timestamp('lease_until', { useTz: true }).nullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.timestamp('updated_at', { useTz: true }).notNullable();
    table.timestamp('finished_at', { useTz: true }).nullable();
    table.index(['status', 'created_at'], 'pe_rebuilds_status_idx');
  });

  // Services derived before revisions were recorded are rebuilt once.
  await knex.raw(
    `insert into pe_derivation_state
       (entity_ref, policy_revision, policy_fingerprint, last_seq, derived_at)
     select entity_ref, -1, '', max(seq), ? from pe_events
     where entity_ref is not null group by entity_ref`,
    [new Date()],
  );
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('pe_rebuilds');
  await knex.schema.dropTable('pe_derivation_state');
};
