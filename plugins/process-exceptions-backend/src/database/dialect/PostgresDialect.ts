import { Knex } from 'knex';
import { sha256Hex } from '../../lib/sha256Hex';
import { KEY_INSERT_OPTIONS, PendingKeyRow } from '../ledger/eventKeys';
import { APPEND_OPTIONS } from '../ledger/ledgerRows';
import { ColumnTypes, EVENT_COLUMNS } from '../sql/columns';
import { inOneStatement, Statement } from '../sql/statements';
import {
  EventSeal,
  InsertOptions,
  ServiceKey,
  SqlDialect,
  TableIds,
  TableRows,
} from './SqlDialect';

/**
 * `insert … select … from json_to_recordset(…)`: the rows travel as one JSON
 * text, whatever their number. Serialising them is one native
 * `JSON.stringify`; building and escaping one array literal per column in
 * JavaScript cost more than the insert itself in a large batch. A `json`
 * column's text is the slice of that text that holds its value.
 */
export function pgInsertStatement(
  table: string,
  columns: ColumnTypes,
  rows: object[],
  options: InsertOptions = {},
): Statement {
  const names = Object.keys(columns);
  const list = (items: string[]) => items.map(() => '??').join(', ');
  const { ignoreConflictsOn: conflict = [], returning = [] } = options;
  return {
    sql: [
      `insert into ?? (${list(names)}) select ${list(
        names,
      )} from json_to_recordset(?::json) as r(${names
        .map(n => `?? ${columns[n]}`)
        .join(', ')})`,
      conflict.length ? `on conflict (${list(conflict)}) do nothing` : '',
      returning.length ? `returning ${list(returning)}` : '',
    ].join(' '),
    bindings: [
      table,
      ...names,
      ...names,
      JSON.stringify(rows),
      ...names,
      ...conflict,
      ...returning,
    ],
  };
}

/** A stable 64-bit lock key per entity, for pg_advisory_xact_lock. */
function lockKey(entityRef: string): string {
  return BigInt.asIntN(
    64,
    BigInt(`0x${sha256Hex(entityRef).slice(0, 16)}`),
  ).toString();
}

async function run(tx: Knex.Transaction, statement: Statement | undefined) {
  if (!statement) return undefined;
  return tx.raw(statement.sql, statement.bindings as Knex.RawBinding[]);
}

/**
 * PostgreSQL: lists and rows travel as bound arrays and JSON, so a write is
 * one statement whatever its size; writers of an entity take its advisory
 * lock.
 */
export class PostgresDialect implements SqlDialect {
  anyOf(): string {
    return '= any(?)';
  }

  list(values: Array<string | number>): unknown {
    return values;
  }

  listRows(cast: 'text' | 'bigint'): string {
    return `select unnest(?::${cast}[]) as value`;
  }

  keyRows(keys: ServiceKey[]) {
    return {
      sql: 'unnest(?::text[], ?::text[], ?::text[]) as f(entity_ref, kind, value_digest)',
      bindings: [
        keys.map(k => k.entity_ref),
        keys.map(k => k.kind),
        keys.map(k => k.value_digest),
      ],
    };
  }

  rows<T>(result: unknown): T[] {
    return (result as { rows: T[] }).rows;
  }

  async insert(
    tx: Knex.Transaction,
    table: string,
    columns: ColumnTypes,
    rows: object[],
    options: InsertOptions = {},
  ): Promise<Record<string, unknown>[]> {
    if (rows.length === 0) return [];
    const result = await run(
      tx,
      pgInsertStatement(table, columns, rows, options),
    );
    return result.rows;
  }

  /**
   * One statement: the keys join the events the insert recorded by ledger
   * key, and so get their seqs.
   */
  async appendEvents(
    tx: Knex.Transaction,
    events: object[],
    keys: PendingKeyRow[],
  ): Promise<Record<string, unknown>[]> {
    if (events.length === 0) return [];
    const append = pgInsertStatement(
      'pe_events',
      EVENT_COLUMNS,
      events,
      APPEND_OPTIONS,
    );
    const keyConflict = KEY_INSERT_OPTIONS.ignoreConflictsOn.join(', ');
    const result = await run(tx, {
      sql: `with appended as (${append.sql}), indexed as (
              insert into pe_event_keys
                (event_seq, entity_ref, kind, value_digest, value)
              select a.seq, k.entity_ref, k.kind, k.value_digest, k.value
              from json_to_recordset(?::json) as k(source text,
                external_id text, entity_ref text, kind text,
                value_digest text, value text)
              join appended a on a.source = k.source
                and a.external_id = k.external_id
              on conflict (${keyConflict}) do nothing)
            select seq, source, external_id from appended`,
      bindings: [...append.bindings, JSON.stringify(keys)],
    });
    return result.rows;
  }

  /** One statement, each insert but the last in a `with` clause. */
  async insertAll(tx: Knex.Transaction, inserts: TableRows[]): Promise<void> {
    await run(
      tx,
      inOneStatement(
        inserts
          .filter(i => i.rows.length > 0)
          .map(i => pgInsertStatement(i.table, i.columns, i.rows)),
      ),
    );
  }

  /** One statement, with one array per table whatever the number of ids. */
  async deleteAll(tx: Knex.Transaction, deletes: TableIds[]): Promise<void> {
    await run(
      tx,
      inOneStatement(
        deletes
          .filter(d => d.ids.length > 0)
          .map(d => ({
            sql: 'delete from ?? where ?? = any(?::text[])',
            bindings: [d.table, d.column, d.ids],
          })),
      ),
    );
  }

  /** Plain reads of the heads go on; a second sealer waits. */
  async lockChain(tx: Knex.Transaction) {
    await tx.raw('lock table pe_chain_heads in exclusive mode');
  }

  async setSeals(tx: Knex.Transaction, seals: EventSeal[]) {
    if (seals.length === 0) return;
    await tx.raw(
      `update pe_events e set chain_position = s.position, seal = s.seal
       from unnest(?::bigint[], ?::bigint[], ?::text[]) as s(seq, position, seal)
       where e.seq = s.seq`,
      [
        seals.map(s => s.seq),
        seals.map(s => s.position),
        seals.map(s => s.seal),
      ],
    );
  }

  /**
   * Sorted, so two replicas locking overlapping sets cannot deadlock
   * (unnest yields the array in order).
   */
  async lockEntities(tx: Knex.Transaction, entityRefs: string[]) {
    if (entityRefs.length === 0) return;
    await run(tx, {
      sql: 'select pg_advisory_xact_lock(k) from unnest(?::bigint[]) as t(k)',
      bindings: [[...new Set(entityRefs)].sort().map(lockKey)],
    });
  }

  commaList(expression: string): string {
    return `string_agg(cast(${expression} as text), ',')`;
  }

  epochMs(column: string): string {
    return `(extract(epoch from ${column}) * 1000)`;
  }

  floor(expression: string): string {
    return `floor(${expression})`;
  }

  tasksJson(db: Knex): Knex.Raw {
    return db.raw(
      `(select coalesce(json_agg(t order by t.position), '[]') from pe_tasks t where t.exception_id = e.id) as tasks`,
    );
  }

  /** Half of the pool, so reads are not starved. */
  concurrentWrites(poolMax: number): number {
    return Math.max(1, Math.floor(poolMax / 2));
  }
}
