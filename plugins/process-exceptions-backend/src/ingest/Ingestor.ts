import { LoggerService } from '@backstage/backend-plugin-api';
import {
  ExceptionStore,
  LedgerTransaction,
  ledgerKey,
  NewLedgerEvent,
  StateChanges,
} from '../database/ExceptionStore';
import { Policy } from '../policy/Policy';
import { evaluateEntity } from '../rules/evaluateEntity';
import { EntityResolver } from './EntityResolver';

/** An event in ledger form, before the catalog has been asked about it. */
export interface IncomingEvent {
  externalId: string;
  type: string;
  occurredAt: Date;
  /** How the sender named the service: an entity ref or an adapter's subject. */
  subject: string | null;
  actor: string | null;
  data: unknown;
  payload: unknown;
}

/** What one event did, as the ingestion API reports it. */
export type IngestOutcome = {
  id: string;
  status: 'recorded' | 'duplicate';
  /** The catalog could not resolve the event's service yet; it is kept. */
  unmapped: boolean;
  entityRef: string | null;
  exceptions: Array<Omit<StateChanges['exceptions'][number], 'eventSeqs'>>;
  findings: Array<Omit<StateChanges['findings'][number], 'eventSeqs'>>;
};

/**
 * Appends events to the ledger and re-evaluates the rules for every entity
 * they touch, all in one transaction: an event is never recorded without its
 * consequences, and a failed request stores nothing.
 */
export class Ingestor {
  constructor(
    private readonly options: {
      store: ExceptionStore;
      resolver: EntityResolver;
      policy: Policy;
      logger: LoggerService;
    },
  ) {}

  async ingest(
    source: string,
    events: IncomingEvent[],
  ): Promise<IngestOutcome[]> {
    const { store, resolver } = this.options;
    const subjects = events.flatMap(e => (e.subject ? [e.subject] : []));
    const resolved = await resolver.resolve(subjects);
    const ledgerEvents: NewLedgerEvent[] = events.map(e => ({
      source,
      externalId: e.externalId,
      type: e.type,
      entityRef: (e.subject && resolved.get(e.subject)) || null,
      subject: e.subject,
      actor: e.actor,
      occurredAt: e.occurredAt,
      data: e.data,
      payload: e.payload,
    }));

    const { recorded, changes } = await store.transaction(async tx => {
      const seqs = await tx.appendEvents(ledgerEvents);
      const touched = ledgerEvents
        .filter(e => e.entityRef && seqs.has(ledgerKey(source, e.externalId)))
        .map(e => e.entityRef!);
      return { recorded: seqs, changes: await this.reevaluate(tx, touched) };
    });

    const claimed = new Set<string>();
    return ledgerEvents.map(e => {
      const key = ledgerKey(source, e.externalId);
      const seq = recorded.get(key);
      // Within one batch only the first copy of an id is the recorded one.
      const isNew = seq !== undefined && !claimed.has(key);
      claimed.add(key);
      const mine = <T extends { eventSeqs: number[] }>(items: T[]) =>
        isNew ? items.filter(i => i.eventSeqs.includes(seq!)) : [];
      return {
        id: e.externalId,
        status: isNew ? 'recorded' : 'duplicate',
        unmapped: e.entityRef === null,
        entityRef: e.entityRef,
        exceptions: mine(changes.exceptions).map(({ eventSeqs, ...x }) => x),
        findings: mine(changes.findings).map(({ eventSeqs, ...x }) => x),
      };
    });
  }

  /**
   * Applies events that were kept unmapped once the catalog knows their
   * service. Returns how many events were mapped.
   */
  async remapUnmapped(limit = 100): Promise<number> {
    const { store, resolver, logger } = this.options;
    const subjects = await store.listUnmappedSubjects(limit);
    if (subjects.length === 0) return 0;
    const resolved = await resolver.resolve(subjects);
    let mapped = 0;
    for (const [subject, entityRef] of resolved) {
      mapped += await store.transaction(async tx => {
        const n = await tx.mapSubject(subject, entityRef);
        if (n > 0) await this.reevaluate(tx, [entityRef]);
        return n;
      });
    }
    if (mapped > 0) logger.info(`Applied ${mapped} previously unmapped events`);
    return mapped;
  }

  /** Re-evaluates whole entities, so out-of-order events land where they belong. */
  async reevaluate(
    tx: LedgerTransaction,
    entityRefs: string[],
  ): Promise<StateChanges> {
    const all: StateChanges = { exceptions: [], findings: [] };
    const refs = [...new Set(entityRefs)].sort();
    await tx.lockEntities(refs);
    const now = new Date();
    for (const ref of refs) {
      const events = await tx.loadEntityEvents(ref);
      const state = evaluateEntity(this.options.policy, events, now);
      const changes = await tx.saveEntityState(ref, state);
      all.exceptions.push(...changes.exceptions);
      all.findings.push(...changes.findings);
    }
    return all;
  }
}
