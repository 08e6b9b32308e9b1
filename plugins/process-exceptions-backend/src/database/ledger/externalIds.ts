import { Knex } from 'knex';

/** The senders' ids of ledger events, by seq. */
export async function externalIdsOf(
  db: Knex,
  seqs: Iterable<number>,
): Promise<Map<number, string>> {
  const wanted = [...new Set(seqs)];
  const ids = new Map<number, string>();
  if (wanted.length === 0) return ids;
  for (const e of await db('pe_events')
    .whereIn('seq', wanted)
    .select('seq', 'external_id')) {
    ids.set(Number(e.seq), e.external_id);
  }
  return ids;
}
