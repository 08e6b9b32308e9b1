import { sha256Hex } from '../lib/sha256Hex';
import { LedgerEvent } from '../rules/types';
import { EVENT_COLUMNS } from './columns';
import { compareText, parseJson, toDate } from './conversions';
import { ledgerKey, NewLedgerEvent } from './ExceptionStore';
import { pgInsertStatement } from './bulkInsert';
import type { Statement } from './PgStatementBatch';

// The ledger's rows and PostgreSQL statements, as the write path uses them.

/** Stored fingerprints by row id, of the entities last loaded. */
export type Fingerprints = {
  entityRefs: Set<string>;
  exceptions: Map<string, string>;
  findings: Map<string, string>;
};

/** A ledger row as the replay reads it. */
export type LedgerRow = {
  seq: number | string;
  external_id: string;
  type: string;
  occurred_at: Date | number | string;
  actor: string | null;
  entity_ref: string;
  data: string | object;
};

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
  const receivedAt = new Date();
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
      received_at: receivedAt,
      data: e.data,
      payload: e.payload,
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

export function pgAppendStatement(events: NewLedgerEvent[]): Statement {
  return pgInsertStatement(
    'pe_events',
    EVENT_COLUMNS,
    eventRows(events),
    APPEND_OPTIONS,
  );
}

/** A stable 64-bit lock key per entity, for pg_advisory_xact_lock. */
function lockKey(entityRef: string): string {
  return BigInt.asIntN(
    64,
    BigInt(`0x${sha256Hex(entityRef).slice(0, 16)}`),
  ).toString();
}

/**
 * One statement; sorted, so two replicas locking overlapping sets cannot
 * deadlock (unnest yields the array in order).
 */
export function pgLockStatement(entityRefs: string[]): Statement {
  return {
    sql: 'select pg_advisory_xact_lock(k) from unnest(?::bigint[]) as t(k)',
    bindings: [[...new Set(entityRefs)].sort().map(lockKey)],
  };
}

type LoadRow = LedgerRow & { t: string; id: string; fingerprint: string };

/** Entities whose ledger this replica holds, each with its expected count of rows. */
export type LedgerCounts = { entityRefs: string[]; counts: number[] };

/**
 * The stored fingerprints of `refs` for saveEntityStates and the ledgers
 * that must be read, in one statement: those of `read`, and those of
 * `check` whose count of rows is not the one expected (named by an 's'
 * row each, so a ledger that shrank is noticed too); the events `skip` are
 * left out. Fingerprint rows first, then the events in order.
 */
export function pgLoadStatement(
  refs: string[],
  read: string[],
  skip: number[],
  check: LedgerCounts = { entityRefs: [], counts: [] },
): Statement {
  return {
    sql: `with stale as (
         select r from unnest(?::text[]) as u(r)
         union all
         select c.r from unnest(?::text[], ?::bigint[]) as c(r, n)
         where c.n <> (select count(*) from pe_events x where x.entity_ref = c.r)
       )
       select 'e' as t, id, fingerprint, null::bigint as seq,
         null as external_id, null as type, null::timestamptz as occurred_at,
         null as actor, entity_ref, null as data
       from pe_exceptions where entity_ref = any(?::text[])
       union all
       select 'f', id, fingerprint, null, null, null, null, null, entity_ref, null
       from pe_findings where entity_ref = any(?::text[])
       union all
       select 's', null, null, null, null, null, null, null, r, null from stale
       union all
       select 'v', null, null, seq, external_id, type, occurred_at, actor, entity_ref, data
       from pe_events
       where entity_ref = any(array(select r from stale)) and seq <> all(?::bigint[])
       order by t, entity_ref, occurred_at, seq`,
    bindings: [read, check.entityRefs, check.counts, refs, refs, skip],
  };
}

/**
 * The rows of {@link pgLoadStatement} that belong to `refs`, decoded;
 * `stale` names the entities whose ledger was read.
 */
export function decodeLoad(rows: LoadRow[], refs: string[]) {
  const fingerprints: Fingerprints = {
    entityRefs: new Set(refs),
    exceptions: new Map(),
    findings: new Map(),
  };
  const stale = new Set<string>();
  const events: LedgerRow[] = [];
  for (const row of rows) {
    if (!fingerprints.entityRefs.has(row.entity_ref)) continue;
    if (row.t === 'v') events.push(row);
    else if (row.t === 's') stale.add(row.entity_ref);
    else {
      (row.t === 'e' ? fingerprints.exceptions : fingerprints.findings).set(
        row.id,
        row.fingerprint,
      );
    }
  }
  return { fingerprints, stale, ledgers: groupEvents(events) };
}

/** Ledger rows, in order, as each entity's list of events. */
export function groupEvents(rows: LedgerRow[]): Map<string, LedgerEvent[]> {
  const byEntity = new Map<string, LedgerEvent[]>();
  for (const row of rows) {
    let list = byEntity.get(row.entity_ref);
    if (!list) byEntity.set(row.entity_ref, (list = []));
    list.push({
      seq: Number(row.seq),
      externalId: row.external_id,
      type: row.type,
      occurredAt: toDate(row.occurred_at),
      actor: row.actor,
      entityRef: row.entity_ref,
      data: parseJson(row.data),
    } as LedgerEvent);
  }
  return byEntity;
}

export function compareLedgerOrder(a: LedgerEvent, b: LedgerEvent): number {
  return a.occurredAt.getTime() - b.occurredAt.getTime() || a.seq - b.seq;
}
