import { Knex } from 'knex';
import { ledgerKey } from '../ExceptionStore';
import { KEY_INSERT_OPTIONS, PendingKeyRow } from '../ledger/eventKeys';
import { APPEND_OPTIONS, recordedSeqs } from '../ledger/ledgerRows';
import { ColumnTypes, EVENT_COLUMNS, EVENT_KEY_COLUMNS } from '../sql/columns';
import {
  EventSeal,
  InsertOptions,
  ServiceKey,
  SqlDialect,
  TableIds,
  TableRows,
} from './SqlDialect';

/** A value as the JSON the insert reads; knex would bind the same. */
function valueOf(row: object, name: string, type: string): unknown {
  const value = (row as Record<string, unknown>)[name] ?? null;
  if (value === null) return null;
  if (type === 'json') return JSON.stringify(value);
  if (value instanceof Date) return value.getTime();
  if (typeof value === 'boolean') return value ? 1 : 0;
  return value;
}

/**
 * SQLite: lists travel as one JSON text read with `json_each`, writes go in
 * a single statement with one parameter, and there is one writer at a time,
 * so nothing needs locking.
 */
export class SqliteDialect implements SqlDialect {
  anyOf(): string {
    return 'in (select value from json_each(?))';
  }

  list(values: Array<string | number>): unknown {
    return JSON.stringify(values);
  }

  listRows(): string {
    return 'select value from json_each(?)';
  }

  keyRows(keys: ServiceKey[]) {
    return {
      sql: `(select json_extract(value, '$[0]') as entity_ref,
                    json_extract(value, '$[1]') as kind,
                    json_extract(value, '$[2]') as value_digest
             from json_each(?)) as f`,
      bindings: [
        JSON.stringify(keys.map(k => [k.entity_ref, k.kind, k.value_digest])),
      ],
    };
  }

  rows<T>(result: unknown): T[] {
    return result as T[];
  }

  /**
   * One `insert … select … from json_each(?)` whatever the number of rows:
   * the same short statement every time. A multi-row `values` list would be
   * a new statement for each row count, each prepared and held until garbage
   * collection frees it (bench/profile-notes.md, point 13).
   */
  async insert(
    tx: Knex.Transaction,
    table: string,
    columns: ColumnTypes,
    rows: object[],
    options: InsertOptions = {},
  ): Promise<Record<string, unknown>[]> {
    if (rows.length === 0) return [];
    const names = Object.keys(columns);
    const { ignoreConflictsOn: conflict, returning } = options;
    const result = await tx.raw(
      [
        `insert into ${table} (${names.join(', ')})`,
        `select ${names.map((_, i) => `value ->> ${i}`).join(', ')}`,
        // `where` keeps `on conflict` from reading as a join (SQLite's docs)
        'from json_each(?) where true order by key',
        conflict ? `on conflict (${conflict.join(', ')}) do nothing` : '',
        returning ? `returning ${returning.join(', ')}` : '',
      ].join(' '),
      [
        JSON.stringify(
          rows.map(row => names.map(n => valueOf(row, n, columns[n]))),
        ),
      ],
    );
    return returning ? (result as Record<string, unknown>[]) : [];
  }

  async appendEvents(
    tx: Knex.Transaction,
    events: object[],
    keys: PendingKeyRow[],
  ): Promise<Record<string, unknown>[]> {
    const recorded = await this.insert(
      tx,
      'pe_events',
      EVENT_COLUMNS,
      events,
      APPEND_OPTIONS,
    );
    const seqs = recordedSeqs(recorded);
    await this.insert(
      tx,
      'pe_event_keys',
      EVENT_KEY_COLUMNS,
      keys.flatMap(({ source, external_id, ...key }) => {
        const seq = seqs.get(ledgerKey(source, external_id));
        return seq === undefined ? [] : [{ event_seq: seq, ...key }];
      }),
      KEY_INSERT_OPTIONS,
    );
    return recorded;
  }

  async insertAll(tx: Knex.Transaction, inserts: TableRows[]): Promise<void> {
    for (const i of inserts) await this.insert(tx, i.table, i.columns, i.rows);
  }

  async deleteAll(tx: Knex.Transaction, deletes: TableIds[]): Promise<void> {
    for (const d of deletes) {
      if (d.ids.length === 0) continue;
      await tx(d.table)
        .whereRaw(`?? ${this.anyOf()}`, [d.column, this.list(d.ids) as string])
        .delete();
    }
  }

  async lockChain(): Promise<void> {
    // SQLite allows one writer at a time anyway.
  }

  async setSeals(tx: Knex.Transaction, seals: EventSeal[]) {
    for (const s of seals) {
      await tx('pe_events')
        .where({ seq: s.seq })
        .update({ chain_position: s.position, seal: s.seal });
    }
  }

  async lockEntities(): Promise<void> {
    // SQLite allows one writer at a time anyway.
  }

  commaList(expression: string): string {
    return `group_concat(${expression})`;
  }

  /** knex stores SQLite timestamps as milliseconds already. */
  epochMs(column: string): string {
    return column;
  }

  floor(expression: string): string {
    return `cast(${expression} as integer)`;
  }

  tasksJson(db: Knex, taskColumns: string[]): Knex.Raw {
    const fields = taskColumns.map(c => `'${c}', t.${c}`).join(', ');
    return db.raw(
      `(select json_group_array(json_object(${fields}) order by t.position) from pe_tasks t where t.exception_id = e.id) as tasks`,
    );
  }

  concurrentWrites(): number {
    return 1;
  }
}
