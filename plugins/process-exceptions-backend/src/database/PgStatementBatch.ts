import { Knex } from 'knex';
import { inlineBindings, parameterize, PgValue } from './pgLiterals';

/** A statement in knex's placeholder style, see {@link inlineBindings}. */
export type Statement = { sql: string; bindings: readonly PgValue[] };

type Result = { rows: any[]; rowCount: number | null };

/** The part of a node-postgres client this uses. */
interface PgConnection {
  query(text: string, values?: unknown[]): Promise<Result | Result[]>;
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
 * (see `pgLiterals`); a statement with a large value (a batch's append) goes
 * on its own, with parameters.
 */
export class PgStatementBatch {
  private pending: string[] = [];

  private constructor(private readonly connection: PgConnection) {}

  /** Runs `fn` in a transaction and commits it; rolls back if anything fails. */
  static async transaction<T>(
    knex: Knex,
    fn: (batch: PgStatementBatch) => Promise<T>,
  ): Promise<T> {
    const connection: PgConnection = await knex.client.acquireConnection();
    try {
      const batch = new PgStatementBatch(connection);
      batch.pending.push('begin');
      try {
        const result = await fn(batch);
        await batch.send('commit');
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
    this.pending.push(inlineBindings(statement.sql, statement.bindings));
  }

  /** The rows of a statement, sent with the ones deferred before it. */
  async rows<T = Record<string, unknown>>(statement: Statement): Promise<T[]> {
    return (await this.result(statement)).rows as T[];
  }

  /** How many rows a statement wrote. */
  async rowCount(statement: Statement): Promise<number> {
    return (await this.result(statement)).rowCount ?? 0;
  }

  /**
   * The rows of a statement sent on its own, with parameters (statements
   * deferred before it go first, in a message of their own): for a large
   * value, which costs both sides more as a literal than a round trip does.
   */
  async rowsWithParameters<T = Record<string, unknown>>(
    statement: Statement,
  ): Promise<T[]> {
    if (this.pending.length > 0) await this.send();
    const { text, values } = parameterize(statement.sql, statement.bindings);
    const result = await this.connection.query(text, values);
    return (Array.isArray(result) ? result[0] : result).rows as T[];
  }

  /** The rows of each statement, all sent in one message. */
  async rowsOfEach(statements: Statement[]): Promise<any[][]> {
    const results = await this.send(
      ...statements.map(s => inlineBindings(s.sql, s.bindings)),
    );
    return results.slice(-statements.length).map(r => r.rows);
  }

  private async result(statement: Statement): Promise<Result> {
    const results = await this.send(
      inlineBindings(statement.sql, statement.bindings),
    );
    return results[results.length - 1];
  }

  private async send(...sql: string[]): Promise<Result[]> {
    const text = [...this.pending, ...sql].join(';\n');
    this.pending = [];
    const results = await this.connection.query(text);
    return Array.isArray(results) ? results : [results];
  }
}
