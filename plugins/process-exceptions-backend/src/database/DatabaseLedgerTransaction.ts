import { Knex } from 'knex';
import { DerivedException, EntityState, LedgerEvent } from '../rules/types';
import { deleteAll, TableIds } from './bulkDelete';
import { bulkInsert, insertAll, TableRows } from './bulkInsert';
import {
  EVENT_COLUMNS,
  EVENT_KEY_COLUMNS,
  EXCEPTION_COLUMNS,
  EXCEPTION_STATE_COLUMNS,
  FINDING_COLUMNS,
  LINK_COLUMNS,
  TASK_COLUMNS,
} from './columns';
import { parseJson } from './conversions';
import {
  eventKeyRows,
  IndexedEvent,
  KEY_INSERT_OPTIONS,
  recordedForIndex,
  seedKeysStatement,
  ServiceKey,
  sharingKeysStatement,
} from './eventKeys';
import {
  exceptionStateRow,
  identifiedExceptionRow,
  identifiedFindingRow,
  linkRows,
  taskRows,
} from './derivedRows';
import {
  LedgerTransaction,
  NewLedgerEvent,
  StateChanges,
} from './ExceptionStore';
import {
  APPEND_OPTIONS,
  eventRows,
  groupEvents,
  LedgerRow,
  pgAppendStatement,
  pgLockStatement,
  recordedSeqs,
} from './ledgerRows';
import { fingerprint, RowIdentity } from './derivedRows';
import { pgInsertStatement } from './bulkInsert';
import { Statement } from './statements';
import { ExceptionRow, FindingRow } from './rows';
import { exceptionIdFor, findingIdFor } from '../rules/ids';
import { PolicyVersion } from '../policy/PolicyVersion';
import {
  derivationOf,
  noteCasesDerived,
  recordDerivation,
} from './derivationState';

/** A derived row's id, and the fingerprint that tells whether it changed. */
function identify(
  derived: { naturalKey: string },
  idFor: (naturalKey: string) => string,
): RowIdentity {
  return { id: idFor(derived.naturalKey), fingerprint: fingerprint(derived) };
}

/** The write side of the store, in one knex transaction. */
export class DatabaseLedgerTransaction implements LedgerTransaction {
  private readonly pg: boolean;

  constructor(private readonly tx: Knex.Transaction) {
    this.pg = tx.client.config.client === 'pg';
  }

  /** Runs a statement; every value goes as a bound parameter. */
  private async run(statement: Statement): Promise<void> {
    await this.tx.raw(statement.sql, statement.bindings as Knex.RawBinding[]);
  }

  async appendEvents(events: NewLedgerEvent[]): Promise<Map<string, number>> {
    const rows = this.pg
      ? await this.query<Record<string, unknown>>(pgAppendStatement(events))
      : await bulkInsert(
          this.tx,
          'pe_events',
          EVENT_COLUMNS,
          eventRows(events),
          APPEND_OPTIONS,
        );
    const recorded = recordedSeqs(rows);
    await this.indexEvents(recordedForIndex(events, recorded));
    return recorded;
  }

  /** Adds the events' correlation keys (see pe_event_keys). */
  private async indexEvents(events: IndexedEvent[]): Promise<void> {
    const rows = eventKeyRows(events);
    if (rows.length === 0) return;
    if (this.pg) {
      await this.run(
        pgInsertStatement(
          'pe_event_keys',
          EVENT_KEY_COLUMNS,
          rows,
          KEY_INSERT_OPTIONS,
        ),
      );
    } else {
      await bulkInsert(
        this.tx,
        'pe_event_keys',
        EVENT_KEY_COLUMNS,
        rows,
        KEY_INSERT_OPTIONS,
      );
    }
  }

  async lockEntities(entityRefs: string[]): Promise<void> {
    if (!this.pg || entityRefs.length === 0) {
      return; // SQLite allows one writer at a time anyway
    }
    await this.run(pgLockStatement(entityRefs));
  }

  async loadEntityEvents(
    entityRefs: string[],
  ): Promise<Map<string, LedgerEvent[]>> {
    const refs = [...new Set(entityRefs)];
    if (refs.length === 0) return new Map();
    const statement = {
      sql: `select seq, external_id, type, occurred_at, actor, entity_ref, data
            from pe_events where entity_ref ${this.anyOf()}
            order by entity_ref, occurred_at, seq`,
      bindings: [this.list(refs)],
    };
    return groupEvents(await this.query<LedgerRow>(statement));
  }

  /** `= any(?)` on PostgreSQL, `in (…)` over a JSON array on SQLite. */
  private anyOf(): string {
    return this.pg ? '= any(?)' : 'in (select value from json_each(?))';
  }

  /** A list as one bound parameter, for {@link anyOf}. */
  private list(
    values: Array<string | number>,
  ): string | Array<string | number> {
    return this.pg ? values : JSON.stringify(values);
  }

  private async query<T>(statement: {
    sql: string;
    bindings: readonly unknown[];
  }): Promise<T[]> {
    const result = await this.tx.raw(
      statement.sql,
      statement.bindings as Knex.RawBinding[],
    );
    // knex answers with PostgreSQL's result object, or SQLite's rows.
    return (this.pg ? result.rows : result) as T[];
  }

  /**
   * Walks the index out from the seeds' keys, one round trip per step,
   * until no event brings a key not seen yet; then reads those events.
   */
  async loadCases(seeds: number[]): Promise<Map<string, LedgerEvent[]>> {
    if (seeds.length === 0) return new Map();
    const pg = Boolean(this.pg);
    const seqs = new Set(seeds);
    const seen = new Set<string>();
    const unseen = (rows: Array<ServiceKey & { event_seq: number | string }>) =>
      rows.filter(r => {
        seqs.add(Number(r.event_seq));
        const id = `${r.entity_ref}\u0000${r.kind}\u0000${r.value_digest}`;
        if (seen.has(id)) return false;
        seen.add(id);
        return true;
      });
    let frontier = unseen(await this.query(seedKeysStatement(pg, seeds)));
    while (frontier.length > 0) {
      frontier = unseen(await this.query(sharingKeysStatement(pg, frontier)));
    }
    const events = await this.query<LedgerRow>({
      sql: `select seq, external_id, type, occurred_at, actor, entity_ref, data
            from pe_events where seq ${this.anyOf()} and entity_ref is not null
            order by entity_ref, occurred_at, seq`,
      bindings: [this.list([...seqs])],
    });
    return groupEvents(events);
  }

  /** Fingerprints of the stored rows whose `column` is one of `values`, by id. */
  private async storedFingerprints(
    column: 'id' | 'entity_ref',
    values: string[],
  ) {
    const exceptions = new Map<string, string>();
    const findings = new Map<string, string>();
    if (values.length === 0) return { exceptions, findings };
    const rows = await this.query<{
      t: string;
      id: string;
      fingerprint: string;
    }>({
      sql: `select 'e' as t, id, fingerprint from pe_exceptions
              where ${column} ${this.anyOf()}
              union all
              select 'f', id, fingerprint from pe_findings
              where ${column} ${this.anyOf()}`,
      bindings: [this.list(values), this.list(values)],
    });
    for (const r of rows) {
      (r.t === 'e' ? exceptions : findings).set(r.id, r.fingerprint);
    }
    return { exceptions, findings };
  }

  async saveEntityStates(
    states: Map<string, EntityState>,
    scope?: string[],
  ): Promise<StateChanges> {
    const now = new Date();
    const changes: StateChanges = { exceptions: [], findings: [] };
    const stored = scope
      ? await this.storedFingerprints('id', scope)
      : await this.storedFingerprints('entity_ref', [...states.keys()]);

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
    await this.deleteRows([
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
    await this.insertRows([
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

  private async deleteRows(deletes: TableIds[]): Promise<void> {
    return deleteAll(this.tx, deletes);
  }

  private async insertRows(inserts: TableRows[]): Promise<void> {
    return insertAll(this.tx, inserts);
  }

  async mapSubject(subject: string, entityRef: string): Promise<number[]> {
    const select =
      'select seq, type, external_id, data from pe_events where subject = ? and entity_ref is null';
    const rows: Array<{
      seq: number | string;
      type: string;
      external_id: string;
      data: string;
    }> = await this.query({ sql: select, bindings: [subject] });
    if (rows.length === 0) return [];
    const seqs = rows.map(r => Number(r.seq));
    // The index learns the service too, and the ids that depend on it.
    await this.run({
      sql: `update pe_event_keys set entity_ref = ?
            where entity_ref is null and event_seq ${this.anyOf()}`,
      bindings: [entityRef, this.list(seqs)],
    });
    await this.indexEvents(
      rows.map(r => ({
        seq: Number(r.seq),
        entityRef,
        type: r.type,
        externalId: r.external_id,
        data: parseJson(r.data),
      })),
    );
    // Under the subject's unmapped rows as read: the entity is filled in once.
    await this.run({
      sql: `update pe_events set entity_ref = ? where seq ${this.anyOf()} and entity_ref is null`,
      bindings: [entityRef, this.list(seqs)],
    });
    return seqs;
  }

  async indexEntityEvents(
    entityRef: string,
    events: LedgerEvent[],
  ): Promise<void> {
    if (events.length === 0) return;
    // Keys written while an event was unmapped learn its service; the keys
    // that depend on the service are added with any others it lacks.
    await this.run({
      sql: `update pe_event_keys set entity_ref = ?
            where entity_ref is null and event_seq ${this.anyOf()}`,
      bindings: [entityRef, this.list(events.map(e => e.seq))],
    });
    await this.indexEvents(events);
  }

  derivationOf(entityRef: string): Promise<PolicyVersion | undefined> {
    return derivationOf(this.tx, entityRef);
  }

  recordDerivation(
    entityRef: string,
    version: PolicyVersion,
    lastSeq: number,
  ): Promise<void> {
    return recordDerivation(this.tx, entityRef, version, lastSeq);
  }

  async noteCasesDerived(
    entityRefs: string[],
    version: PolicyVersion,
  ): Promise<void> {
    if (entityRefs.length > 0)
      await noteCasesDerived(this.tx, entityRefs, version);
  }
}
