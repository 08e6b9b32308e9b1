// @ts-check

/**
 * The ledger, the exceptions derived from it, their backfill tasks and the
 * findings where the chain broke without a recorded exception.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  // Append-only: rows are never deleted and never changed, except that an
  // unmapped event's entity_ref is filled in once the catalog can resolve it.
  await knex.schema.createTable('pe_events', table => {
    table.comment('Append-only ledger of every accepted event');
    table.bigIncrements('seq').primary();
    table
      .string('source', 32)
      .notNullable()
      .comment('Where the event came from: api, github, cdevents, …');
    table
      .string('external_id', 255)
      .notNullable()
      .comment("The sender's own id: the idempotency key within a source");
    table.string('type', 64).notNullable();
    table
      .string('entity_ref', 255)
      .nullable()
      .comment('Null while the catalog cannot resolve the event (unmapped)');
    table
      .string('subject', 255)
      .nullable()
      .comment('What the sender named the service by, kept to map it later');
    table.string('actor', 255).nullable();
    table.timestamp('occurred_at', { useTz: true }).notNullable();
    table.timestamp('received_at', { useTz: true }).notNullable();
    table.text('data').notNullable().comment('The normalised v1 event data');
    table.text('payload').notNullable().comment('The raw payload as received');
    // The unique constraint, not a read-then-write, makes concurrent
    // duplicates from several replicas record once.
    table.unique(['source', 'external_id'], {
      indexName: 'pe_events_source_external_id_uniq',
    });
    table.index(['entity_ref', 'occurred_at'], 'pe_events_entity_time_idx');
    // Finds the unmapped events to retry when the catalog learns a service.
    table.index(['subject'], 'pe_events_subject_idx');
  });

  await knex.schema.createTable('pe_exceptions', table => {
    table.comment('Exceptions: the named, recorded breaks of a delivery rule');
    table.string('id', 36).primary();
    table
      .string('natural_key', 255)
      .notNullable()
      .comment(
        'What the rules derived it from; keeps re-evaluation idempotent',
      );
    table.string('entity_ref', 255).notNullable();
    table.string('kind', 32).notNullable();
    table.string('name', 255).notNullable();
    table.text('reason').notNullable();
    table.text('links').notNullable();
    table.string('opened_by', 255).nullable();
    table.timestamp('opened_at', { useTz: true }).notNullable();
    table.timestamp('deadline', { useTz: true }).nullable();
    table.string('status', 16).notNullable();
    table.timestamp('backfilled_at', { useTz: true }).nullable();
    table.boolean('backfilled_on_time').nullable();
    table
      .integer('backfill_seconds')
      .nullable()
      .comment('Time from opening to backfill, kept for the scorecard');
    table
      .string('fingerprint', 64)
      .notNullable()
      .comment('Hash of the derived state, to write only what changed');
    table.timestamp('updated_at', { useTz: true }).notNullable();
    table.unique(['natural_key'], { indexName: 'pe_exceptions_key_uniq' });
    table.index(['entity_ref', 'opened_at'], 'pe_exceptions_entity_time_idx');
    table.index(['status', 'deadline'], 'pe_exceptions_status_deadline_idx');
  });

  await knex.schema.createTable('pe_exception_events', table => {
    table.comment('Which ledger events caused or advanced an exception');
    table
      .string('exception_id', 36)
      .notNullable()
      .references('id')
      .inTable('pe_exceptions')
      .onDelete('CASCADE');
    table.bigInteger('event_seq').notNullable();
    table.primary(['exception_id', 'event_seq'], 'pe_exception_events_pk');
  });

  await knex.schema.createTable('pe_tasks', table => {
    table.comment('Backfill tasks owed for an exception');
    table
      .string('exception_id', 36)
      .notNullable()
      .references('id')
      .inTable('pe_exceptions')
      .onDelete('CASCADE');
    table.string('key', 64).notNullable();
    table
      .integer('position')
      .notNullable()
      .comment('Order of the checklist as the rules give it');
    table.string('title', 255).notNullable();
    table.string('role', 32).notNullable();
    table.timestamp('due_at', { useTz: true }).nullable();
    table.timestamp('done_at', { useTz: true }).nullable();
    table.string('done_by', 255).nullable();
    table.text('evidence_url').nullable();
    table.primary(['exception_id', 'key'], 'pe_tasks_pk');
  });

  await knex.schema.createTable('pe_findings', table => {
    table.comment('Places where the chain broke without a recorded exception');
    table.string('id', 36).primary();
    table.string('natural_key', 255).notNullable();
    table.string('rule', 64).notNullable();
    table.string('entity_ref', 255).notNullable();
    table.text('message').notNullable();
    table.text('event_seqs').notNullable();
    table.timestamp('detected_at', { useTz: true }).notNullable();
    table.timestamp('acknowledged_at', { useTz: true }).nullable();
    table.string('acknowledged_by', 255).nullable();
    table.string('exception_id', 36).nullable();
    table.string('fingerprint', 64).notNullable();
    table.unique(['natural_key'], { indexName: 'pe_findings_key_uniq' });
    table.index(['entity_ref', 'detected_at'], 'pe_findings_entity_time_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('pe_findings');
  await knex.schema.dropTable('pe_tasks');
  await knex.schema.dropTable('pe_exception_events');
  await knex.schema.dropTable('pe_exceptions');
  await knex.schema.dropTable('pe_events');
};
