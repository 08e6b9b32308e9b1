type Waiting<I, O> = {
  input: I;
  keys: string[];
  /** Groups started while this call had to wait for a key in use. */
  passedOver: number;
  resolve: (output: O) => void;
  reject: (error: unknown) => void;
};

/** A call waits behind at most this many groups before it goes first. */
const MAX_PASSED_OVER = 3;

/**
 * Runs calls that arrive while the database is busy together, in one call of
 * `run`: many senders of single events then share one transaction and its
 * round trips instead of queueing for pool connections one by one.
 *
 * Calls that share a key (the service they write to) never run in two groups
 * at once: they would only wait for each other's locks. A call whose key is
 * in use waits for the next group, keeping its order among calls of that key.
 *
 * With `overlapOne`, a group may start while a single other group runs even
 * if they share keys: `run` does the part that needs no lock (appending
 * events) while the other finishes, and only then waits for the other's
 * locks. When every call shares a key with the one before it (large batches
 * over the same services), the database and the backend then work at the
 * same time instead of in turns.
 *
 * While fewer than two groups run, a call never waits for company: it runs
 * at once. With `minCompany`, small calls arriving while two or more groups
 * run wait until enough of them do, or until a group ends. If a group fails,
 * each of its calls is retried alone, so one request's failure is never
 * another's.
 */
export class GroupCommit<I, O> {
  private readonly queue: Waiting<I, O>[] = [];
  private readonly keysInUse = new Map<string, number>();
  /** The size of each group in flight. */
  private readonly runningSizes: number[] = [];

  constructor(
    private readonly options: {
      run: (inputs: I[]) => Promise<O[]>;
      /** Groups in flight at once; 1 for a database with a single writer. */
      maxConcurrent: number;
      /** Stop adding calls to a group once it holds this much. */
      maxGroupSize: number;
      sizeOf: (input: I) => number;
      keysOf: (input: I) => string[];
      /** Let a group share keys with the only other group in flight. */
      overlapOne?: boolean;
      /**
       * With two groups or more in flight, start another only once this
       * much waits, or when every group in flight is at least this large.
       */
      minCompany?: number;
    },
  ) {}

  submit(input: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      const keys = [...new Set(this.options.keysOf(input))];
      this.queue.push({ input, keys, passedOver: 0, resolve, reject });
      this.drain();
    });
  }

  private get running(): number {
    return this.runningSizes.length;
  }

  private drain() {
    while (
      this.running < this.options.maxConcurrent &&
      this.queue.length > 0 &&
      this.worthStarting()
    ) {
      const mayOverlap = Boolean(this.options.overlapOne) && this.running === 1;
      const group = this.takeGroup(mayOverlap);
      if (group.length === 0) return; // everything waits for a key in use
      const size = this.sizeOfGroup(group);
      this.runningSizes.push(size);
      this.use(group, 1);
      this.runGroup(group).finally(() => {
        this.runningSizes.splice(this.runningSizes.indexOf(size), 1);
        this.use(group, -1);
        this.drain();
      });
    }
  }

  /**
   * Every group costs the same round trips whatever its size, so a trickle
   * of small calls split over many groups costs more per call than it gains
   * in parallelism: beyond two groups in flight, small calls wait for
   * company. Large groups in flight (batches) never hold them back.
   */
  private worthStarting(): boolean {
    const { minCompany } = this.options;
    if (!minCompany || this.running < 2) return true;
    return (
      this.sizeOfGroup(this.queue) >= minCompany ||
      this.runningSizes.every(size => size >= minCompany)
    );
  }

  private sizeOfGroup(calls: Waiting<I, O>[]): number {
    return calls.reduce((n, w) => n + this.options.sizeOf(w.input), 0);
  }

  private use(group: Waiting<I, O>[], delta: number) {
    for (const key of group.flatMap(w => w.keys)) {
      const n = (this.keysInUse.get(key) ?? 0) + delta;
      if (n > 0) this.keysInUse.set(key, n);
      else this.keysInUse.delete(key);
    }
  }

  /** Takes calls in arrival order, skipping those whose keys are in use. */
  private takeGroup(mayOverlap: boolean): Waiting<I, O>[] {
    const head = this.queue[0];
    const blockedByUse = (keys: string[]) =>
      !mayOverlap && this.conflicts(keys);
    if (head.passedOver >= MAX_PASSED_OVER && blockedByUse(head.keys)) {
      return []; // nothing overtakes it any more; it runs when its keys free up
    }
    const group: Waiting<I, O>[] = [];
    const skippedKeys = new Set<string>();
    let size = 0;
    for (let i = 0; i < this.queue.length; ) {
      const w = this.queue[i];
      const blocked =
        blockedByUse(w.keys) || w.keys.some(k => skippedKeys.has(k));
      const next = this.options.sizeOf(w.input);
      if (
        blocked ||
        (group.length > 0 && size + next > this.options.maxGroupSize)
      ) {
        // Later calls of the same keys wait too, so each key keeps its order.
        w.keys.forEach(k => skippedKeys.add(k));
        w.passedOver += 1;
        i += 1;
        continue;
      }
      group.push(w);
      size += next;
      this.queue.splice(i, 1);
      if (size >= this.options.maxGroupSize) break;
    }
    return group;
  }

  private conflicts(keys: string[]): boolean {
    return keys.some(k => this.keysInUse.has(k));
  }

  private async runGroup(group: Waiting<I, O>[]): Promise<void> {
    try {
      const outputs = await this.options.run(group.map(w => w.input));
      group.forEach((w, i) => w.resolve(outputs[i]));
    } catch (error) {
      if (group.length === 1) {
        group[0].reject(error);
        return;
      }
      for (const w of group) {
        await this.options.run([w.input]).then(([o]) => w.resolve(o), w.reject);
      }
    }
  }
}
