import { exceptionIdFor, findingIdFor } from '../../rules/ids';
import { DerivedException, EntityState } from '../../rules/types';
import { StateChanges, StoredRows } from '../ExceptionStore';
import {
  EXCEPTION_COLUMNS,
  EXCEPTION_STATE_COLUMNS,
  FINDING_COLUMNS,
  LINK_COLUMNS,
  TASK_COLUMNS,
} from '../sql/columns';
import { queryRows, StoreTx } from '../sql/queryRows';
import {
  exceptionStateRow,
  fingerprint,
  identifiedExceptionRow,
  identifiedFindingRow,
  linkRows,
  RowIdentity,
  taskRows,
} from './derivedRows';
import { ExceptionRow, FindingRow } from './rows';

// Saving derived states: compare with what is stored by fingerprint, then
// replace what changed and remove what is no longer derived.

/** A derived row's id, and the fingerprint that tells whether it changed. */
function identify(
  derived: { naturalKey: string },
  idFor: (naturalKey: string) => string,
): RowIdentity {
  return { id: idFor(derived.naturalKey), fingerprint: fingerprint(derived) };
}

/** Fingerprints of the stored rows of these entities, by id. */
async function storedOfEntities(
  s: StoreTx,
  entityRefs: string[],
): Promise<StoredRows> {
  const exceptions = new Map<string, string>();
  const findings = new Map<string, string>();
  if (entityRefs.length === 0) return { exceptions, findings };
  const rows = await queryRows<{
    t: string;
    id: string;
    fingerprint: string;
  }>(s, {
    sql: `select 'e' as t, id, fingerprint from pe_exceptions
            where entity_ref ${s.dialect.anyOf()}
            union all
            select 'f', id, fingerprint from pe_findings
            where entity_ref ${s.dialect.anyOf()}`,
    bindings: [s.dialect.list(entityRefs), s.dialect.list(entityRefs)],
  });
  for (const r of rows) {
    (r.t === 'e' ? exceptions : findings).set(r.id, r.fingerprint);
  }
  return { exceptions, findings };
}

/**
 * Makes the stored exceptions and findings equal the states; with
 * `storedOfCases`, only those stored rows are compared (see
 * LedgerTransaction).
 */
export async function saveEntityStates(
  s: StoreTx,
  states: Map<string, EntityState>,
  storedOfCases?: StoredRows,
): Promise<StateChanges> {
  const now = new Date();
  const changes: StateChanges = { exceptions: [], findings: [] };
  // Copies: what is left of them once compared is no longer derived.
  const stored = storedOfCases
    ? {
        exceptions: new Map(storedOfCases.exceptions),
        findings: new Map(storedOfCases.findings),
      }
    : await storedOfEntities(s, [...states.keys()]);

  const changed: Array<{ row: ExceptionRow; derived: DerivedException }> = [];
  const changedFindings: FindingRow[] = [];
  for (const state of states.values()) {
    for (const derived of state.exceptions) {
      const known = identify(derived, exceptionIdFor);
      const before = stored.exceptions.get(known.id);
      stored.exceptions.delete(known.id);
      if (before === known.fingerprint) continue;
      const row = identifiedExceptionRow(derived, now, known);
      changed.push({ row, derived });
      changes.exceptions.push({
        id: row.id,
        name: row.name,
        kind: derived.kind,
        status: derived.status,
        change: before === undefined ? 'opened' : 'updated',
        eventSeqs: derived.eventSeqs,
      });
    }
    for (const derived of state.findings) {
      const known = identify(derived, findingIdFor);
      const before = stored.findings.get(known.id);
      stored.findings.delete(known.id);
      if (before === known.fingerprint) continue;
      const row = identifiedFindingRow(derived, known);
      changedFindings.push(row);
      changes.findings.push({
        id: row.id,
        rule: row.rule,
        change: before === undefined ? 'opened' : 'updated',
        eventSeqs: derived.eventSeqs,
      });
    }
  }
  // Whatever is left was derived from events that no longer say so; a
  // changed row is replaced, a new one only inserted.
  const replacedExceptions = [
    ...stored.exceptions.keys(),
    ...changes.exceptions.filter(c => c.change === 'updated').map(c => c.id),
  ];
  const replacedFindings = [
    ...stored.findings.keys(),
    ...changes.findings.filter(c => c.change === 'updated').map(c => c.id),
  ];
  await s.dialect.deleteAll(s.tx, [
    { table: 'pe_tasks', column: 'exception_id', ids: replacedExceptions },
    {
      table: 'pe_exception_events',
      column: 'exception_id',
      ids: replacedExceptions,
    },
    {
      table: 'pe_exception_states',
      column: 'exception_id',
      ids: replacedExceptions,
    },
    { table: 'pe_exceptions', column: 'id', ids: replacedExceptions },
    { table: 'pe_findings', column: 'id', ids: replacedFindings },
  ]);
  const rows = changed.map(c => c.row);
  await s.dialect.insertAll(s.tx, [
    { table: 'pe_exceptions', columns: EXCEPTION_COLUMNS, rows },
    {
      table: 'pe_exception_states',
      columns: EXCEPTION_STATE_COLUMNS,
      rows: rows.map(exceptionStateRow),
    },
    {
      table: 'pe_tasks',
      columns: TASK_COLUMNS,
      rows: changed.flatMap(c => taskRows(c.row.id, c.derived)),
    },
    {
      table: 'pe_exception_events',
      columns: LINK_COLUMNS,
      rows: changed.flatMap(c => linkRows(c.row.id, c.derived)),
    },
    { table: 'pe_findings', columns: FINDING_COLUMNS, rows: changedFindings },
  ]);
  return changes;
}
