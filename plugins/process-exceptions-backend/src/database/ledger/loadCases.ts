import { LedgerEvent } from '../../rules/types';
import { Cases, StoredRows } from '../ExceptionStore';
import { ServiceKey } from '../dialect/SqlDialect';
import { compareText } from '../sql/conversions';
import { queryRows, StoreTx } from '../sql/queryRows';
import { serviceKeysOf, SharingRow, sharingEventsStatement } from './eventKeys';
import { ledgerEventOf } from './ledgerRows';

/** Events in ledger order: by service, then when they happened. */
function inLedgerOrder(a: LedgerEvent, b: LedgerEvent): number {
  return (
    compareText(a.entityRef, b.entityRef) ||
    a.occurredAt.getTime() - b.occurredAt.getTime() ||
    a.seq - b.seq
  );
}

/**
 * The events of the cases the mapped events `seeds` belong to, by entity,
 * in ledger order (see rules/cases.ts), and what is stored of what they
 * can derive. Walks the index out from the seeds'
 * keys, one round trip per step that also reads the events it reaches,
 * until no event brings a key not seen yet: each step is a plain indexed
 * lookup, whose plan does not depend on guessing how far a recursive query
 * spreads.
 */
export async function loadCases(
  s: StoreTx,
  seeds: LedgerEvent[],
): Promise<Cases> {
  const events = new Map(seeds.map(e => [e.seq, e]));
  const stored: StoredRows = { exceptions: new Map(), findings: new Map() };
  const seen = new Set<string>();
  const unseen = (keys: ServiceKey[]) =>
    keys.filter(k => {
      const id = `${k.entity_ref}\u0000${k.kind}\u0000${k.value_digest}`;
      if (seen.has(id)) return false;
      seen.add(id);
      return true;
    });
  let frontier = unseen(serviceKeysOf(seeds));
  while (frontier.length > 0) {
    const rows = await queryRows<SharingRow>(
      s,
      sharingEventsStatement(s.dialect, frontier, [...events.keys()]),
    );
    const keys: ServiceKey[] = [];
    for (const row of rows) {
      if (row.part === 'k') keys.push(row);
      else if (row.part === 'e')
        events.set(Number(row.seq), ledgerEventOf(row));
      else if (row.part === 'x') stored.exceptions.set(row.id, row.fingerprint);
      else stored.findings.set(row.id, row.fingerprint);
    }
    frontier = unseen(keys);
  }
  const byEntity = new Map<string, LedgerEvent[]>();
  for (const e of [...events.values()].sort(inLedgerOrder)) {
    const list = byEntity.get(e.entityRef) ?? [];
    if (list.length === 0) byEntity.set(e.entityRef, list);
    list.push(e);
  }
  return { events: byEntity, stored };
}
