import { Knex } from 'knex';
import { DerivedException, EntityState, LedgerEvent } from '../rules/types';
import { deleteAll, pgDeleteAllStatement, TableIds } from './bulkDelete';
import {
  bulkInsert,
  insertAll,
  pgInsertAllStatement,
  TableRows,
} from './bulkInsert';
import {
  EVENT_COLUMNS,
  EVENT_KEY_COLUMNS,
  EXCEPTION_COLUMNS,
  EXCEPTION_STATE_COLUMNS,
  FINDING_COLUMNS,
  LINK_COLUMNS,
  TASK_COLUMNS,
} from './columns';
import { chunk, parseJson } from './conversions';
import {
  caseEventsStatement,
  eventKeyRows,
  IndexedEvent,
  KEY_INSERT_OPTIONS,
  recordedForIndex,
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
  appendedEvents,
  APPEND_OPTIONS,
  compareLedgerOrder,
  decodeLoad,
  eventRows,
  groupEvents,
  Fingerprints,
  LedgerCounts,
  pgAppendStatement,
  pgLoadStatement,
  LedgerRow,
  pgLockStatement,
  recordedSeqs,
} from './ledgerRows';
import { DerivedFingerprints, FingerprintMemo } from './fingerprintMemo';
import { LedgerCache } from './LedgerCache';
import { pgInsertStatement } from './bulkInsert';
import { PgStatementBatch } from './PgStatementBatch';
import { ExceptionRow, FindingRow } from './rows';
import { IDS_PER_STATEMENT, loadSqliteLedgers } from './sqliteLedgers';

/**
 * The write side of the store: on PostgreSQL bound to a batch of statements
 * sent together, on SQLite to a knex transaction.
 */
export class DatabaseLedgerTransaction implements LedgerTransaction {
  private loadedFingerprints?: Fingerprints;
  private readonly pg?: PgStatementBatch;
  private readonly knex?: Knex.Transaction;
  /** Every ledger read or written, whole: the cache keeps them on commit. */
  readonly ledgers = new Map<string, LedgerEvent[]>();
  /** What each entity's evaluation derived, fingerprinted, for the cache. */
  readonly derived = new Map<string, DerivedFingerprints>();
  private claim?: { release: () => void };

  constructor(
    target: PgStatementBatch | Knex.Transaction,
    private readonly cache?: LedgerCache,
  ) {
    if (target instanceof PgStatementBatch) this.pg = target;
    else this.knex = target;
  }

  /** Lets other transactions of this replica check these ledgers. */
  end(): void {
    this.claim?.release();
  }

  /** The knex transaction, on SQLite. */
  private get tx(): Knex.Transaction {
    if (!this.knex) throw new Error('Not a knex transaction');
    return this.knex;
  }

  async appendEvents(events: NewLedgerEvent[]): Promise<Map<string, number>> {
    const rows = this.pg
      ? await this.pg.rows(pgAppendStatement(events))
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
      // Nothing reads the keys back in this transaction before the next statement.
      this.pg.defer(
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
    // Sent with the next statement, which runs once the locks are held.
    this.pg.defer(pgLockStatement(entityRefs));
  }

  async appendLockAndLoad(events: NewLedgerEvent[], entityRefs: string[]) {
    if (!this.pg) {
      // One writer and no round trips: the append's events are not read back.
      const recorded = await this.appendEvents(events);
      const appended = appendedEvents(events, recorded);
      const touched = [...new Set(appended.map(e => e.entityRef))];
      const ledgers = touched.length
        ? await this.loadEntityEvents(touched, appended)
        : new Map<string, LedgerEvent[]>();
      return { recorded, ledgers };
    }
    const refs = [...new Set(entityRefs)];
    const [appended, , loaded] = await this.pg.rowsOfEach([
      pgAppendStatement(events),
      pgLockStatement(refs),
      pgLoadStatement(refs, refs, []),
    ]);
    const recorded = recordedSeqs(appended);
    await this.indexEvents(recordedForIndex(events, recorded));
    const touched = appendedEvents(events, recorded).map(e => e.entityRef);
    const { fingerprints, ledgers } = decodeLoad(loaded, touched);
    this.loadedFingerprints = fingerprints;
    for (const [ref, ledger] of ledgers) this.ledgers.set(ref, ledger);
    return { recorded, ledgers };
  }

  async loadEntityEvents(
    entityRefs: string[],
    appended: LedgerEvent[] = [],
  ): Promise<Map<string, LedgerEvent[]>> {
    const refs = [...new Set(entityRefs)];
    const mine = new Map<string, LedgerEvent[]>();
    for (const e of appended) {
      const list = mine.get(e.entityRef);
      if (list) list.push(e);
      else mine.set(e.entityRef, [e]);
    }
    // Once per transaction: a second claim could wait for a later one.
    if (this.cache && !this.claim) this.claim = await this.cache.claim(refs);
    const cached = new Map<string, readonly LedgerEvent[]>();
    for (const ref of refs) {
      const ledger = this.cache?.get(ref);
      if (ledger) cached.set(ref, ledger);
    }
    // A held ledger stands if the rows counted are it and the events appended.
    const check: LedgerCounts = { entityRefs: [], counts: [] };
    for (const [ref, ledger] of cached) {
      check.entityRefs.push(ref);
      check.counts.push(ledger.length + (mine.get(ref)?.length ?? 0));
    }
    const read = refs.filter(ref => !cached.has(ref));
    const skip = appended.map(e => e.seq);
    const { ledgers, stale } = this.pg
      ? await this.loadPg(this.pg, refs, read, skip, check)
      : await loadSqliteLedgers(this.tx, read, check, new Set(skip));
    for (const [ref, ledger] of cached) {
      if (!stale.has(ref)) ledgers.set(ref, [...ledger]);
    }
    // In ledger order, as if read back: the seqs are the ones just assigned.
    for (const [ref, events] of mine) {
      const list = ledgers.get(ref);
      if (list) list.push(...events);
      ledgers.set(ref, (list ?? events).sort(compareLedgerOrder));
    }
    for (const [ref, ledger] of ledgers) this.ledgers.set(ref, ledger);
    return ledgers;
  }

  async loadCases(seeds: number[]): Promise<Map<string, LedgerEvent[]>> {
    if (seeds.length === 0) return new Map();
    const statement = caseEventsStatement(Boolean(this.pg), seeds);
    const rows: LedgerRow[] = this.pg
      ? await this.pg.rows(statement)
      : await this.tx.raw(statement.sql, statement.bindings);
    return groupEvents(rows);
  }

  /** Fingerprints of the stored rows with these ids. */
  private async fingerprintsOf(ids: string[]) {
    const exceptions = new Map<string, string>();
    const findings = new Map<string, string>();
    if (ids.length === 0) return { exceptions, findings };
    const list = this.pg ? '?::text[]' : '(select value from json_each(?))';
    const match = this.pg ? `= any(${list})` : `in ${list}`;
    const binding = this.pg ? ids : JSON.stringify(ids);
    const statement = {
      sql: `select 'e' as t, id, fingerprint from pe_exceptions where id ${match}
            union all
            select 'f', id, fingerprint from pe_findings where id ${match}`,
      bindings: [binding, binding],
    };
    const rows: Array<{ t: string; id: string; fingerprint: string }> = this.pg
      ? await this.pg.rows(statement)
      : await this.tx.raw(statement.sql, statement.bindings);
    for (const r of rows) {
      (r.t === 'e' ? exceptions : findings).set(r.id, r.fingerprint);
    }
    return { exceptions, findings };
  }

  private async loadPg(
    pg: PgStatementBatch,
    refs: string[],
    read: string[],
    skip: number[],
    check: LedgerCounts,
  ) {
    const { fingerprints, ledgers, stale } = decodeLoad(
      await pg.rows(pgLoadStatement(refs, read, skip, check)),
      refs,
    );
    this.loadedFingerprints = fingerprints;
    return { ledgers, stale };
  }

  private async fingerprintRows(
    entityRefs: string[],
  ): Promise<Array<{ t: string; id: string; fingerprint: string }>> {
    if (this.pg) {
      return this.pg.rows({
        sql: `select 'e' as t, id, fingerprint from pe_exceptions
              where entity_ref = any(?::text[])
              union all
              select 'f', id, fingerprint from pe_findings
              where entity_ref = any(?::text[])`,
        bindings: [entityRefs, entityRefs],
      });
    }
    const rows = [];
    for (const refs of chunk(entityRefs, IDS_PER_STATEMENT)) {
      rows.push(
        ...(await this.tx('pe_exceptions')
          .whereIn('entity_ref', refs)
          .select(this.tx.raw("'e' as t"), 'id', 'fingerprint')
          .unionAll(q =>
            q
              .from('pe_findings')
              .whereIn('entity_ref', refs)
              .select(this.tx.raw("'f' as t"), 'id', 'fingerprint'),
          )),
      );
    }
    return rows;
  }

  /** Fingerprints of what is stored for these entities, by row id. */
  private async storedFingerprints(entityRefs: string[]) {
    const loaded = this.loadedFingerprints;
    this.loadedFingerprints = undefined;
    // Only for exactly those entities: any other's rows would look withdrawn.
    if (
      loaded &&
      loaded.entityRefs.size === new Set(entityRefs).size &&
      entityRefs.every(ref => loaded.entityRefs.has(ref))
    ) {
      return loaded;
    }
    const exceptions = new Map<string, string>();
    const findings = new Map<string, string>();
    for (const r of await this.fingerprintRows(entityRefs)) {
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
      ? await this.fingerprintsOf(scope)
      : await this.storedFingerprints([...states.keys()]);

    const changed: Array<{ row: ExceptionRow; derived: DerivedException }> = [];
    const changedFindings: FindingRow[] = [];
    for (const [entityRef, state] of states) {
      // A case is part of an entity: its memo would look like all of it.
      const memo = new FingerprintMemo(
        scope ? undefined : this.cache?.derivedOf(entityRef),
      );
      if (!scope) this.derived.set(entityRef, memo.seen);
      for (const derived of state.exceptions) {
        const known = memo.exception(derived);
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
        const known = memo.finding(derived);
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

  /** Sent with the commit on PostgreSQL. */
  private async deleteRows(deletes: TableIds[]): Promise<void> {
    if (!this.pg) return deleteAll(this.tx, deletes);
    const statement = pgDeleteAllStatement(deletes);
    if (statement) this.pg.defer(statement);
    return undefined;
  }

  /** Sent with the commit on PostgreSQL. */
  private async insertRows(inserts: TableRows[]): Promise<void> {
    if (!this.pg) return insertAll(this.tx, inserts);
    const statement = pgInsertAllStatement(inserts);
    if (statement) this.pg.defer(statement);
    return undefined;
  }

  async mapSubject(subject: string, entityRef: string): Promise<number[]> {
    const select =
      'select seq, type, external_id, data from pe_events where subject = ? and entity_ref is null';
    const rows: Array<{
      seq: number | string;
      type: string;
      external_id: string;
      data: string;
    }> = this.pg
      ? await this.pg.rows({ sql: select, bindings: [subject] })
      : await this.tx.raw(select, [subject]);
    if (rows.length === 0) return [];
    const seqs = rows.map(r => Number(r.seq));
    // The index learns the service too, and the ids that depend on it.
    if (this.pg) {
      this.pg.defer({
        sql: 'update pe_event_keys set entity_ref = ? where event_seq = any(?::bigint[])',
        bindings: [entityRef, seqs],
      });
    } else {
      await this.tx('pe_event_keys')
        .whereRaw('event_seq in (select value from json_each(?))', [
          JSON.stringify(seqs),
        ])
        .update({ entity_ref: entityRef });
    }
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
    if (this.pg) {
      await this.pg.rowCount({
        sql: 'update pe_events set entity_ref = ? where seq = any(?::bigint[]) and entity_ref is null',
        bindings: [entityRef, seqs],
      });
    } else {
      await this.tx('pe_events')
        .whereRaw('seq in (select value from json_each(?))', [
          JSON.stringify(seqs),
        ])
        .whereNull('entity_ref')
        .update({ entity_ref: entityRef });
    }
    return seqs;
  }
}
