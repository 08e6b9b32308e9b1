type Waiting<I, O> = {
  input: I;
  resolve: (output: O) => void;
  reject: (error: unknown) => void;
};

/**
 * Runs calls that arrive while the database is busy together, in one call of
 * `run`: many senders of single events then share one transaction and its
 * round trips instead of queueing for pool connections one by one.
 *
 * A call never waits for company: when a writer is free it runs at once. If a
 * group fails, each of its calls is retried alone, so one request's failure
 * is never another's.
 */
export class GroupCommit<I, O> {
  private readonly queue: Waiting<I, O>[] = [];
  private running = 0;

  constructor(
    private readonly options: {
      run: (inputs: I[]) => Promise<O[]>;
      /** Groups in flight at once; 1 for a database with a single writer. */
      maxConcurrent: number;
      /** Stop adding calls to a group once it holds this much. */
      maxGroupSize: number;
      sizeOf: (input: I) => number;
    },
  ) {}

  submit(input: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.queue.push({ input, resolve, reject });
      this.drain();
    });
  }

  private drain() {
    while (this.running < this.options.maxConcurrent && this.queue.length > 0) {
      const group = this.takeGroup();
      this.running += 1;
      this.runGroup(group).finally(() => {
        this.running -= 1;
        this.drain();
      });
    }
  }

  private takeGroup(): Waiting<I, O>[] {
    const group = [this.queue.shift()!];
    let size = this.options.sizeOf(group[0].input);
    while (this.queue.length > 0) {
      const next = this.options.sizeOf(this.queue[0].input);
      if (size + next > this.options.maxGroupSize) break;
      size += next;
      group.push(this.queue.shift()!);
    }
    return group;
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
