// @ts-check

/**
 * Every ledger event keeps who delivered it (its provenance, settled at
 * receipt), and the link of an event to an exception keeps why its evidence
 * closes nothing there, when the attestation policy says so. Events
 * recorded before get the provenance `pre-provenance`. Provenance is written
 * once, with the event: the append-only guard covers it like every other
 * column (PostgreSQL's compares whole rows; SQLite's names the columns).
 */

const PRE_PROVENANCE = '{"kind":"pre-provenance"}';

/** pe_events' columns other than entity_ref, before and after. */
const BEFORE = [
  'seq',
  'source',
  'external_id',
  'type',
  'subject',
  'actor',
  'occurred_at',
  'received_at',
  'data',
  'payload',
];
const AFTER = [...BEFORE, 'provenance'];

const REFUSAL =
  "is append-only: only an unmapped row''s entity_ref may be filled in, once";

/** @param {import('knex').Knex} knex */
const isPostgres = knex => knex.client.config.client === 'pg';

/**
 * SQLite's guard of pe_events' updates, naming `columns`.
 *
 * @param {import('knex').Knex} knex
 * @param {string[]} columns
 */
async function guardSqliteEvents(knex, columns) {
  const unchanged = columns.map(c => `new.${c} is old.${c}`).join(' and ');
  await knex.raw(`create trigger pe_events_fill_once before update on pe_events
    when not (old.entity_ref is null and new.entity_ref is not null and ${unchanged})
    begin select raise(abort, 'pe_events ${REFUSAL} (update refused)'); end`);
}

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  await knex.schema.alterTable('pe_events', t => {
    t.text('provenance').notNullable().defaultTo(PRE_PROVENANCE);
  });
  if (isPostgres(knex)) {
    // Only the rows already there take the default: every append names it.
    await knex.raw('alter table pe_events alter column provenance drop default');
  } else {
    await knex.raw('drop trigger pe_events_fill_once');
    await guardSqliteEvents(knex, AFTER);
  }
  await knex.schema.alterTable('pe_exception_events', t => {
    t.text('not_counted').nullable();
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('pe_exception_events', t => {
    t.dropColumn('not_counted');
  });
  if (isPostgres(knex)) {
    await knex.raw('alter table pe_events drop column provenance');
    return;
  }
  // SQLite drops a column no trigger names, and knex's own way rebuilds the table.
  await knex.raw('drop trigger pe_events_fill_once');
  await knex.raw('alter table pe_events drop column provenance');
  await guardSqliteEvents(knex, BEFORE);
};
