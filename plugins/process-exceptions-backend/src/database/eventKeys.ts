import { sha256Hex } from '../lib/sha256Hex';
import { correlationKeys, KeyedEvent } from '../rules/correlationKeys';
import { LedgerEvent } from '../rules/types';
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
 * The events of the cases of `seeds`, every service's in ledger order: the
 * seeds, and whatever shares a key with them, transitively. One recursive
 * statement; `union` stops it once no key is new. The arrays go as one bound
 * parameter each (JSON text on SQLite).
 */
export function caseEventsStatement(
  pg: boolean,
  seeds: number[],
): { sql: string; bindings: Array<number[] | string> } {
  const seedList = pg
    ? 'select unnest(?::bigint[])'
    : 'select value from json_each(?)';
  const binding = pg ? seeds : JSON.stringify(seeds);
  return {
    sql: `with recursive reached(entity_ref, kind, value_digest) as (
       select entity_ref, kind, value_digest from pe_event_keys
       where event_seq in (${seedList}) and entity_ref is not null
       union
       select k1.entity_ref, k2.kind, k2.value_digest
       from reached r
       join pe_event_keys k1 on k1.entity_ref = r.entity_ref
         and k1.kind = r.kind and k1.value_digest = r.value_digest
       join pe_event_keys k2 on k2.event_seq = k1.event_seq
     )
     select seq, external_id, type, occurred_at, actor, entity_ref, data
     from pe_events
     where entity_ref is not null and seq in (
       ${seedList}
       union
       select k.event_seq from reached r
       join pe_event_keys k on k.entity_ref = r.entity_ref
         and k.kind = r.kind and k.value_digest = r.value_digest)
     order by entity_ref, occurred_at, seq`,
    bindings: [binding, binding],
  };
}

/** The ids of the exceptions and findings a case's events can derive. */
export function derivableIds(events: LedgerEvent[]): string[] {
  return [
    ...new Set(
      events.flatMap(e =>
        correlationKeys(e as KeyedEvent, e.entityRef)
          .filter(k => k.kind === 'exception')
          .map(k => k.value),
      ),
    ),
  ];
}
