import { mapWithinBudget } from './mapWithinBudget';

/** Runs `weights` through mapWithinBudget, recording what ran together. */
async function run(weights: number[], limit: number, budget: number) {
  const running = new Set<number>();
  const together: number[][] = [];
  const results = await mapWithinBudget(
    weights.map((w, i) => ({ i, w })),
    { limit, budget, weightOf: item => item.w },
    async ({ i }) => {
      running.add(i);
      together.push([...running].sort());
      await new Promise(r => setTimeout(r, 5));
      running.delete(i);
      return i * 10;
    },
  );
  return { results, together };
}

describe('mapWithinBudget', () => {
  it('runs up to the limit at once while the weights fit the budget', async () => {
    const { results, together } = await run([1, 1, 1, 1], 2, 100);
    expect(results).toEqual([0, 10, 20, 30]);
    expect(Math.max(...together.map(t => t.length))).toBe(2);
  });

  it('runs an item heavier than the budget alone, and the rest around it', async () => {
    const { results, together } = await run([1, 500, 1, 1], 2, 100);
    expect(results).toEqual([0, 10, 20, 30]);
    const withHeavy = together.filter(t => t.includes(1));
    expect(withHeavy).toEqual([[1]]);
    expect(together).toContainEqual([2, 3]);
  });

  it('answers an empty list, and rejects with the first error', async () => {
    await expect(
      mapWithinBudget([], { limit: 2, budget: 1, weightOf: () => 1 }, fail),
    ).resolves.toEqual([]);
    await expect(
      mapWithinBudget(
        [1, 2],
        { limit: 2, budget: 10, weightOf: () => 1 },
        async n => {
          if (n === 2) throw new Error('no service 2');
          return n;
        },
      ),
    ).rejects.toThrow('no service 2');
  });
});

function fail(): Promise<never> {
  throw new Error('not called');
}
