import { LoggerService } from '@backstage/backend-plugin-api';
import { EventProvenance } from '@process-exceptions/backstage-plugin-process-exceptions-common';
import {
  ExceptionStore,
  LedgerTransaction,
  ledgerKey,
  NewLedgerEvent,
  StateChanges,
} from '../database/ExceptionStore';
import { appendedEvents } from '../database/ledger/ledgerRows';
import { Policy } from '../policy/Policy';
import { PolicyVersion, policyVersion } from '../policy/PolicyVersion';
import { evaluateEntity } from '../rules/evaluateEntity';
import { EntityState, LedgerEvent } from '../rules/types';
import { EntityResolver } from './EntityResolver';
import { GroupCommit } from './GroupCommit';
import { MaintenanceFailures } from '../maintenance/MaintenanceFailures';

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

type ExceptionChange = Omit<StateChanges['exceptions'][number], 'eventSeqs'>;
type FindingChange = Omit<StateChanges['findings'][number], 'eventSeqs'>;

/** What a rebuild did with one service. */
export type RebuildOutcome = {
  /** `current`: derived with this revision already; `ahead`: with a newer one. */
  outcome: 'rebuilt' | 'current' | 'ahead';
  events: number;
};

/** What one event did, as the ingestion API reports it. */
export type IngestOutcome = {
  id: string;
  status: 'recorded' | 'duplicate';
  /** The catalog could not resolve the event's service yet; it is kept. */
  unmapped: boolean;
  entityRef: string | null;
  exceptions: ExceptionChange[];
  findings: FindingChange[];
};

type IngestRequest = {
  source: string;
  events: IncomingEvent[];
  /** Who delivered them, and when they arrived. */
  provenance: EventProvenance;
  receivedAt: Date;
};

/**
 * Events of one group, at most, in one transaction: four full batches, so a
 * service that several waiting batches touch is replayed once for them all.
 */
const MAX_GROUP_EVENTS = 2000;

/**
 * Events that make a third group in flight worth its round trips: single
 * events from many senders then share fewer, larger transactions, which
 * cost less per event (bench/profile-notes.md).
 */
const MIN_COMPANY = 16;

/** The changes that name each event, by ledger sequence number. */
function changesBySeq(changes: StateChanges) {
  const bySeq = new Map<
    number,
    { exceptions: ExceptionChange[]; findings: FindingChange[] }
  >();
  const entry = (seq: number) => {
    let e = bySeq.get(seq);
    if (!e) bySeq.set(seq, (e = { exceptions: [], findings: [] }));
    return e;
  };
  for (const { eventSeqs, ...change } of changes.exceptions) {
    for (const seq of new Set(eventSeqs)) entry(seq).exceptions.push(change);
  }
  for (const { eventSeqs, ...change } of changes.findings) {
    for (const seq of new Set(eventSeqs)) entry(seq).findings.push(change);
  }
  return bySeq;
}

/** What each request's events did, in the order they were sent. */
function outcomesOf(
  requests: NewLedgerEvent[][],
  recorded: Map<string, number>,
  changes: StateChanges,
): IngestOutcome[][] {
  const bySeq = changesBySeq(changes);
  // Only the first copy of an id in the group is the recorded one.
  const claimed = new Set<string>();
  return requests.map(events =>
    events.map(e => {
      const key = ledgerKey(e.source, e.externalId);
      const seq = recorded.get(key);
      const isNew = seq !== undefined && !claimed.has(key);
      claimed.add(key);
      const mine = (isNew && bySeq.get(seq!)) || undefined;
      return {
        id: e.externalId,
        status: isNew ? 'recorded' : 'duplicate',
        unmapped: e.entityRef === null,
        entityRef: e.entityRef,
        exceptions: mine?.exceptions ?? [],
        findings: mine?.findings ?? [],
      };
    }),
  );
}

/**
 * Appends events to the ledger and re-evaluates the rules for every entity
 * they touch, all in one transaction: an event is never recorded without its
 * consequences, and a failed request stores nothing. Requests that arrive
 * while earlier ones are being written are written together.
 */
export class Ingestor {
  private readonly groups: GroupCommit<IngestRequest, IngestOutcome[]>;
  private readonly changeListeners = new Set<() => void>();
  /** The policy every derivation here uses. */
  readonly version: PolicyVersion;

  constructor(
    private readonly options: {
      store: ExceptionStore;
      resolver: EntityResolver;
      policy: Policy;
      /** Defaults to revision 0 of `policy`. */
      version?: PolicyVersion;
      logger: LoggerService;
    },
  ) {
    this.version = options.version ?? policyVersion(options.policy);
    this.groups = new GroupCommit({
      run: requests => this.ingestGroup(requests),
      maxConcurrent: options.store.maxConcurrentWrites,
      maxGroupSize: MAX_GROUP_EVENTS,
      sizeOf: request => request.events.length,
      // The services written to, as the senders name them.
      keysOf: request => request.events.flatMap(e => e.subject ?? []),
      overlapOne: true,
      minCompany: MIN_COMPANY,
    });
  }

  /** Records events `provenance` delivered, received at `receivedAt`. */
  ingest(
    source: string,
    events: IncomingEvent[],
    provenance: EventProvenance,
    receivedAt = new Date(),
  ): Promise<IngestOutcome[]> {
    return this.groups.submit({ source, events, provenance, receivedAt });
  }

  /**
   * Records the one event of a person's write on its own, under its
   * service's lock from the start and dated once the lock is held, so it
   * comes after every write of that service committed before it. `accept`
   * sees what the event did and throws to refuse it: then nothing is
   * stored. Its id is the portal's own, so it never waits on a duplicate.
   */
  async recordAlone(
    source: string,
    event: Omit<IncomingEvent, 'occurredAt'>,
    provenance: EventProvenance,
    accept: (outcome: IngestOutcome) => void,
  ): Promise<IngestOutcome> {
    const { store, resolver } = this.options;
    const subject = event.subject;
    const entityRef =
      (subject && (await resolver.resolve([subject])).get(subject)) || null;
    const { outcome, changes } = await store.transaction(async tx => {
      if (entityRef) await tx.lockEntities([entityRef]);
      const now = new Date();
      const recorded: NewLedgerEvent = {
        ...event,
        source,
        entityRef,
        occurredAt: now,
        receivedAt: now,
        provenance,
      };
      const seqs = await tx.appendEvents([recorded]);
      const derived = await this.deriveCases(
        tx,
        appendedEvents([recorded], seqs),
      );
      const [[answer]] = outcomesOf([[recorded]], seqs, derived);
      accept(answer);
      return { outcome: answer, changes: derived };
    });
    this.announce(changes);
    return outcome;
  }

  /** Calls `listener` after each write that changed exceptions or findings. */
  onChange(listener: () => void): void {
    this.changeListeners.add(listener);
  }

  /**
   * One transaction for a group of requests. It appends before it locks the
   * services, so a group that shares services with the one in flight
   * appends while that one is evaluated.
   */
  private async ingestGroup(
    requests: IngestRequest[],
  ): Promise<IngestOutcome[][]> {
    const { store, resolver } = this.options;
    const subjects = requests.flatMap(r =>
      r.events.flatMap(e => (e.subject ? [e.subject] : [])),
    );
    const resolved = await resolver.resolve([...new Set(subjects)]);
    const ledgerEvents: NewLedgerEvent[][] = requests.map(r =>
      r.events.map(e => ({
        source: r.source,
        externalId: e.externalId,
        type: e.type,
        entityRef: (e.subject && resolved.get(e.subject)) || null,
        subject: e.subject,
        actor: e.actor,
        occurredAt: e.occurredAt,
        receivedAt: r.receivedAt,
        provenance: r.provenance,
        data: e.data,
        payload: e.payload,
      })),
    );

    const all = ledgerEvents.flat();
    const { outcomes, changes } = await store.transaction(async tx => {
      const recorded = await tx.appendEvents(all);
      const derived = await this.deriveCases(tx, appendedEvents(all, recorded));
      return {
        outcomes: outcomesOf(ledgerEvents, recorded, derived),
        changes: derived,
      };
    });
    this.announce(changes);
    return outcomes;
  }

  /**
   * Applies events that were kept unmapped once the catalog knows their
   * service. Returns how many events were mapped. A subject whose events
   * fail to apply is logged and left unmapped; the other subjects are still
   * applied. With `failures`, a failed subject waits out its backoff.
   */
  async remapUnmapped(
    options: {
      failures?: MaintenanceFailures;
      now?: Date;
      limit?: number;
    } = {},
  ): Promise<number> {
    const { store, resolver, logger } = this.options;
    const { failures, now = new Date(), limit = 100 } = options;
    const waiting = await failures?.waiting('subject', now);
    const subjects = await store.listUnmappedSubjects(limit, waiting);
    if (subjects.length === 0) return 0;
    const resolved = await resolver.resolve(subjects);
    let mapped = 0;
    for (const [subject, entityRef] of resolved) {
      try {
        const { n, changes } = await store.transaction(async tx => {
          const events = await tx.mapSubject(subject, entityRef);
          return {
            n: events.length,
            changes:
              events.length > 0
                ? await this.deriveCases(tx, events)
                : undefined,
          };
        });
        if (changes) this.announce(changes);
        mapped += n;
        await failures?.succeeded('subject', subject);
      } catch (error) {
        const failure = await failures?.failed('subject', subject, error, now);
        logger.error(
          `Could not apply the unmapped events of ${subject} to ${entityRef}; will retry${
            failure ? ` at ${failure.nextAttemptAt.toISOString()}` : ''
          }: ${error}`,
        );
      }
    }
    if (mapped > 0) logger.info(`Applied ${mapped} previously unmapped events`);
    return mapped;
  }

  /**
   * Re-derives what the recorded events `seeds` can change: the cases they belong
   * to, each in the order things happened, so late and out-of-order events
   * land where they belong. The rest of each entity's ledger is not read.
   */
  private async deriveCases(
    tx: LedgerTransaction,
    seeds: LedgerEvent[],
  ): Promise<StateChanges> {
    const refs = [...new Set(seeds.map(e => e.entityRef))].sort();
    if (refs.length === 0) return { exceptions: [], findings: [] };
    await tx.lockEntities(refs);
    const cases = await tx.loadCases(seeds);
    const now = new Date();
    const states = new Map<string, EntityState>();
    for (const [ref, events] of cases.events) {
      states.set(ref, evaluateEntity(this.options.policy, events, now));
    }
    const changes = await tx.saveEntityStates(states, cases.stored);
    await tx.noteCasesDerived(refs, this.version);
    return changes;
  }

  /**
   * Re-derives whole entities from their whole ledgers: the full replay,
   * kept as the reference the case-by-case write path must equal.
   */
  async reevaluate(
    tx: LedgerTransaction,
    entityRefs: string[],
  ): Promise<StateChanges> {
    const refs = [...new Set(entityRefs)].sort();
    if (refs.length === 0) return { exceptions: [], findings: [] };
    await tx.lockEntities(refs);
    const events = await tx.loadEntityEvents(refs);
    const now = new Date();
    const states = new Map<string, EntityState>();
    for (const ref of refs) {
      const ledger = events.get(ref) ?? [];
      states.set(ref, evaluateEntity(this.options.policy, ledger, now));
    }
    return tx.saveEntityStates(states);
  }

  /**
   * Re-derives one service from its whole ledger under its write lock, and
   * re-indexes what its events lack. `below` rebuilds only a service
   * derived with a lower revision; a service derived with a higher one is
   * never rebuilt with this older policy.
   */
  async rebuildService(
    entityRef: string,
    mode: 'below' | 'upTo',
  ): Promise<RebuildOutcome> {
    const { version } = this;
    const result = await this.options.store.transaction(async tx => {
      await tx.lockEntities([entityRef]);
      const recorded = await tx.derivationOf(entityRef);
      if (recorded && recorded.revision > version.revision) {
        return { outcome: 'ahead' as const, events: 0 };
      }
      if (
        mode === 'below' &&
        recorded &&
        recorded.revision >= version.revision
      ) {
        return { outcome: 'current' as const, events: 0 };
      }
      const ledger = (await tx.loadEntityEvents([entityRef])).get(entityRef);
      const events = ledger ?? [];
      await tx.indexEntityEvents(entityRef, events);
      const state = evaluateEntity(this.options.policy, events, new Date());
      const changes = await tx.saveEntityStates(new Map([[entityRef, state]]));
      const lastSeq = events.reduce((max, e) => Math.max(max, e.seq), 0);
      await tx.recordDerivation(entityRef, version, lastSeq);
      return { outcome: 'rebuilt' as const, events: events.length, changes };
    });
    if ('changes' in result && result.changes) this.announce(result.changes);
    return { outcome: result.outcome, events: result.events };
  }

  /** Tells the listeners, once the transaction committed. */
  private announce(changes: StateChanges) {
    if (changes.exceptions.length > 0 || changes.findings.length > 0) {
      this.changeListeners.forEach(listener => listener());
    }
  }
}
