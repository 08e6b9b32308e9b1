import { Knex } from 'knex';
import { createTestDatabases } from '../__testUtils__/databases';
import { deleteAll } from './bulkDelete';
import { bulkInsert, insertAll } from './bulkInsert';

const databases = createTestDatabases();

async function createTables(knex: Knex) {
  await knex.schema.createTable('parents', t => {
    t.string('id', 36).primary();
    t.text('name').notNullable();
  });
  await knex.schema.createTable('children', t => {
    t.string('parent_id', 36).notNullable().references('id').inTable('parents');
    t.integer('position').notNullable();
    t.timestamp('due_at', { useTz: true }).nullable();
  });
}

const PARENT = { id: 'text', name: 'text' };
const CHILD = { parent_id: 'text', position: 'integer', due_at: 'timestamptz' };

describe.each(databases.eachSupportedId())('bulk writes on %p', databaseId => {
  it('inserts parents and their children together, and deletes them together', async () => {
    const knex = await databases.init(databaseId);
    await createTables(knex);
    const due = new Date('2026-11-24T10:00:00Z');

    await knex.transaction(tx =>
      insertAll(tx, [
        {
          table: 'parents',
          columns: PARENT,
          rows: [
            { id: 'a', name: 'it\'s "quoted", {braced}' },
            { id: 'b', name: 'b' },
          ],
        },
        { table: 'children', columns: CHILD, rows: [] },
        {
          table: 'children',
          columns: CHILD,
          rows: [
            { parent_id: 'a', position: 0, due_at: due },
            { parent_id: 'a', position: 1, due_at: null },
            { parent_id: 'b', position: 0, due_at: null },
          ],
        },
      ]),
    );
    expect(await knex('parents').orderBy('id').pluck('name')).toEqual([
      'it\'s "quoted", {braced}',
      'b',
    ]);
    const children = await knex('children').orderBy(['parent_id', 'position']);
    expect(children.map(c => [c.parent_id, c.position])).toEqual([
      ['a', 0],
      ['a', 1],
      ['b', 0],
    ]);
    expect(new Date(children[0].due_at)).toEqual(due);

    await knex.transaction(tx =>
      deleteAll(tx, [
        { table: 'children', column: 'parent_id', ids: ['a'] },
        { table: 'parents', column: 'id', ids: ['a', 'missing'] },
        { table: 'parents', column: 'name', ids: [] },
      ]),
    );
    expect(await knex('parents').pluck('id')).toEqual(['b']);
    expect(await knex('children').pluck('parent_id')).toEqual(['b']);
    await knex.destroy();
  });

  it('writes nothing of a failed insert', async () => {
    const knex = await databases.init(databaseId);
    await createTables(knex);
    const outcome = await knex
      .transaction(tx =>
        insertAll(tx, [
          { table: 'parents', columns: PARENT, rows: [{ id: 'a', name: 'a' }] },
          // A child without its required position fails the insert.
          {
            table: 'children',
            columns: CHILD,
            rows: [{ parent_id: 'a', position: null, due_at: null }],
          },
        ]),
      )
      .then(
        () => 'committed',
        (error: Error) => error.message,
      );
    // Awaited by hand: `expect(…).rejects` on knex's transaction promise
    // sometimes passed it by on SQLite under a full test run.
    expect(outcome).toMatch(/not.null|null value/i);
    expect(await knex('parents').select()).toEqual([]);
    await knex.destroy();
  });

  it('stores a json column as the JSON text of its object, and returns what was recorded', async () => {
    const knex = await databases.init(databaseId);
    await knex.schema.createTable('docs', t => {
      t.string('id', 36).primary();
      t.text('body').notNullable();
    });
    const body = {
      title: 'it\'s "quoted" — ünïcode, {braced}, back\\slash',
      nested: { list: [1, 2.5, null, true], empty: {} },
    };
    const columns = { id: 'text', body: 'json' };
    const inserted = await knex.transaction(tx =>
      bulkInsert(tx, 'docs', columns, [{ id: 'a', body }], {
        ignoreConflictsOn: ['id'],
        returning: ['id'],
      }),
    );
    const again = await knex.transaction(tx =>
      bulkInsert(tx, 'docs', columns, [{ id: 'a', body: { other: 1 } }], {
        ignoreConflictsOn: ['id'],
        returning: ['id'],
      }),
    );
    expect(inserted.map(r => r.id)).toEqual(['a']);
    expect(again).toEqual([]);
    expect(await knex('docs').pluck('body')).toEqual([JSON.stringify(body)]);
    await knex.destroy();
  });
});
