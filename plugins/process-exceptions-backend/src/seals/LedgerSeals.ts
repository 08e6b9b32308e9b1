import {
  ChainHead,
  LedgerVerification,
} from '@process-exceptions/backstage-plugin-process-exceptions-common';

/** A head to check the chain against, from an earlier export. */
export type ExportedHead = Omit<ChainHead, 'signedAt'>;

/** The ledger's hash chain (docs/ledger-seals.md). */
export interface LedgerSeals {
  /**
   * Seals the events committed since the last run, oldest first, and
   * signs the new head; answers how many it sealed.
   */
  sealPending(now: Date): Promise<number>;
  /** The latest signed head, or null before the first seal. */
  latestHead(): Promise<ChainHead | null>;
  /** Walks the chain from its start and reports the first mismatch. */
  verify(against?: ExportedHead): Promise<LedgerVerification>;
}
