import { correlationKeys, KeyedEvent } from './correlationKeys';
import { LedgerEvent } from './types';

/**
 * Splits one service's events into cases: events sharing a correlation key
 * belong together, and so, transitively, do their partners. Every exception
 * and finding derives from the events of one case, so evaluating the cases
 * one by one derives what evaluating the whole ledger does.
 */
export function splitIntoCases(events: LedgerEvent[]): LedgerEvent[][] {
  const parent = events.map((_, i) => i);
  const root = (start: number): number => {
    let i = start;
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]];
      i = parent[i];
    }
    return i;
  };
  const firstWithKey = new Map<string, number>();
  events.forEach((event, i) => {
    for (const key of correlationKeys(event as KeyedEvent, event.entityRef)) {
      const id = `${key.kind}\n${key.value}`;
      const other = firstWithKey.get(id);
      if (other === undefined) firstWithKey.set(id, i);
      else parent[root(i)] = root(other);
    }
  });
  const cases = new Map<number, LedgerEvent[]>();
  events.forEach((event, i) => {
    const r = root(i);
    const list = cases.get(r);
    if (list) list.push(event);
    else cases.set(r, [event]);
  });
  return [...cases.values()];
}
