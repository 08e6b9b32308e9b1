import { Knex } from 'knex';
import { chunk } from '../sql/conversions';
import { ColumnTypes } from '../sql/columns';
import {
  InsertOptions,
  ServiceKey,
  SqlDialect,
  TableIds,
  TableRows,
} from './SqlDialect';

/** Rows per insert, under SQLite's bind-parameter limit. */
const ROWS_PER_STATEMENT = 500;
/** Ids per `in (…)` list, under the same limit. */
const IDS_PER_STATEMENT = 1000;

function valueOf(row: object, name: string, type: string): unknown {
  const value = (row as Record<string, unknown>)[name] ?? null;
  return type === 'json' && value !== null ? JSON.stringify(value) : value;
}

/**
 * SQLite: lists travel as one JSON text read with `json_each`, writes go in
 * chunks under the bind-parameter limit, and there is one writer at a time,
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

  async insert(
    tx: Knex.Transaction,
    table: string,
    columns: ColumnTypes,
    rows: object[],
    options: InsertOptions = {},
  ): Promise<Record<string, unknown>[]> {
    const names = Object.keys(columns);
    const { ignoreConflictsOn: conflict, returning } = options;
    const out: Record<string, unknown>[] = [];
    for (const part of chunk(rows, ROWS_PER_STATEMENT)) {
      const q = tx(table).insert(
        part.map(row =>
          Object.fromEntries(
            names.map(name => [name, valueOf(row, name, columns[name])]),
          ),
        ),
      );
      if (conflict) q.onConflict(conflict).ignore();
      if (returning) out.push(...(await q.returning(returning)));
      else await q;
    }
    return out;
  }

  async insertAll(tx: Knex.Transaction, inserts: TableRows[]): Promise<void> {
    for (const i of inserts) await this.insert(tx, i.table, i.columns, i.rows);
  }

  async deleteAll(tx: Knex.Transaction, deletes: TableIds[]): Promise<void> {
    for (const d of deletes) {
      for (const ids of chunk(d.ids, IDS_PER_STATEMENT)) {
        await tx(d.table).whereIn(d.column, ids).delete();
      }
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
