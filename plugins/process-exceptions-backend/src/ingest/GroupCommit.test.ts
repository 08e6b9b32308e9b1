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

describe('GroupCommit', () => {
  it('runs a call at once when a writer is free', async () => {
    const { calls, run } = controlledRun();
    const groups = new GroupCommit({
      run,
      maxConcurrent: 1,
      maxGroupSize: 10,
      sizeOf: () => 1,
    });
    const first = groups.submit(1);
    expect(calls.map(c => c.inputs)).toEqual([[1]]);
    calls[0].release();
    await expect(first).resolves.toBe('done 1');
  });

  it('runs the calls that waited for a busy writer together, up to the group size', async () => {
    const { calls, run } = controlledRun();
    const groups = new GroupCommit({
      run,
      maxConcurrent: 1,
      maxGroupSize: 3,
      sizeOf: () => 1,
    });
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
    const groups = new GroupCommit({
      run,
      maxConcurrent: 2,
      maxGroupSize: 10,
      sizeOf: () => 1,
    });
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
    const groups = new GroupCommit({
      run,
      maxConcurrent: 1,
      maxGroupSize: 10,
      sizeOf: () => 1,
    });
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
    const groups = new GroupCommit({
      run,
      maxConcurrent: 1,
      maxGroupSize: 5,
      sizeOf: i => i,
    });
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
});
