import { Knex } from 'knex';
import { PolicyVersion } from '../policy/PolicyVersion';
import { EntityState, LedgerEvent } from '../rules/types';
import { dialectOf, SqlDialect } from './dialect/SqlDialect';
import {
  derivationOf,
  noteCasesDerived,
  recordDerivation,
} from './derived/derivationState';
import { saveEntityStates } from './derived/saveEntityStates';
import {
  Cases,
  LedgerTransaction,
  NewLedgerEvent,
  StateChanges,
  StoredRows,
} from './ExceptionStore';
import {
  eventKeyRows,
  IndexedEvent,
  KEY_INSERT_OPTIONS,
  pendingKeyRows,
} from './ledger/eventKeys';
import {
  eventRows,
  groupEvents,
  LEDGER_COLUMNS,
  ledgerEventOf,
  LedgerRow,
  recordedSeqs,
} from './ledger/ledgerRows';
import { loadCases } from './ledger/loadCases';
import { EVENT_KEY_COLUMNS } from './sql/columns';
import { queryRows, StoreTx } from './sql/queryRows';
import { Statement } from './sql/statements';

/**
 * The write side of the store, in one knex transaction; what differs
 * between the databases is the dialect's.
 */
export class DatabaseLedgerTransaction implements LedgerTransaction {
  private readonly s: StoreTx;

  constructor(tx: Knex.Transaction, dialect: SqlDialect = dialectOf(tx)) {
    this.s = { tx, dialect };
  }

  private get dialect() {
    return this.s.dialect;
  }

  private query<T>(statement: Statement): Promise<T[]> {
    return queryRows<T>(this.s, statement);
  }

  async appendEvents(events: NewLedgerEvent[]): Promise<Map<string, number>> {
    const rows = await this.dialect.appendEvents(
      this.s.tx,
      eventRows(events),
      pendingKeyRows(events),
    );
    return recordedSeqs(rows);
  }

  /** Adds the events' correlation keys (see pe_event_keys). */
  private async indexEvents(events: IndexedEvent[]): Promise<void> {
    await this.dialect.insert(
      this.s.tx,
      'pe_event_keys',
      EVENT_KEY_COLUMNS,
      eventKeyRows(events),
      KEY_INSERT_OPTIONS,
    );
  }

  lockEntities(entityRefs: string[]): Promise<void> {
    return this.dialect.lockEntities(this.s.tx, entityRefs);
  }

  async loadEntityEvents(
    entityRefs: string[],
  ): Promise<Map<string, LedgerEvent[]>> {
    const refs = [...new Set(entityRefs)];
    if (refs.length === 0) return new Map();
    const rows = await this.query<LedgerRow>({
      sql: `select ${LEDGER_COLUMNS}
            from pe_events where entity_ref ${this.dialect.anyOf()}
            order by entity_ref, occurred_at, seq`,
      bindings: [this.dialect.list(refs)],
    });
    return groupEvents(rows);
  }

  loadCases(seeds: LedgerEvent[]): Promise<Cases> {
    return loadCases(this.s, seeds);
  }

  saveEntityStates(
    states: Map<string, EntityState>,
    stored?: StoredRows,
  ): Promise<StateChanges> {
    return saveEntityStates(this.s, states, stored);
  }

  async mapSubject(subject: string, entityRef: string): Promise<LedgerEvent[]> {
    const rows = await this.query<LedgerRow>({
      sql: `select ${LEDGER_COLUMNS}
            from pe_events where subject = ? and entity_ref is null`,
      bindings: [subject],
    });
    if (rows.length === 0) return [];
    const events = rows.map(r =>
      ledgerEventOf({ ...r, entity_ref: entityRef }),
    );
    const seqs = events.map(e => e.seq);
    // The index learns the service too, and the ids that depend on it.
    await this.fillKeysEntity(entityRef, seqs);
    await this.indexEvents(events);
    // Under the subject's unmapped rows as read: the entity is filled in once.
    await this.query({
      sql: `update pe_events set entity_ref = ?
            where seq ${this.dialect.anyOf()} and entity_ref is null`,
      bindings: [entityRef, this.dialect.list(seqs)],
    });
    return events;
  }

  /** Keys written while their events were unmapped learn the service. */
  private async fillKeysEntity(entityRef: string, seqs: number[]) {
    await this.query({
      sql: `update pe_event_keys set entity_ref = ?
            where entity_ref is null and event_seq ${this.dialect.anyOf()}`,
      bindings: [entityRef, this.dialect.list(seqs)],
    });
  }

  async indexEntityEvents(
    entityRef: string,
    events: LedgerEvent[],
  ): Promise<void> {
    if (events.length === 0) return;
    // The keys that depend on the service are added with any others missing.
    await this.fillKeysEntity(
      entityRef,
      events.map(e => e.seq),
    );
    await this.indexEvents(events);
  }

  derivationOf(entityRef: string): Promise<PolicyVersion | undefined> {
    return derivationOf(this.s.tx, entityRef);
  }

  recordDerivation(
    entityRef: string,
    version: PolicyVersion,
    lastSeq: number,
  ): Promise<void> {
    return recordDerivation(this.s.tx, entityRef, version, lastSeq);
  }

  async noteCasesDerived(
    entityRefs: string[],
    version: PolicyVersion,
  ): Promise<void> {
    if (entityRefs.length === 0) return;
    await noteCasesDerived(this.s.tx, this.dialect, entityRefs, version);
  }
}
