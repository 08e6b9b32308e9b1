import { sha256Hex } from '../../lib/sha256Hex';
import { correlationKeys, KeyedEvent } from '../../rules/correlationKeys';
import { LedgerEvent } from '../../rules/types';
import { ledgerKey, NewLedgerEvent } from '../ExceptionStore';
import { ServiceKey, SqlDialect } from '../dialect/SqlDialect';
import { parseJson } from '../sql/conversions';
import { Statement } from '../sql/statements';

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

/** A ledger row's columns the index reads. */
export type IndexedRow = {
  seq: number | string;
  entity_ref: string | null;
  type: string;
  external_id: string;
  data: string | object;
};

/** A ledger row as the index reads it, of `entityRef` if given. */
export function indexedEventOf(
  row: IndexedRow,
  entityRef = row.entity_ref,
): IndexedEvent {
  return {
    seq: Number(row.seq),
    entityRef,
    type: row.type,
    externalId: row.external_id,
    data: parseJson(row.data),
  };
}

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

/** The keys of the mapped events among `seeds`. */
export function seedKeysStatement(
  dialect: SqlDialect,
  seeds: number[],
): Statement {
  return {
    sql: `select event_seq, entity_ref, kind, value_digest from pe_event_keys
          where event_seq ${dialect.anyOf()} and entity_ref is not null`,
    bindings: [dialect.list(seeds)],
  };
}

/**
 * Every key of every event of the same service that shares one of `keys`.
 * The dialect binds the keys so the planner sees how many there are and
 * looks each up.
 */
export function sharingKeysStatement(
  dialect: SqlDialect,
  keys: ServiceKey[],
): Statement {
  const found = dialect.keyRows(keys);
  return {
    sql: `select k2.event_seq, k2.entity_ref, k2.kind, k2.value_digest
          from ${found.sql}
          join pe_event_keys k1 on k1.entity_ref = f.entity_ref
            and k1.kind = f.kind and k1.value_digest = f.value_digest
          join pe_event_keys k2 on k2.event_seq = k1.event_seq`,
    bindings: found.bindings,
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
