// @ts-check

/**
 * The correlation index: the keys (change, deployment, incident, flag, story
 * and exception ids) that tie ledger events to the others a rule reads with
 * them. Events of a service joined by shared keys form one case, which is
 * what a write has to re-derive. The value is kept for lookups by people
 * (the trail); matching goes by its SHA-256, so long keys fit the index.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('pe_event_keys', table => {
    table.comment('Correlation keys of ledger events, one row per key');
    table.bigInteger('event_seq').notNullable();
    table
      .string('entity_ref', 255)
      .nullable()
      .comment("The event's service; null while the event is unmapped");
    table
      .string('kind', 16)
      .notNullable()
      .comment('change, deployment, incident, flag, story or exception');
    table
      .string('value_digest', 64)
      .notNullable()
      .comment('SHA-256 of the value, as lower-case hex');
    table.text('value').notNullable();
    table.primary(['event_seq', 'kind', 'value_digest'], 'pe_event_keys_pk');
    table.index(['kind', 'value_digest'], 'pe_event_keys_kind_value_idx');
    table.index(
      ['entity_ref', 'kind', 'value_digest'],
      'pe_event_keys_entity_kind_value_idx',
    );
  });

  // Events recorded before this migration are indexed by the plugin when it
  // starts (database/indexLedger.ts), in batches from `next_seq`, so a
  // large ledger does not hold the migration's transaction.
  await knex.schema.createTable('pe_event_keys_backfill', table => {
    table.comment('How far the correlation index has covered older events');
    table.bigInteger('next_seq').notNullable();
    table.bigInteger('end_seq').notNullable();
  });
  const [{ max }] = await knex('pe_events').max({ max: 'seq' });
  await knex('pe_event_keys_backfill').insert({
    next_seq: 1,
    end_seq: Number(max ?? 0),
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('pe_event_keys_backfill');
  await knex.schema.dropTable('pe_event_keys');
};
