/**
 * Reuses a computed scorecard for a short while: it aggregates every
 * exception of the fleet, and a team lead's page asks for it again and
 * again. Any write on this replica clears it; writes on other replicas show
 * after at most `ttlMs`. Concurrent requests for the same key share one
 * computation.
 */
export class ScoreCache<T> {
  private readonly entries = new Map<
    string,
    { value: Promise<T>; until: number }
  >();

  constructor(private readonly ttlMs: number) {}

  get(key: string, compute: () => Promise<T>): Promise<T> {
    if (this.ttlMs <= 0) return compute();
    const now = Date.now();
    const hit = this.entries.get(key);
    if (hit && hit.until > now) return hit.value;
    const value = compute();
    this.entries.set(key, { value, until: now + this.ttlMs });
    // A failed computation is not kept.
    value.catch(() => {
      if (this.entries.get(key)?.value === value) this.entries.delete(key);
    });
    return value;
  }

  clear(): void {
    this.entries.clear();
  }
}
