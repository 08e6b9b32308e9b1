import { createTestDatabases } from '../__testUtils__/databases';
import {
  inlineBindings,
  parameterize,
  pgIdentifier,
  pgLiteral,
} from './pgLiterals';
import { PgStatementBatch } from './PgStatementBatch';

const HOSTILE = [
  "it's",
  "'; drop table pe_events; --",
  "back\\slash \\' \\\\",
  "E'\\x41'",
  '$$ $tag$ "quoted" ? ?? :name',
  '<script>alert(1)</script>',
  'ünïcødé 🙂 \u2028 tab\t newline\n',
  '',
];

describe('pgLiteral', () => {
  it('writes values as literals', () => {
    expect(pgLiteral(null)).toBe('null');
    expect(pgLiteral(undefined)).toBe('null');
    expect(pgLiteral(42)).toBe('42');
    expect(pgLiteral(false)).toBe('false');
    expect(pgLiteral("it's a \\")).toBe("E'it''s a \\\\'");
    expect(pgLiteral(new Date('2026-11-24T10:00:00Z'))).toBe(
      "E'2026-11-24T10:00:00.000Z'",
    );
    expect(pgLiteral(['a', 1])).toBe("array[E'a',1]");
    expect(pgIdentifier('we"ird')).toBe('"we""ird"');
  });

  it('refuses what a query cannot carry', () => {
    expect(() => pgLiteral('a\u0000b')).toThrow(/NUL/);
    expect(() => pgLiteral(Number.NaN)).toThrow(/finite/);
    expect(() => pgLiteral({} as any)).toThrow(/Cannot write object/);
  });

  it('fills placeholders in order and counts them', () => {
    expect(inlineBindings('select ?? from t where a = ?', ['c', "x'"])).toBe(
      `select "c" from t where a = E'x'''`,
    );
    expect(
      parameterize('select ?? from t where a = ? and b = ?', ['c', 1, 'x']),
    ).toEqual({
      text: 'select "c" from t where a = $1 and b = $2',
      values: [1, 'x'],
    });
    expect(() => inlineBindings('select ?', [])).toThrow(/More placeholders/);
    expect(() => inlineBindings('select 1', [1])).toThrow(/More bindings/);
  });
});

const databases = createTestDatabases();
const postgres = databases
  .eachSupportedId()
  .filter(([id]) => id.startsWith('POSTGRES'));

describe.each(postgres)('literals on %p', databaseId => {
  it.each(['on', 'off'])(
    'reads back every string as written, standard_conforming_strings %s',
    async setting => {
      const knex = await databases.init(databaseId);
      // Sent as the ingestion's statements are: inlined, without parameters.
      const rows = await PgStatementBatch.transaction(knex, async batch => {
        batch.defer({
          sql: `set local standard_conforming_strings = ${setting}`,
          bindings: [],
        });
        return batch.rows<{ v: string }>({
          sql: 'select unnest(?::text[]) as v',
          bindings: [HOSTILE],
        });
      });
      const read = rows.map(r => r.v);
      expect(read).toEqual(HOSTILE);
    },
  );
});
