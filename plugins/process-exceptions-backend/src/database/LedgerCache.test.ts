import { LedgerEvent } from '../rules/types';
import { LedgerCache } from './LedgerCache';

function ledger(entityRef: string, length: number): LedgerEvent[] {
  return Array.from({ length }, (_, i) => ({
    seq: i + 1,
    externalId: `${entityRef}-${i}`,
    type: 'incident.resolved',
    occurredAt: new Date(Date.UTC(2026, 10, 24, 10, i)),
    actor: null,
    entityRef,
    data: { incidentId: 'INC-1' },
  }));
}

describe('LedgerCache', () => {
  it('gives back the ledger last kept for an entity', () => {
    const cache = new LedgerCache(100);
    const first = ledger('a', 2);
    const grown = ledger('a', 3);
    cache.keep(new Map([['a', first]]));
    expect(cache.get('a')).toBe(first);
    cache.keep(new Map([['a', grown]]));
    expect(cache.get('a')).toBe(grown);
    expect(cache.get('b')).toBeUndefined();
    expect(cache.size).toBe(3);
  });

  it('makes room by forgetting the entities used longest ago', () => {
    const cache = new LedgerCache(10);
    cache.keep(
      new Map([
        ['a', ledger('a', 4)],
        ['b', ledger('b', 4)],
      ]),
    );
    cache.get('a'); // now b is the one used longest ago
    cache.keep(new Map([['c', ledger('c', 4)]]));
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toHaveLength(4);
    expect(cache.get('c')).toHaveLength(4);
    expect(cache.size).toBe(8);
  });

  it('keeps neither empty ledgers nor one larger than the whole cache', () => {
    const cache = new LedgerCache(5);
    cache.keep(
      new Map([
        ['empty', []],
        ['huge', ledger('huge', 6)],
      ]),
    );
    expect(cache.get('empty')).toBeUndefined();
    expect(cache.get('huge')).toBeUndefined();
    expect(cache.size).toBe(0);
    expect(new LedgerCache(0).size).toBe(0);
  });

  it('lets a claim on an entity wait until the earlier claim on it ends', async () => {
    const cache = new LedgerCache(10);
    const order: string[] = [];
    const first = await cache.claim(['a', 'b']);
    const second = cache.claim(['b', 'c']).then(claim => {
      order.push('second claimed');
      return claim;
    });
    const unrelated = await cache.claim(['d']);
    order.push('unrelated claimed');
    await new Promise(resolve => setImmediate(resolve));
    expect(order).toEqual(['unrelated claimed']);

    first.release();
    (await second).release();
    expect(order).toEqual(['unrelated claimed', 'second claimed']);
    unrelated.release();
    // Every claim has ended: a new one waits for none.
    const again = await cache.claim(['a', 'b', 'c', 'd']);
    again.release();
  });
});
