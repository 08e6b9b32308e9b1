import { sha256Hex } from '../../lib/sha256Hex';
import { correlationKeys, KeyedEvent } from '../../rules/correlationKeys';
import { LedgerEvent } from '../../rules/types';
import { ledgerKey, NewLedgerEvent } from '../ExceptionStore';
import { ServiceKey, SqlDialect } from '../dialect/SqlDialect';
import { parseJson } from '../sql/conversions';
import { LedgerRow } from './ledgerRows';
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

/**
 * The keys of events about to be appended, each named by its event's ledger
 * key: the append gives them their event's seq. A ledger key sent twice is
 * recorded with its first copy, so only that copy's keys are kept.
 */
export type PendingKeyRow = Omit<EventKeyRow, 'event_seq'> & {
  source: string;
  external_id: string;
};

export function pendingKeyRows(events: NewLedgerEvent[]): PendingKeyRow[] {
  const first = new Map<string, NewLedgerEvent>();
  for (const e of events) {
    const key = ledgerKey(e.source, e.externalId);
    if (!first.has(key)) first.set(key, e);
  }
  return [...first.values()].flatMap(e =>
    eventKeyRows([{ ...e, seq: 0 }]).map(({ event_seq: _, ...row }) => ({
      source: e.source,
      external_id: e.externalId,
      ...row,
    })),
  );
}

/** The keys of mapped events, as the index matches them. */
export function serviceKeysOf(events: LedgerEvent[]): ServiceKey[] {
  return eventKeyRows(events).flatMap(k =>
    k.entity_ref === null
      ? []
      : [
          {
            entity_ref: k.entity_ref,
            kind: k.kind,
            value_digest: k.value_digest,
          },
        ],
  );
}

/**
 * A row of {@link sharingEventsStatement}: a key (`k`), an event (`e`), or
 * the fingerprint of a stored exception (`x`) or finding (`f`).
 */
export type SharingRow =
  | ({ part: 'k'; event_seq: number | string } & ServiceKey)
  | ({ part: 'e' } & LedgerRow)
  | { part: 'x' | 'f'; id: string; fingerprint: string };

/**
 * One step of a walk over the index: every key of every event of the same
 * service that shares one of `keys`; those events unless their seq is in
 * `known`; and what is stored of the exceptions and findings their keys
 * name, so a write reads its cases in as few round trips as the walk takes.
 * The dialect binds the keys so the planner sees how many there are and
 * looks each up; `k` is materialized because four branches read it.
 */
export function sharingEventsStatement(
  dialect: SqlDialect,
  keys: ServiceKey[],
  known: number[],
): Statement {
  const found = dialect.keyRows(keys);
  const noEvent = `null as seq, null as external_id, null as type,
            null as occurred_at, null as actor, null as data,
            null as received_at, null as provenance`;
  const derived = `(select value from k where kind = 'exception')`;
  return {
    sql: `with k as materialized (
            select k2.event_seq, k2.entity_ref, k2.kind, k2.value_digest, k2.value
            from ${found.sql}
            join pe_event_keys k1 on k1.entity_ref = f.entity_ref
              and k1.kind = f.kind and k1.value_digest = f.value_digest
            join pe_event_keys k2 on k2.event_seq = k1.event_seq)
          select 'k' as part, event_seq, entity_ref, kind, value_digest,
            ${noEvent}, null as id, null as fingerprint
          from k
          union all
          select 'e', null, entity_ref, null, null,
            seq, external_id, type, occurred_at, actor, data, received_at,
            provenance, null, null
          from pe_events
          where seq in (select distinct event_seq from k)
            and not (seq ${dialect.anyOf()}) and entity_ref is not null
          union all
          select 'x', null, null, null, null, ${noEvent}, id, fingerprint
          from pe_exceptions where id in ${derived}
          union all
          select 'f', null, null, null, null, ${noEvent}, id, fingerprint
          from pe_findings where id in ${derived}`,
    bindings: [...found.bindings, dialect.list(known)],
  };
}
