import { Knex } from 'knex';
import { sha256Hex } from '../lib/sha256Hex';
import { correlationKeys, KeyedEvent } from '../rules/correlationKeys';
import { ledgerKey, NewLedgerEvent } from './ExceptionStore';

// The correlation index (pe_event_keys): its rows, and the cases it finds.

export type EventKeyRow = {
  event_seq: number;
  entity_ref: string | null;
  kind: string;
  value_digest: string;
  value: string;
};

/** An event as the index reads it. */
export type IndexedEvent = {
  seq: number;
  entityRef: string | null;
  type: string;
  externalId: string;
  data: unknown;
};

/** The insert's options: a key an event already has is kept as it is. */
export const KEY_INSERT_OPTIONS = {
  ignoreConflictsOn: ['event_seq', 'kind', 'value_digest'],
};

export function eventKeyRows(events: IndexedEvent[]): EventKeyRow[] {
  return events.flatMap(e =>
    correlationKeys(e as KeyedEvent, e.entityRef).map(key => ({
      event_seq: e.seq,
      entity_ref: e.entityRef,
      kind: key.kind,
      value_digest: sha256Hex(key.value),
      value: key.value,
    })),
  );
}

/** The events an append recorded, each once, unmapped ones included. */
export function recordedForIndex(
  events: NewLedgerEvent[],
  recorded: Map<string, number>,
): IndexedEvent[] {
  const out = new Map<number, IndexedEvent>();
  for (const e of events) {
    const seq = recorded.get(ledgerKey(e.source, e.externalId));
    if (seq === undefined || out.has(seq)) continue;
    out.set(seq, { ...e, seq });
  }
  return [...out.values()];
}

/**
 * The sequence numbers of every event in the cases of `seeds`, by service:
 * the seeds, and whatever shares a key with them, transitively. One
 * recursive statement; `union` stops it once no key is new.
 */
export async function caseSeqs(
  db: Knex | Knex.Transaction,
  seeds: number[],
): Promise<Map<string, number[]>> {
  if (seeds.length === 0) return new Map();
  const pg = db.client.config.client === 'pg';
  const seedList = pg
    ? 'select unnest(?::bigint[])'
    : 'select value from json_each(?)';
  const binding = pg ? seeds : JSON.stringify(seeds);
  const result = await db.raw(
    `with recursive reached(entity_ref, kind, value_digest) as (
       select entity_ref, kind, value_digest from pe_event_keys
       where event_seq in (${seedList}) and entity_ref is not null
       union
       select k1.entity_ref, k2.kind, k2.value_digest
       from reached r
       join pe_event_keys k1 on k1.entity_ref = r.entity_ref
         and k1.kind = r.kind and k1.value_digest = r.value_digest
       join pe_event_keys k2 on k2.event_seq = k1.event_seq
     )
     select seq, entity_ref from pe_events
     where entity_ref is not null and (seq in (${seedList}) or seq in (
       select k.event_seq from reached r
       join pe_event_keys k on k.entity_ref = r.entity_ref
         and k.kind = r.kind and k.value_digest = r.value_digest))
     order by entity_ref, seq`,
    [binding, binding],
  );
  // knex gives PostgreSQL's result object, SQLite's rows.
  const rows: Array<{ seq: number | string; entity_ref: string }> = pg
    ? result.rows
    : result;
  const byEntity = new Map<string, number[]>();
  for (const row of rows) {
    const list = byEntity.get(row.entity_ref) ?? [];
    list.push(Number(row.seq));
    byEntity.set(row.entity_ref, list);
  }
  return byEntity;
}
