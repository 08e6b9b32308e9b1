// @ts-check

/**
 * The ledger is append-only, and the database enforces it: updates and
 * deletes of pe_events and pe_event_keys are refused, except filling in an
 * unmapped row's entity_ref once. A later migration that adds a column
 * changed through a recorded path (an event's provenance, its place in the
 * hash chain, an erasure) replaces these triggers with ones that allow
 * exactly that change.
 */

/** The guarded tables and their columns other than entity_ref. */
const GUARDED = {
  pe_events: [
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
  ],
  pe_event_keys: ['event_seq', 'kind', 'value_digest', 'value'],
};

/** Why a change is refused, as an SQL string literal's text. */
const REFUSAL =
  "is append-only: only an unmapped row''s entity_ref may be filled in, once";

/** @param {import('knex').Knex} knex */
async function upPostgres(knex) {
  // Compares the rows as JSON without entity_ref, so one function serves
  // every guarded table.
  await knex.raw(`
    create function pe_append_only() returns trigger language plpgsql as $$
    begin
      if tg_op = 'UPDATE' then
        if old.entity_ref is null and new.entity_ref is not null
           and to_jsonb(new) - 'entity_ref' = to_jsonb(old) - 'entity_ref' then
          return new;
        end if;
      end if;
      raise exception '% ${REFUSAL} (% refused)', tg_table_name, lower(tg_op);
    end $$`);
  for (const table of Object.keys(GUARDED)) {
    await knex.raw(`create trigger ${table}_append_only
      before update or delete on ${table}
      for each row execute function pe_append_only()`);
    await knex.raw(`create trigger ${table}_no_truncate
      before truncate on ${table}
      for each statement execute function pe_append_only()`);
  }
}

/** @param {import('knex').Knex} knex */
async function upSqlite(knex) {
  for (const [table, columns] of Object.entries(GUARDED)) {
    const unchanged = columns.map(c => `new.${c} is old.${c}`).join(' and ');
    await knex.raw(`create trigger ${table}_no_delete before delete on ${table}
      begin select raise(abort, '${table} ${REFUSAL} (delete refused)'); end`);
    await knex.raw(`create trigger ${table}_fill_once before update on ${table}
      when not (old.entity_ref is null and new.entity_ref is not null and ${unchanged})
      begin select raise(abort, '${table} ${REFUSAL} (update refused)'); end`);
  }
}

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  if (knex.client.config.client === 'pg') await upPostgres(knex);
  else await upSqlite(knex);
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  const pg = knex.client.config.client === 'pg';
  for (const table of Object.keys(GUARDED)) {
    if (pg) {
      await knex.raw(`drop trigger ${table}_append_only on ${table}`);
      await knex.raw(`drop trigger ${table}_no_truncate on ${table}`);
    } else {
      await knex.raw(`drop trigger ${table}_no_delete`);
      await knex.raw(`drop trigger ${table}_fill_once`);
    }
  }
  if (pg) await knex.raw('drop function pe_append_only()');
};
