import { Knex } from 'knex';
import { createTestDatabases } from '../../__testUtils__/databases';
import { dialectOf } from './SqlDialect';

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

describe.each(databases.eachSupportedId())(
  'the SQL dialect of %p',
  databaseId => {
    it('inserts parents and their children together, and deletes them together', async () => {
      const knex = await databases.init(databaseId);
      await createTables(knex);
      const due = new Date('2026-11-24T10:00:00Z');

      await knex.transaction(tx =>
        dialectOf(tx).insertAll(tx, [
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
      const children = await knex('children').orderBy([
        'parent_id',
        'position',
      ]);
      expect(children.map(c => [c.parent_id, c.position])).toEqual([
        ['a', 0],
        ['a', 1],
        ['b', 0],
      ]);
      expect(new Date(children[0].due_at)).toEqual(due);

      await knex.transaction(tx =>
        dialectOf(tx).deleteAll(tx, [
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
          dialectOf(tx).insertAll(tx, [
            {
              table: 'parents',
              columns: PARENT,
              rows: [{ id: 'a', name: 'a' }],
            },
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
        dialectOf(tx).insert(tx, 'docs', columns, [{ id: 'a', body }], {
          ignoreConflictsOn: ['id'],
          returning: ['id'],
        }),
      );
      const again = await knex.transaction(tx =>
        dialectOf(tx).insert(
          tx,
          'docs',
          columns,
          [{ id: 'a', body: { other: 1 } }],
          {
            ignoreConflictsOn: ['id'],
            returning: ['id'],
          },
        ),
      );
      expect(inserted.map(r => r.id)).toEqual(['a']);
      expect(again).toEqual([]);
      expect(await knex('docs').pluck('body')).toEqual([JSON.stringify(body)]);
      await knex.destroy();
    });

    it('inserts thousands of rows in their order, each column type as stored by knex', async () => {
      const knex = await databases.init(databaseId);
      await knex.schema.createTable('items', t => {
        t.bigIncrements('seq');
        t.text('name').notNullable();
        t.integer('size').nullable();
        t.boolean('ready').notNullable();
        t.timestamp('at', { useTz: true }).nullable();
      });
      const at = new Date('2026-12-01T10:00:00.123Z');
      const rows = Array.from({ length: 3000 }, (_, i) => ({
        name: `item-${i}`,
        size: i % 3 === 0 ? null : i,
        ready: i % 2 === 0,
        at: i % 5 === 0 ? null : at,
      }));
      const columns = {
        name: 'text',
        size: 'integer',
        ready: 'boolean',
        at: 'timestamptz',
      };
      await knex.transaction(tx =>
        dialectOf(tx).insert(tx, 'items', columns, rows),
      );
      await knex('items').insert({ ...rows[7], name: 'by knex' });

      const stored = await knex('items').orderBy('seq');
      expect(stored.map(r => r.name)).toEqual([
        ...rows.map(r => r.name),
        'by knex',
      ]);
      const [byDialect, byKnex] = [stored[7], stored[3000]];
      expect({ ...byDialect, seq: 0, name: '' }).toEqual({
        ...byKnex,
        seq: 0,
        name: '',
      });
      expect(new Date(byDialect.at)).toEqual(at);
      expect(stored.filter(r => r.size === null)).toHaveLength(1000);
      await knex.destroy();
    });

    it('matches a bound list, and reads it as rows', async () => {
      const knex = await databases.init(databaseId);
      const d = dialectOf(knex);
      await knex.schema.createTable('items', t => {
        t.bigInteger('n').notNullable();
        t.text('name').notNullable();
      });
      await knex('items').insert([
        { n: 1, name: 'one' },
        { n: 2, name: "it's" },
        { n: 3, name: 'three' },
      ]);
      const rows = await knex.raw(
        `select name from items where n ${d.anyOf()} order by n`,
        [d.list([1, 3, 99]) as Knex.RawBinding],
      );
      expect(d.rows<{ name: string }>(rows).map(r => r.name)).toEqual([
        'one',
        'three',
      ]);
      const named = await knex.raw(
        `select n from items where name in (${d.listRows('text')}) order by n`,
        [d.list(["it's", 'missing']) as Knex.RawBinding],
      );
      expect(
        d.rows<{ n: number | string }>(named).map(r => Number(r.n)),
      ).toEqual([2]);
      await knex.destroy();
    });

    it('reads correlation keys as rows of a from clause', async () => {
      const knex = await databases.init(databaseId);
      const d = dialectOf(knex);
      const keys = d.keyRows([
        {
          entity_ref: 'component:default/a',
          kind: 'change',
          value_digest: 'x',
        },
        {
          entity_ref: "component:default/it's",
          kind: 'flag',
          value_digest: 'y',
        },
      ]);
      const result = await knex.raw(
        `select entity_ref, kind, value_digest from ${keys.sql} order by kind`,
        keys.bindings as Knex.RawBinding[],
      );
      expect(d.rows(result)).toEqual([
        {
          entity_ref: 'component:default/a',
          kind: 'change',
          value_digest: 'x',
        },
        {
          entity_ref: "component:default/it's",
          kind: 'flag',
          value_digest: 'y',
        },
      ]);
      await knex.destroy();
    });

    it('aggregates a comma list, and counts whole weeks since a time', async () => {
      const knex = await databases.init(databaseId);
      const d = dialectOf(knex);
      await knex.schema.createTable('times', t => {
        t.timestamp('at', { useTz: true }).notNullable();
        t.integer('n').notNullable();
      });
      const since = new Date('2026-11-01T00:00:00Z');
      const week = 7 * 24 * 3600_000;
      await knex('times').insert([
        { at: new Date(since.getTime() + 3600_000), n: 1 },
        { at: new Date(since.getTime() + 2 * week + 5), n: 2 },
      ]);
      const result = await knex.raw(
        `select ${d.floor(`(${d.epochMs('at')} - ?) / ${week}`)} as week,
              ${d.commaList('n')} as ns
       from times group by 1 order by 1`,
        [since.getTime()],
      );
      expect(
        d
          .rows<{ week: unknown; ns: string }>(result)
          .map(r => [Number(r.week), r.ns]),
      ).toEqual([
        [0, '1'],
        [2, '2'],
      ]);
      await knex.destroy();
    });
  },
);
