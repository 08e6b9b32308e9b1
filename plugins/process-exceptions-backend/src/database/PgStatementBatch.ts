import { Knex } from 'knex';
import { inlineBindings, parameterize, PgValue } from './pgLiterals';

/** A statement in knex's placeholder style, see {@link inlineBindings}. */
export type Statement = { sql: string; bindings: readonly PgValue[] };

/**
 * Writes as one statement, each but the last in a `with` clause (data-
 * modifying CTEs run in the order written); none if there are none.
 */
export function inOneStatement(parts: Statement[]): Statement | undefined {
  const last = parts[parts.length - 1];
  if (!last) return undefined;
  const first = parts.slice(0, -1);
  return {
    sql: [
      first.length
        ? `with ${first.map((p, n) => `w${n} as (${p.sql})`).join(', ')}`
        : '',
      last.sql,
    ].join(' '),
    bindings: parts.flatMap(p => p.bindings),
  };
}

type Result = { rows: any[]; rowCount: number | null };

/** The part of a node-postgres client this uses. */
interface PgConnection {
  query(text: string, values?: unknown[]): Promise<Result | Result[]>;
}

/**
 * Values larger than this (in characters, all bindings together) go as
 * parameters: writing and parsing a batch's rows (megabytes) as a literal
 * cost both sides more than the round trip it saves.
 */
const LARGE_VALUES = 32 * 1024;

/** A statement ready to send: literal text, or text with its parameters. */
type Prepared = { text: string; values?: PgValue[] };

function valueChars(value: PgValue): number {
  if (typeof value === 'string') return value.length;
  if (Array.isArray(value)) {
    return value.reduce((n: number, v: PgValue) => n + valueChars(v), 0);
  }
  return 8;
}

function prepare({ sql, bindings }: Statement): Prepared {
  return valueChars(bindings) > LARGE_VALUES
    ? parameterize(sql, bindings)
    : { text: inlineBindings(sql, bindings) };
}

/**
 * One PostgreSQL transaction on a connection of knex's pool, whose
 * statements travel together: a statement whose result is not needed waits
 * and goes in one message with the next that is (`begin` with the append,
 * the locks with the ledger read, the derived rows' writes with `commit`).
 * The server still runs them one after another, each with its own snapshot,
 * so the read sees what the locks' holders committed. Each round trip cost
 * the backend more CPU than most statements cost the server.
 *
 * Statements that travel together go without parameters (several per
 * message is the simple protocol), so their values are written as literals
 * (see `pgLiterals`); a statement with large values (a batch's rows) goes
 * on its own, in order, with parameters.
 */
export class PgStatementBatch {
  private pending: Prepared[] = [];

  private constructor(private readonly connection: PgConnection) {}

  /** Runs `fn` in a transaction and commits it; rolls back if anything fails. */
  static async transaction<T>(
    knex: Knex,
    fn: (batch: PgStatementBatch) => Promise<T>,
  ): Promise<T> {
    const connection: PgConnection = await knex.client.acquireConnection();
    try {
      const batch = new PgStatementBatch(connection);
      batch.pending.push({ text: 'begin' });
      try {
        const result = await fn(batch);
        await batch.send([{ text: 'commit' }]);
        return result;
      } catch (error) {
        // Harmless if nothing was sent yet or the connection broke.
        await connection.query('rollback').catch(() => undefined);
        throw error;
      }
    } finally {
      await knex.client.releaseConnection(connection);
    }
  }

  /** A statement whose result is not needed: it goes with the next one. */
  defer(statement: Statement): void {
    this.pending.push(prepare(statement));
  }

  /** The rows of a statement, sent with the ones deferred before it. */
  async rows<T = Record<string, unknown>>(statement: Statement): Promise<T[]> {
    return (await this.rowsOfEach([statement]))[0] as T[];
  }

  /** How many rows a statement wrote. */
  async rowCount(statement: Statement): Promise<number> {
    const [result] = await this.send([prepare(statement)]);
    return result.rowCount ?? 0;
  }

  /** The rows of each statement, sent together as far as their values allow. */
  async rowsOfEach(statements: Statement[]): Promise<any[][]> {
    const results = await this.send(statements.map(prepare));
    return results.map(r => r.rows);
  }

  /**
   * Sends what is pending and `statements`: runs of literal statements as
   * one message each, a statement with parameters on its own. Returns the
   * results of `statements`.
   */
  private async send(statements: Prepared[]): Promise<Result[]> {
    const all = [...this.pending, ...statements];
    this.pending = [];
    const results: Result[] = [];
    let literal: string[] = [];
    const sendLiteral = async () => {
      if (literal.length === 0) return;
      const r = await this.connection.query(literal.join(';\n'));
      results.push(...(Array.isArray(r) ? r : [r]));
      literal = [];
    };
    for (const { text, values } of all) {
      if (!values) literal.push(text);
      else {
        await sendLiteral();
        results.push((await this.connection.query(text, values)) as Result);
      }
    }
    await sendLiteral();
    return statements.length > 0 ? results.slice(-statements.length) : [];
  }
}
