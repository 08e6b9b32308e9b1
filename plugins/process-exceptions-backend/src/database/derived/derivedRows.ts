import { sha256Hex } from '../../lib/sha256Hex';
import { exceptionIdFor, findingIdFor } from '../../rules/ids';
import { DerivedException, DerivedFinding } from '../../rules/types';
import { ExceptionRow, ExceptionStateRow, FindingRow, TaskRow } from './rows';

// What the rules derive, as the rows the plugin stores. Shared with the
// benchmark's bulk loader, so its dataset is what the plugin would write.

/** What a stored row was derived from, hashed: equal means unchanged. */
export function fingerprint(value: unknown): string {
  return sha256Hex(JSON.stringify(value));
}

/** A stored row's id and the fingerprint of what it was derived from. */
export type RowIdentity = { id: string; fingerprint: string };

export function exceptionRow(e: DerivedException, now: Date): ExceptionRow {
  const known = {
    id: exceptionIdFor(e.naturalKey),
    fingerprint: fingerprint(e),
  };
  return identifiedExceptionRow(e, now, known);
}

/** {@link exceptionRow}, its id and fingerprint already worked out. */
export function identifiedExceptionRow(
  e: DerivedException,
  now: Date,
  known: RowIdentity,
): ExceptionRow {
  return {
    id: known.id,
    natural_key: e.naturalKey,
    entity_ref: e.entityRef,
    kind: e.kind,
    name: e.name,
    reason: e.reason,
    links: JSON.stringify(e.links),
    opened_by: e.openedBy,
    opened_at: e.openedAt,
    deadline: e.deadline,
    status: e.status,
    backfilled_at: e.backfilledAt,
    backfilled_on_time: e.backfilledOnTime,
    backfill_seconds: e.backfilledAt
      ? Math.round((e.backfilledAt.getTime() - e.openedAt.getTime()) / 1000)
      : null,
    fingerprint: known.fingerprint,
    updated_at: now,
  };
}

/** The part of an exception's row that lives in `pe_exception_states`. */
export function exceptionStateRow(row: ExceptionRow): ExceptionStateRow {
  return {
    exception_id: row.id,
    entity_ref: row.entity_ref,
    deadline: row.deadline,
    status: row.status,
    backfilled_at: row.backfilled_at,
    backfilled_on_time: row.backfilled_on_time,
    backfill_seconds: row.backfill_seconds,
    updated_at: row.updated_at,
  };
}

export function findingRow(f: DerivedFinding): FindingRow {
  const known = { id: findingIdFor(f.naturalKey), fingerprint: fingerprint(f) };
  return identifiedFindingRow(f, known);
}

/** {@link findingRow}, its id and fingerprint already worked out. */
export function identifiedFindingRow(
  f: DerivedFinding,
  known: RowIdentity,
): FindingRow {
  return {
    id: known.id,
    natural_key: f.naturalKey,
    rule: f.rule,
    entity_ref: f.entityRef,
    message: f.message,
    event_seqs: JSON.stringify(f.eventSeqs),
    detected_at: f.detectedAt,
    acknowledged_at: f.acknowledgedAt,
    acknowledged_by: f.acknowledgedBy,
    exception_id: f.exceptionKey ? exceptionIdFor(f.exceptionKey) : null,
    fingerprint: known.fingerprint,
  };
}

export function taskRows(exceptionId: string, e: DerivedException): TaskRow[] {
  return e.tasks.map((t, position) => ({
    exception_id: exceptionId,
    key: t.key,
    position,
    title: t.title,
    role: t.role,
    due_at: t.dueAt,
    done_at: t.doneAt,
    done_by: t.doneBy,
    evidence_url: t.evidenceUrl,
    done_seq: t.doneSeq,
  }));
}

/**
 * One row per ledger event that caused or advanced the exception, with why
 * its evidence closed nothing when it did not (reasons for one event joined).
 */
export function linkRows(exceptionId: string, e: DerivedException) {
  const notCounted = new Map<number, string>();
  for (const { seq, reason } of e.notCounted) {
    const before = notCounted.get(seq);
    notCounted.set(seq, before ? `${before} ${reason}` : reason);
  }
  return [...new Set(e.eventSeqs)].map(seq => ({
    exception_id: exceptionId,
    event_seq: seq,
    not_counted: notCounted.get(seq) ?? null,
  }));
}
