import { LedgerEvent } from '../../rules/types';
import { compareText, parseJson, toDate } from '../sql/conversions';
import { ledgerKey, NewLedgerEvent } from '../ExceptionStore';

// The ledger's rows, as the write path uses them.

/** Ledger source of the events people cause through the portal. */
export const PORTAL_SOURCE = 'portal';

/** A ledger row as the replay reads it. */
export type LedgerRow = {
  seq: number | string;
  external_id: string;
  type: string;
  occurred_at: Date | number | string;
  actor: string | null;
  entity_ref: string;
  data: string | object;
  received_at: Date | number | string;
  provenance: string | object;
};

/** The columns of {@link LedgerRow}, as a select list. */
export const LEDGER_COLUMNS =
  'seq, external_id, type, occurred_at, actor, entity_ref, data, received_at, provenance';

/** The append's options: the unique constraint decides, so concurrent duplicates record once. */
export const APPEND_OPTIONS = {
  ignoreConflictsOn: ['source', 'external_id'],
  returning: ['seq', 'source', 'external_id'],
};

/**
 * Events as ledger rows, received now. A fixed order keeps two replicas
 * inserting overlapping batches from deadlocking on the unique index.
 */
export function eventRows(events: NewLedgerEvent[]) {
  return events
    .map(e => ({ key: ledgerKey(e.source, e.externalId), e }))
    .sort((a, b) => compareText(a.key, b.key))
    .map(({ e }) => ({
      source: e.source,
      external_id: e.externalId,
      type: e.type,
      entity_ref: e.entityRef,
      subject: e.subject,
      actor: e.actor,
      occurred_at: e.occurredAt,
      received_at: e.receivedAt,
      data: e.data,
      payload: e.payload,
      provenance: e.provenance,
    }));
}

/** The events the append recorded (each once), as the rules see them. */
export function appendedEvents(
  events: NewLedgerEvent[],
  seqs: Map<string, number>,
): LedgerEvent[] {
  const out = new Map<number, LedgerEvent>();
  for (const e of events) {
    const seq = seqs.get(ledgerKey(e.source, e.externalId));
    if (seq === undefined || !e.entityRef || out.has(seq)) continue;
    out.set(seq, {
      seq,
      externalId: e.externalId,
      type: e.type,
      occurredAt: e.occurredAt,
      actor: e.actor,
      entityRef: e.entityRef,
      receivedAt: e.receivedAt,
      provenance: e.provenance,
      data: e.data,
    } as LedgerEvent);
  }
  return [...out.values()];
}

/** The sequence number of each event the append recorded, by ledger key. */
export function recordedSeqs(rows: Record<string, unknown>[]) {
  const recorded = new Map<string, number>();
  for (const row of rows) {
    recorded.set(
      ledgerKey(String(row.source), String(row.external_id)),
      Number(row.seq),
    );
  }
  return recorded;
}

/** A ledger row as the rules see it. */
export function ledgerEventOf(row: LedgerRow): LedgerEvent {
  return {
    seq: Number(row.seq),
    externalId: row.external_id,
    type: row.type,
    occurredAt: toDate(row.occurred_at),
    actor: row.actor,
    entityRef: row.entity_ref,
    receivedAt: toDate(row.received_at),
    provenance: parseJson(row.provenance),
    data: parseJson(row.data),
  } as LedgerEvent;
}

/** Ledger rows, in order, as each entity's list of events. */
export function groupEvents(rows: LedgerRow[]): Map<string, LedgerEvent[]> {
  const byEntity = new Map<string, LedgerEvent[]>();
  for (const row of rows) {
    let list = byEntity.get(row.entity_ref);
    if (!list) byEntity.set(row.entity_ref, (list = []));
    list.push(ledgerEventOf(row));
  }
  return byEntity;
}
