// @ts-check

/**
 * Seals the ledger into a hash chain (docs/ledger-seals.md). Every event
 * gets its chain position and seal once, when the sealer reaches it, so the
 * append-only guard now allows exactly that besides filling in an unmapped
 * row's entity. The sealer runs in the plugin (it needs the configured key),
 * so existing ledgers are sealed by its first maintenance run, oldest first.
 * Signed chain heads are appended to pe_chain_heads, which nothing changes.
 */

const REFUSAL_BEFORE =
  "is append-only: only an unmapped row''s entity_ref may be filled in, once";
const REFUSAL =
  "is append-only: only an unmapped row''s entity_ref and an unsealed row''s chain_position and seal may be filled in, once";

/** pe_events' columns the guard keeps as they are. */
const EVENT_COLUMNS = [
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
  'provenance',
];

/** @param {import('knex').Knex} knex */
const isPostgres = knex => knex.client.config.client === 'pg';

/**
 * PostgreSQL's guard, shared by pe_events and pe_event_keys: outside the
 * fill-once columns the row must stay as it was, and each fill-once column
 * either stays or is filled from null.
 *
 * @param {import('knex').Knex} knex
 * @param {string[]} fillOnce
 * @param {string} refusal
 */
async function guardPostgres(knex, fillOnce, refusal) {
  const columns = `array[${fillOnce.map(c => `'${c}'`).join(',')}]`;
  const filled = fillOnce
    .map(
      c => `(o->>'${c}' is null or o->'${c}' is not distinct from n->'${c}')`,
    )
    .join(' and ');
  await knex.raw(`
    create or replace function pe_append_only() returns trigger language plpgsql as $$
    declare
      o jsonb;
      n jsonb;
    begin
      if tg_op = 'UPDATE' then
        o := to_jsonb(old);
        n := to_jsonb(new);
        if o - ${columns}::text[] = n - ${columns}::text[] and ${filled} then
          return new;
        end if;
      end if;
      raise exception '% ${refusal} (% refused)', tg_table_name, lower(tg_op);
    end $$`);
}

/**
 * SQLite's guard of pe_events' updates.
 *
 * @param {import('knex').Knex} knex
 * @param {string} when the condition under which an update is allowed
 * @param {string} refusal
 */
async function guardSqliteEvents(knex, when, refusal) {
  await knex.raw('drop trigger if exists pe_events_fill_once');
  await knex.raw(`create trigger pe_events_fill_once before update on pe_events
    when not (${when})
    begin select raise(abort, 'pe_events ${refusal} (update refused)'); end`);
}

const unchanged = EVENT_COLUMNS.map(c => `new.${c} is old.${c}`).join(' and ');
const SQLITE_BEFORE = `old.entity_ref is null and new.entity_ref is not null and ${unchanged}`;
const SQLITE_AFTER = `${unchanged}
  and (old.entity_ref is null or new.entity_ref is old.entity_ref)
  and (old.chain_position is null or new.chain_position is old.chain_position)
  and (old.seal is null or new.seal is old.seal)`;

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  await knex.schema.alterTable('pe_events', t => {
    t.bigInteger('chain_position').nullable().unique();
    t.string('seal', 64).nullable();
  });
  // The sealer's next batch: the events not sealed yet, oldest first.
  await knex.raw(
    'create index pe_events_unsealed on pe_events (seq) where chain_position is null',
  );
  await knex.schema.createTable('pe_chain_heads', t => {
    t.bigInteger('position').primary();
    t.string('seal', 64).notNullable();
    t.string('signature', 64).notNullable();
    t.timestamp('signed_at', { useTz: true }).notNullable();
  });
  if (isPostgres(knex)) {
    await guardPostgres(
      knex,
      ['entity_ref', 'chain_position', 'seal'],
      REFUSAL,
    );
    await knex.raw(`
      create function pe_chain_heads_kept() returns trigger language plpgsql as $$
      begin
        raise exception 'pe_chain_heads is append-only (% refused)', lower(tg_op);
      end $$`);
    await knex.raw(`create trigger pe_chain_heads_append_only
      before update or delete or truncate on pe_chain_heads
      for each statement execute function pe_chain_heads_kept()`);
  } else {
    await guardSqliteEvents(knex, SQLITE_AFTER, REFUSAL);
    for (const op of ['update', 'delete']) {
      await knex.raw(`create trigger pe_chain_heads_no_${op}
        before ${op} on pe_chain_heads
        begin select raise(abort, 'pe_chain_heads is append-only (${op} refused)'); end`);
    }
  }
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  if (isPostgres(knex)) {
    await knex.raw('drop table pe_chain_heads');
    await knex.raw('drop function pe_chain_heads_kept()');
    await guardPostgres(knex, ['entity_ref'], REFUSAL_BEFORE);
    await knex.raw('drop index pe_events_unsealed');
    await knex.schema.alterTable('pe_events', t => {
      t.dropColumn('chain_position');
      t.dropColumn('seal');
    });
    return;
  }
  await knex.raw('drop table pe_chain_heads');
  // SQLite drops a column no trigger or index names.
  await knex.raw('drop trigger pe_events_fill_once');
  await knex.raw('drop index pe_events_unsealed');
  await knex.raw('drop index pe_events_chain_position_unique');
  await knex.raw('alter table pe_events drop column chain_position');
  await knex.raw('alter table pe_events drop column seal');
  await guardSqliteEvents(knex, SQLITE_BEFORE, REFUSAL_BEFORE);
};
