import { GroupCommit } from './GroupCommit';

/** A `run` whose calls stay pending until the test releases them. */
function controlledRun() {
  const calls: Array<{ inputs: number[]; release: () => void }> = [];
  const run = (inputs: number[]) =>
    new Promise<string[]>((resolve, reject) => {
      calls.push({
        inputs,
        release: () =>
          inputs.includes(13)
            ? reject(new Error('unlucky'))
            : resolve(inputs.map(i => `done ${i}`)),
      });
    });
  return { calls, run };
}

const flush = () => new Promise(resolve => setImmediate(resolve));

/** One writer, groups of up to 10 calls of size 1, no keys: unless overridden. */
function groupsFor(
  run: (inputs: number[]) => Promise<string[]>,
  options: Partial<
    ConstructorParameters<typeof GroupCommit<number, string>>[0]
  > = {},
) {
  return new GroupCommit<number, string>({
    run,
    maxConcurrent: 1,
    maxGroupSize: 10,
    sizeOf: () => 1,
    keysOf: () => [],
    ...options,
  });
}

describe('GroupCommit', () => {
  it('runs a call at once when a writer is free', async () => {
    const { calls, run } = controlledRun();
    const groups = groupsFor(run);
    const first = groups.submit(1);
    expect(calls.map(c => c.inputs)).toEqual([[1]]);
    calls[0].release();
    await expect(first).resolves.toBe('done 1');
  });

  it('runs the calls that waited for a busy writer together, up to the group size', async () => {
    const { calls, run } = controlledRun();
    const groups = groupsFor(run, { maxGroupSize: 3 });
    const results = [1, 2, 3, 4, 5].map(i => groups.submit(i));
    expect(calls.map(c => c.inputs)).toEqual([[1]]);
    calls[0].release();
    await flush();
    expect(calls.map(c => c.inputs)).toEqual([[1], [2, 3, 4]]);
    calls[1].release();
    await flush();
    calls[2].release();
    await expect(Promise.all(results)).resolves.toEqual([
      'done 1',
      'done 2',
      'done 3',
      'done 4',
      'done 5',
    ]);
    expect(calls.map(c => c.inputs)).toEqual([[1], [2, 3, 4], [5]]);
  });

  it('keeps up to maxConcurrent groups in flight', async () => {
    const { calls, run } = controlledRun();
    const groups = groupsFor(run, { maxConcurrent: 2 });
    const results = [1, 2, 3].map(i => groups.submit(i));
    expect(calls.map(c => c.inputs)).toEqual([[1], [2]]);
    calls[1].release();
    await flush();
    expect(calls.map(c => c.inputs)).toEqual([[1], [2], [3]]);
    calls[0].release();
    calls[2].release();
    await expect(Promise.all(results)).resolves.toHaveLength(3);
  });

  it('retries each call of a failed group alone, so only the failing call fails', async () => {
    const { calls, run } = controlledRun();
    const groups = groupsFor(run);
    const first = groups.submit(1);
    const settled = Promise.allSettled([12, 13, 14].map(i => groups.submit(i)));
    calls[0].release();
    await first;
    await flush();
    expect(calls[1].inputs).toEqual([12, 13, 14]);
    calls[1].release(); // the group fails because of 13
    for (let i = 2; i < 5; i++) {
      await flush();
      calls[i].release();
    }
    expect((await settled).map(s => s.status)).toEqual([
      'fulfilled',
      'rejected',
      'fulfilled',
    ]);
    expect(calls.slice(2).map(c => c.inputs)).toEqual([[12], [13], [14]]);
  });

  it('never splits a call, even one larger than the group size', async () => {
    const { calls, run } = controlledRun();
    const groups = groupsFor(run, { maxGroupSize: 5, sizeOf: i => i });
    const results = [1, 9, 2].map(i => groups.submit(i));
    calls[0].release();
    await flush();
    expect(calls[1].inputs).toEqual([9]);
    calls[1].release();
    await flush();
    expect(calls[2].inputs).toEqual([2]);
    calls[2].release();
    await expect(Promise.all(results)).resolves.toEqual([
      'done 1',
      'done 9',
      'done 2',
    ]);
  });

  it('never runs two groups writing the same key at once, and keeps their order', async () => {
    const { calls, run } = controlledRun();
    const groups = groupsFor(run, {
      maxConcurrent: 3,
      keysOf: (i: number) => [i < 10 ? 'payments' : 'checkout'],
    });
    const results = [1, 2, 11, 3].map(i => groups.submit(i));
    // 2 and 3 wait for 1 (same service); 11 does not.
    expect(calls.map(c => c.inputs)).toEqual([[1], [11]]);
    calls[0].release();
    await flush();
    expect(calls.map(c => c.inputs)).toEqual([[1], [11], [2, 3]]);
    calls[1].release();
    calls[2].release();
    await expect(Promise.all(results)).resolves.toHaveLength(4);
  });

  it('with overlapOne, starts a group that shares keys with the only one in flight, never a third', async () => {
    const { calls, run } = controlledRun();
    const groups = groupsFor(run, {
      maxConcurrent: 3,
      keysOf: () => ['payments'],
      overlapOne: true,
    });
    const results = [1, 2, 3].map(i => groups.submit(i));
    // 2 overlaps 1; 3 waits while two groups hold the key.
    expect(calls.map(c => c.inputs)).toEqual([[1], [2]]);
    calls[0].release();
    await flush();
    expect(calls.map(c => c.inputs)).toEqual([[1], [2], [3]]);
    calls[1].release();
    calls[2].release();
    await expect(Promise.all(results)).resolves.toEqual([
      'done 1',
      'done 2',
      'done 3',
    ]);
  });

  it('stops letting others overtake a call that waited behind three groups', async () => {
    const { calls, run } = controlledRun();
    const groups = groupsFor(run, {
      maxConcurrent: 2,
      maxGroupSize: 1,
      keysOf: (i: number) => (i === 1 || i === 2 ? ['shared'] : [`own-${i}`]),
    });
    const results = [1, 2, 3, 4, 5, 6].map(i => groups.submit(i));
    // 2 waits for 1; 3 and then 4 overtake it.
    expect(calls.map(c => c.inputs)).toEqual([[1], [3]]);
    calls[1].release();
    await flush();
    expect(calls.map(c => c.inputs)).toEqual([[1], [3], [4]]);
    // Passed over three times now: 5 and 6 wait behind it.
    calls[2].release();
    await flush();
    expect(calls).toHaveLength(3);
    calls[0].release();
    await flush();
    expect(calls.map(c => c.inputs).slice(3)).toEqual([[2], [5]]);
    calls[3].release();
    calls[4].release();
    await flush();
    calls[5].release();
    await expect(Promise.all(results)).resolves.toHaveLength(6);
  });

  it('with minCompany, holds small calls back while two groups run, until enough wait or one ends', async () => {
    const { calls, run } = controlledRun();
    const groups = groupsFor(run, { maxConcurrent: 5, minCompany: 3 });
    const results = [1, 2, 3, 4].map(i => groups.submit(i));
    // Two in flight; 3 and 4 are too few to be worth a third transaction.
    expect(calls.map(c => c.inputs)).toEqual([[1], [2]]);
    results.push(groups.submit(5));
    expect(calls.map(c => c.inputs)).toEqual([[1], [2], [3, 4, 5]]);
    results.push(groups.submit(6));
    calls[0].release();
    await flush();
    expect(calls).toHaveLength(3); // still two in flight
    calls[1].release();
    await flush();
    // Only one in flight now, so 6 goes without company.
    expect(calls.map(c => c.inputs)).toEqual([[1], [2], [3, 4, 5], [6]]);
    calls.slice(2).forEach(c => c.release());
    await expect(Promise.all(results)).resolves.toHaveLength(6);
  });

  it('with minCompany, never holds a small call back behind large groups', async () => {
    const { calls, run } = controlledRun();
    // Each call's size is its value: 10 and 20 are batches.
    const groups = groupsFor(run, {
      maxConcurrent: 5,
      maxGroupSize: 100,
      minCompany: 3,
      sizeOf: i => i,
    });
    const results = [groups.submit(10)];
    results.push(groups.submit(20)); // arrives while 10 runs: its own group
    results.push(groups.submit(1));
    expect(calls.map(c => c.inputs)).toEqual([[10], [20], [1]]);
    calls.forEach(c => c.release());
    await expect(Promise.all(results)).resolves.toHaveLength(3);
  });
});
