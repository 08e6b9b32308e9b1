import { LedgerEvent } from '../rules/types';
import { DerivedFingerprints } from './fingerprintMemo';

/** Ledger events a replica keeps in memory unless configured otherwise. */
export const DEFAULT_LEDGER_CACHE_EVENTS = 250_000;

/**
 * The ledgers of the entities this replica evaluated last, as committed.
 * An entry is a claim to check, not a fact: other replicas write too. The
 * ledger only grows (events are never deleted, and `mapSubject` only gives
 * unmapped events an entity), so an entity's committed ledger contains any
 * earlier one, and the two are equal when their counts are. A transaction
 * counts the entity's rows under its lock and reads the ledger only when
 * the count differs. Beside each ledger it keeps what the entity's last
 * evaluation derived, fingerprinted (see FingerprintMemo).
 */
export class LedgerCache {
  private readonly entries = new Map<
    string,
    { ledger: readonly LedgerEvent[]; derived?: DerivedFingerprints }
  >();
  private events = 0;
  /** The entities transactions of this replica are evaluating, and when each ends. */
  private readonly claimed = new Map<string, Promise<void>>();

  /** `maxEvents` bounds the events held, across entities; 0 keeps none. */
  constructor(private readonly maxEvents: number) {}

  /** The ledger last kept for the entity; it counts as a use. */
  get(entityRef: string): readonly LedgerEvent[] | undefined {
    const entry = this.entries.get(entityRef);
    if (entry) {
      this.entries.delete(entityRef);
      this.entries.set(entityRef, entry);
    }
    return entry?.ledger;
  }

  /** What the entity's last evaluation derived, fingerprinted. */
  derivedOf(entityRef: string): DerivedFingerprints | undefined {
    return this.entries.get(entityRef)?.derived;
  }

  /**
   * Keeps ledgers a transaction read or wrote, once it has committed; the
   * entities used longest ago make room.
   */
  keep(
    ledgers: ReadonlyMap<string, readonly LedgerEvent[]>,
    derived: ReadonlyMap<string, DerivedFingerprints> = new Map(),
  ): void {
    for (const [entityRef, ledger] of ledgers) {
      const before = this.entries.get(entityRef);
      this.forget(entityRef);
      // An empty ledger would be counted for nothing.
      if (ledger.length === 0 || ledger.length > this.maxEvents) continue;
      this.entries.set(entityRef, {
        ledger,
        derived: derived.get(entityRef) ?? before?.derived,
      });
      this.events += ledger.length;
    }
    for (const entityRef of this.entries.keys()) {
      if (this.events <= this.maxEvents) break;
      this.forget(entityRef);
    }
  }

  /**
   * Waits for the transactions of this replica that claimed any of these
   * entities before to end, and claims them until `release`. A ledger is
   * checked after its last writer here has committed, so it is still the
   * ledger when counted; claims are taken in order, so no two wait for
   * each other.
   */
  async claim(entityRefs: string[]): Promise<{ release: () => void }> {
    const before = new Set<Promise<void>>();
    let release = () => {};
    const ended = new Promise<void>(resolve => {
      release = resolve;
    });
    for (const ref of entityRefs) {
      const other = this.claimed.get(ref);
      if (other) before.add(other);
      this.claimed.set(ref, ended);
    }
    const ends = () => {
      release();
      for (const ref of entityRefs) {
        if (this.claimed.get(ref) === ended) this.claimed.delete(ref);
      }
    };
    await Promise.all(before);
    return { release: ends };
  }

  /** Events held, across entities. */
  get size(): number {
    return this.events;
  }

  private forget(entityRef: string) {
    const entry = this.entries.get(entityRef);
    if (!entry) return;
    this.entries.delete(entityRef);
    this.events -= entry.ledger.length;
  }
}
