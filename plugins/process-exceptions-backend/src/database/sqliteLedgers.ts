import { Knex } from 'knex';
import { chunk } from './conversions';
import { groupEvents, LedgerCounts, LedgerRow } from './ledgerRows';

/** Ids per `in (…)` list on SQLite, under its bind-parameter limit. */
export const IDS_PER_STATEMENT = 1000;

/**
 * SQLite's side of loadEntityEvents: counts the rows of the ledgers in
 * `check`, then reads those of `read` and of every counted ledger that is
 * not as long as expected, but the events `skip`.
 */
export async function loadSqliteLedgers(
  tx: Knex.Transaction,
  read: string[],
  check: LedgerCounts,
  skip: Set<number>,
) {
  const stale = new Set(read);
  const expected = new Map(
    check.entityRefs.map((ref, i) => [ref, check.counts[i]]),
  );
  for (const refs of chunk(check.entityRefs, IDS_PER_STATEMENT)) {
    const counted = new Map<string, number>();
    const rows: Array<{ entity_ref: string; n: number | string }> = await tx(
      'pe_events',
    )
      .whereIn('entity_ref', refs)
      .groupBy('entity_ref')
      .select('entity_ref', tx.raw('count(*) as n'));
    for (const row of rows) counted.set(row.entity_ref, Number(row.n));
    for (const ref of refs) {
      if ((counted.get(ref) ?? 0) !== expected.get(ref)) stale.add(ref);
    }
  }
  let rows: LedgerRow[] = [];
  for (const refs of chunk([...stale], IDS_PER_STATEMENT)) {
    rows = rows.concat(
      await tx('pe_events')
        .whereIn('entity_ref', refs)
        .orderBy([
          { column: 'entity_ref', order: 'asc' },
          { column: 'occurred_at', order: 'asc' },
          { column: 'seq', order: 'asc' },
        ])
        .select(
          'seq',
          'external_id',
          'type',
          'occurred_at',
          'actor',
          'entity_ref',
          'data',
        ),
    );
  }
  return {
    ledgers: groupEvents(rows.filter(r => !skip.has(Number(r.seq)))),
    stale,
  };
}
