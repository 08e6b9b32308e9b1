/** A delivery from the events system, as the inbox keeps it. */
export interface InboxDelivery {
  id: number;
  topic: string;
  payload: unknown;
  metadata: Record<string, string | string[] | undefined>;
  receivedAt: Date;
  /** Failed tries so far. */
  attempts: number;
}

/** What the inbox lists for operators. */
export type InboxItem = Omit<InboxDelivery, 'receivedAt'> & {
  receivedAt: string;
  status: 'pending' | 'rejected';
  nextAttemptAt: string | null;
  /** The last failure of a pending delivery, or why it was rejected. */
  lastError: string | null;
};

/**
 * Deliveries between their arrival and the ledger. `add` is the one write
 * an arriving delivery costs before it is safe from a fault.
 */
export interface Inbox {
  /** Keeps a delivery; it is due for a retry `leaseMs` from now unless settled first. */
  add(
    delivery: Omit<InboxDelivery, 'id' | 'attempts'>,
    leaseMs: number,
  ): Promise<InboxDelivery>;
  /** Its event is in the ledger: forgotten here. */
  applied(id: number): Promise<void>;
  /** It can never be adapted: kept with the reason, never retried. */
  rejected(id: number, reason: string): Promise<void>;
  /** It failed for now: retried at `nextAttemptAt`. */
  failed(id: number, error: string, nextAttemptAt: Date): Promise<void>;
  /** Pending deliveries due by `now`, oldest first. */
  due(now: Date, limit: number): Promise<InboxDelivery[]>;
  list(status: InboxItem['status'], limit: number): Promise<InboxItem[]>;
}
