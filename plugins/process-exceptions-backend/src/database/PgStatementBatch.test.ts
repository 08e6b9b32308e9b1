import { createTestDatabases } from '../__testUtils__/databases';
import { PgStatementBatch } from './PgStatementBatch';

const databases = createTestDatabases();
const postgres = databases
  .eachSupportedId()
  .filter(([id]) => id.startsWith('POSTGRES'));

describe.each(postgres)('statement batches on %p', databaseId => {
  it('sends deferred statements with the next and commits them', async () => {
    const knex = await databases.init(databaseId);
    await knex.schema.createTable('t', t => t.text('v').notNullable());
    const rows = await PgStatementBatch.transaction(knex, async batch => {
      batch.defer({ sql: 'insert into t (v) values (?)', bindings: ['a'] });
      batch.defer({ sql: 'insert into t (v) values (?)', bindings: ['b'] });
      return batch.rows({ sql: 'select v from t order by v', bindings: [] });
    });
    expect(rows).toEqual([{ v: 'a' }, { v: 'b' }]);
    expect(await knex('t').pluck('v')).toEqual(['a', 'b']);
  });

  it('sends a statement with large values on its own, in order', async () => {
    const knex = await databases.init(databaseId);
    await knex.schema.createTable('t', t => t.text('v').notNullable());
    const large = `it's \\ ${'x'.repeat(100_000)}`;
    const [before, counted, after] = await PgStatementBatch.transaction(
      knex,
      async batch => {
        batch.defer({ sql: 'insert into t (v) values (?)', bindings: ['a'] });
        batch.defer({ sql: 'insert into t (v) values (?)', bindings: [large] });
        return batch.rowsOfEach([
          { sql: 'select count(*) as n from t', bindings: [] },
          {
            sql: 'insert into t (v) values (?) returning (select count(*) from t) as n',
            bindings: [large],
          },
          { sql: 'select count(*) as n from t', bindings: [] },
        ]);
      },
    );
    expect([before, counted, after]).toEqual([
      [{ n: '2' }],
      [{ n: '2' }],
      [{ n: '3' }],
    ]);
    expect(await knex('t').where({ v: large }).count({ n: '*' })).toEqual([
      { n: '2' },
    ]);
  });

  it('rolls back everything when a deferred statement fails, and frees the connection', async () => {
    const knex = await databases.init(databaseId);
    await knex.schema.createTable('t', t => t.text('v').notNullable());
    const attempt = () =>
      PgStatementBatch.transaction(knex, async batch => {
        await batch.rowCount({
          sql: 'insert into t (v) values (?)',
          bindings: ['kept?'],
        });
        // Fails only when sent, with the commit.
        batch.defer({ sql: 'insert into t (v) values (null)', bindings: [] });
      });
    const pool = (knex.client as any).pool;
    for (let i = 0; i < pool.max + 2; i++) {
      await expect(attempt()).rejects.toMatchObject({ code: '23502' });
    }
    expect(pool.numUsed()).toBe(0);
    expect(await knex('t').count({ n: '*' })).toEqual([{ n: '0' }]);
  });
});
