import { LedgerEvent } from '../../rules/types';
import { ServiceKey } from '../dialect/SqlDialect';
import { queryRows, StoreTx } from '../sql/queryRows';
import { seedKeysStatement, sharingKeysStatement } from './eventKeys';
import { groupEvents, LedgerRow } from './ledgerRows';

type KeyRow = ServiceKey & { event_seq: number | string };

/**
 * The events of the cases `seeds` belong to, by entity, in ledger order
 * (see rules/cases.ts). Walks the index out from the seeds' keys, one round
 * trip per step, until no event brings a key not seen yet: each step is a
 * plain indexed lookup, whose plan does not depend on guessing how far a
 * recursive query spreads.
 */
export async function loadCases(
  s: StoreTx,
  seeds: number[],
): Promise<Map<string, LedgerEvent[]>> {
  if (seeds.length === 0) return new Map();
  const seqs = new Set(seeds);
  const seen = new Set<string>();
  const unseen = (rows: KeyRow[]) =>
    rows.filter(r => {
      seqs.add(Number(r.event_seq));
      const id = `${r.entity_ref}\u0000${r.kind}\u0000${r.value_digest}`;
      if (seen.has(id)) return false;
      seen.add(id);
      return true;
    });
  let frontier = unseen(
    await queryRows<KeyRow>(s, seedKeysStatement(s.dialect, seeds)),
  );
  while (frontier.length > 0) {
    frontier = unseen(
      await queryRows<KeyRow>(s, sharingKeysStatement(s.dialect, frontier)),
    );
  }
  const events = await queryRows<LedgerRow>(s, {
    sql: `select seq, external_id, type, occurred_at, actor, entity_ref, data
          from pe_events where seq ${s.dialect.anyOf()} and entity_ref is not null
          order by entity_ref, occurred_at, seq`,
    bindings: [s.dialect.list([...seqs])],
  });
  return groupEvents(events);
}
