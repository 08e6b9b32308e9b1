'use strict';

const { pluginSrc } = require('./pluginSource');

const { evaluateEntity } = pluginSrc('rules/evaluateEntity.ts');
const { DEFAULT_POLICY } = pluginSrc('policy/Policy.ts');
// The plugin's own mapping from derived state to rows.
const { exceptionRow, exceptionStateRow, findingRow, linkRows, taskRows } =
  pluginSrc('database/derivedRows.ts');
const { eventKeyRows } = pluginSrc('database/eventKeys.ts');

/**
 * The rows one service's events become in the plugin's tables: its ledger,
 * and the exceptions (and their states), tasks, event links and findings the
 * rules derive, and the ledger's correlation keys.
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
  const exceptions = state.exceptions.map(e => exceptionRow(e, nowDate));
  const exceptionStates = exceptions.map(exceptionStateRow);
  const tasks = state.exceptions.flatMap((e, i) =>
    taskRows(exceptions[i].id, e),
  );
  const links = state.exceptions.flatMap((e, i) =>
    linkRows(exceptions[i].id, e),
  );
  const findings = state.findings.map(findingRow);
  const keys = eventKeyRows(ledger);
  return { events, exceptions, exceptionStates, tasks, links, findings, keys };
}

module.exports = { entityRows };
