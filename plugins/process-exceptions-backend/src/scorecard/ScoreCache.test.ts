import { ScoreCache } from './ScoreCache';

describe('ScoreCache', () => {
  it('reuses a value until it expires or is cleared', async () => {
    let computed = 0;
    const compute = async () => ++computed;
    const cache = new ScoreCache<number>(60_000);
    expect(await cache.get('90d', compute)).toBe(1);
    expect(await cache.get('90d', compute)).toBe(1);
    expect(await cache.get('30d', compute)).toBe(2);
    cache.clear();
    expect(await cache.get('90d', compute)).toBe(3);
  });

  it('shares one computation between concurrent requests', async () => {
    let computed = 0;
    const cache = new ScoreCache<number>(60_000);
    const compute = () =>
      new Promise<number>(resolve => setTimeout(() => resolve(++computed), 5));
    const values = await Promise.all([
      cache.get('90d', compute),
      cache.get('90d', compute),
    ]);
    expect(values).toEqual([1, 1]);
  });

  it('computes every time when the time to live is 0, and never keeps a failure', async () => {
    let computed = 0;
    const off = new ScoreCache<number>(0);
    await off.get('90d', async () => ++computed);
    await off.get('90d', async () => ++computed);
    expect(computed).toBe(2);

    const cache = new ScoreCache<number>(60_000);
    await expect(
      cache.get('90d', () => Promise.reject(new Error('database down'))),
    ).rejects.toThrow('database down');
    expect(await cache.get('90d', async () => 42)).toBe(42);
  });
});
