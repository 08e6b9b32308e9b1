'use strict';

const { createHash } = require('node:crypto');
const { pluginSrc } = require('./pluginSource');

const { evaluateEntity } = pluginSrc('rules/evaluateEntity.ts');
const { DEFAULT_POLICY } = pluginSrc('policy/Policy.ts');
const { exceptionIdFor, findingIdFor } = pluginSrc('rules/ids.ts');

// The row shapes below mirror DatabaseLedgerTransaction.ts (exceptionRow,
// findingRow, saveEntityState), whose helpers are not exported. If they drift,
// the first ingestion on a loaded service rewrites its rows, and the bench's
// consistency check reports it.
function fingerprint(value) {
  return createHash('sha256').update(JSON.stringify(value)).digest('hex');
}

/**
 * The rows one service's events become in the plugin's tables: its ledger,
 * and the exceptions, tasks, event links and findings the rules derive.
 */
function entityRows(envelopes, firstSeq, now) {
  const nowDate = new Date(now);
  const ledger = envelopes.map((e, i) => ({
    seq: firstSeq + i,
    externalId: e.id,
    type: e.type,
    occurredAt: new Date(e.occurredAt),
    actor: e.actor ?? null,
    entityRef: e.entityRef,
    data: e.data,
  }));
  const events = ledger.map((l, i) => ({
    seq: l.seq,
    source: 'api',
    external_id: l.externalId,
    type: l.type,
    entity_ref: l.entityRef,
    subject: l.entityRef,
    actor: l.actor,
    occurred_at: l.occurredAt,
    received_at: new Date(l.occurredAt.getTime() + 5000),
    data: JSON.stringify(l.data),
    payload: JSON.stringify(envelopes[i]),
  }));

  const state = evaluateEntity(DEFAULT_POLICY, ledger, nowDate);
  const exceptions = [];
  const tasks = [];
  const links = [];
  for (const e of state.exceptions) {
    const id = exceptionIdFor(e.naturalKey);
    exceptions.push({
      id,
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
      fingerprint: fingerprint(e),
      updated_at: nowDate,
    });
    e.tasks.forEach((t, position) =>
      tasks.push({
        exception_id: id,
        key: t.key,
        position,
        title: t.title,
        role: t.role,
        due_at: t.dueAt,
        done_at: t.doneAt,
        done_by: t.doneBy,
        evidence_url: t.evidenceUrl,
      }),
    );
    for (const seq of new Set(e.eventSeqs)) {
      links.push({ exception_id: id, event_seq: seq });
    }
  }
  const findings = state.findings.map(f => ({
    id: findingIdFor(f.naturalKey),
    natural_key: f.naturalKey,
    rule: f.rule,
    entity_ref: f.entityRef,
    message: f.message,
    event_seqs: JSON.stringify(f.eventSeqs),
    detected_at: f.detectedAt,
    acknowledged_at: f.acknowledgedAt,
    acknowledged_by: f.acknowledgedBy,
    exception_id: f.exceptionKey ? exceptionIdFor(f.exceptionKey) : null,
    fingerprint: fingerprint(f),
  }));
  return { events, exceptions, tasks, links, findings };
}

module.exports = { entityRows };
