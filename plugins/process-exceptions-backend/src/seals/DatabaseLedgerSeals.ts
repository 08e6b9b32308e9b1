import {
  ChainHead,
  LedgerVerification,
} from '@process-exceptions/backstage-plugin-process-exceptions-common';
import { Knex } from 'knex';
import { dialectOf } from '../database/dialect/SqlDialect';
import { toIso } from '../database/sql/conversions';
import { StoredHead, walkChain } from './chainWalk';
import { ExportedHead, LedgerSeals } from './LedgerSeals';
import {
  GENESIS_SEAL,
  SEAL_COLUMNS,
  SealRow,
  sealedForm,
  sealOf,
} from './sealedForm';
import { SealingKey } from './sealingKey';

/** Events sealed per transaction, and read per page when verifying. */
const BATCH = 5000;
/** Batches one maintenance run seals, so a first run over a large ledger ends. */
const BATCHES_PER_RUN = 40;

type HeadRow = {
  position: number | string;
  seal: string;
  signature: string;
  signed_at: Date | number | string;
};

const headOf = (row: HeadRow): ChainHead => ({
  position: Number(row.position),
  seal: row.seal,
  signature: row.signature,
  signedAt: toIso(row.signed_at)!,
});

/** Rows of `table` in `column` order, a page at a time. */
async function* pages(
  db: Knex,
  table: string,
  column: string,
  columns: string[],
): AsyncGenerator<any> {
  let after = 0;
  for (;;) {
    const rows = (await db(table)
      .where(column, '>', after)
      .orderBy(column)
      .limit(BATCH)
      .select(columns)) as Array<Record<string, unknown>>;
    yield* rows;
    if (rows.length < BATCH) return;
    after = Number(rows[rows.length - 1][column]);
  }
}

async function* storedHeads(db: Knex): AsyncGenerator<StoredHead> {
  const columns = ['position', 'seal', 'signature'];
  for await (const row of pages(db, 'pe_chain_heads', 'position', columns)) {
    yield {
      position: Number(row.position),
      seal: row.seal,
      signature: row.signature,
    };
  }
}

/** The knex implementation of {@link LedgerSeals}. */
export class DatabaseLedgerSeals implements LedgerSeals {
  constructor(private readonly db: Knex, private readonly key: SealingKey) {}

  async sealPending(now: Date): Promise<number> {
    let sealed = 0;
    for (let i = 0; i < BATCHES_PER_RUN; i++) {
      const n = await this.sealBatch(now);
      sealed += n;
      if (n < BATCH) break;
    }
    return sealed;
  }

  private sealBatch(now: Date): Promise<number> {
    const dialect = dialectOf(this.db);
    return this.db.transaction(async tx => {
      await dialect.lockChain(tx);
      // The chain's tip is its last sealed event (a head is signed per batch).
      const tip: { chain_position: number | string; seal: string } | undefined =
        await tx('pe_events')
          .whereNotNull('chain_position')
          .orderBy('chain_position', 'desc')
          .first('chain_position', 'seal');
      // In the order this sealer finds them committed: an event whose
      // transaction commits later is sealed by a later run.
      const rows: SealRow[] = await tx('pe_events')
        .whereNull('chain_position')
        .orderBy('seq')
        .limit(BATCH)
        .select(SEAL_COLUMNS);
      if (rows.length === 0) return 0;
      let position = tip ? Number(tip.chain_position) : 0;
      let seal = tip?.seal ?? GENESIS_SEAL;
      const seals = rows.map(row => {
        position += 1;
        seal = sealOf(seal, sealedForm(row, position, this.key));
        return { seq: Number(row.seq), position, seal };
      });
      await dialect.setSeals(tx, seals);
      await tx('pe_chain_heads').insert({
        position,
        seal,
        signature: this.key.sign(position, seal),
        signed_at: now,
      });
      return rows.length;
    });
  }

  async latestHead(): Promise<ChainHead | null> {
    const row: HeadRow | undefined = await this.db('pe_chain_heads')
      .orderBy('position', 'desc')
      .first();
    return row ? headOf(row) : null;
  }

  async verify(against?: ExportedHead): Promise<LedgerVerification> {
    const head = await this.latestHead();
    const unsealed = await this.db('pe_events')
      .whereNull('chain_position')
      .count({ n: '*' })
      .first();
    const { walked, mismatch } = await walkChain({
      key: this.key,
      events: pages(this.db, 'pe_events', 'chain_position', SEAL_COLUMNS),
      heads: storedHeads(this.db),
    });
    const checked = against ? await this.checkAgainst(against) : null;
    return {
      ok: mismatch === null && (checked?.matches ?? true),
      sealedEvents: walked,
      unsealedEvents: Number(unsealed?.n ?? 0),
      head,
      mismatch,
      against: checked,
    };
  }

  /** Whether the chain still has, at an exported head's position, its seal. */
  private async checkAgainst(h: ExportedHead) {
    const at = { position: h.position };
    if (!this.key.signed(h.position, h.seal, h.signature)) {
      return {
        ...at,
        matches: false,
        message: `The export's head at position ${h.position} is not signed with this portal's sealing key`,
      };
    }
    const row: { seal: string } | undefined = await this.db('pe_events')
      .where({ chain_position: h.position })
      .first('seal');
    if (!row) {
      return {
        ...at,
        matches: false,
        message: `The export's head is at position ${h.position}, which the chain no longer has`,
      };
    }
    if (row.seal !== h.seal) {
      return {
        ...at,
        matches: false,
        message: `The chain at position ${h.position} no longer has the seal the export recorded: something sealed before the export changed`,
      };
    }
    return {
      ...at,
      matches: true,
      message: `Nothing sealed up to position ${h.position} changed since the export`,
    };
  }
}
