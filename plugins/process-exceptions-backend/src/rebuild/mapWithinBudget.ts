/**
 * `fn` over `items` in order, results in order, with at most `limit` calls
 * in flight whose weights add up to at most `budget`; an item heavier than
 * the budget runs alone. Rejects with the first error.
 */
export function mapWithinBudget<T, R>(
  items: T[],
  options: { limit: number; budget: number; weightOf: (item: T) => number },
  fn: (item: T) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  if (items.length === 0) return Promise.resolve(results);
  const limit = Math.max(1, options.limit);
  const weights = items.map(options.weightOf);
  const state = { next: 0, inFlight: 0, weight: 0, done: 0 };
  const fits = () =>
    state.inFlight === 0 ||
    state.weight + weights[state.next] <= options.budget;
  return new Promise((resolve, reject) => {
    const startMore = () => {
      while (state.next < items.length && state.inFlight < limit && fits()) {
        const i = state.next++;
        state.inFlight += 1;
        state.weight += weights[i];
        fn(items[i]).then(result => {
          results[i] = result;
          state.inFlight -= 1;
          state.weight -= weights[i];
          state.done += 1;
          if (state.done === items.length) resolve(results);
          else startMore();
        }, reject);
      }
    };
    startMore();
  });
}
