// @ts-check

/**
 * Every accepted event can be stored: derived text that grows with the ids
 * and descriptions senders choose (natural keys, exception names, task keys
 * and titles) becomes unbounded text. A natural key is no longer unique by
 * itself in the database: the row's id, a fixed-length digest of it, is the
 * primary key and keeps it unique. SQLite enforces no lengths, so there
 * only the unique indexes go.
 */

const UNIQUE = [
  ['pe_exceptions', 'pe_exceptions_key_uniq'],
  ['pe_findings', 'pe_findings_key_uniq'],
];

/** Columns that become text, with their length before. */
const WIDENED = {
  pe_exceptions: { natural_key: 255, name: 255 },
  pe_findings: { natural_key: 255 },
  pe_tasks: { key: 64, title: 255 },
};

/** @param {import('knex').Knex} knex */
const isPostgres = knex => knex.client.config.client === 'pg';

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  for (const [table, index] of UNIQUE) {
    await knex.schema.alterTable(table, t =>
      t.dropUnique(['natural_key'], index),
    );
  }
  if (!isPostgres(knex)) return;
  for (const [table, columns] of Object.entries(WIDENED)) {
    for (const column of Object.keys(columns)) {
      await knex.raw('alter table ?? alter column ?? type text', [
        table,
        column,
      ]);
    }
  }
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  if (isPostgres(knex)) {
    for (const [table, columns] of Object.entries(WIDENED)) {
      for (const [column, length] of Object.entries(columns)) {
        // Fails, naming the column, if a longer value was stored since.
        await knex.raw(
          `alter table ?? alter column ?? type varchar(${length})`,
          [table, column],
        );
      }
    }
  }
  for (const [table, index] of UNIQUE) {
    await knex.schema.alterTable(table, t =>
      t.unique(['natural_key'], { indexName: index }),
    );
  }
};
