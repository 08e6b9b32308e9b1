import { levelsOff } from './stats';

describe('levelsOff', () => {
  it('takes a garbage collector sawtooth for level memory', () => {
    // A warm-up peak, then minutes of growth that the collector returns
    // late in the run: the last third peaks above the middle one, not above
    // what came before.
    const samples = [1100, 450, 500, 550, 600, 640, 700, 750, 450, 460];
    expect(levelsOff(samples).ok).toBe(true);
  });

  it('takes a rising floor for growth', () => {
    const samples = [500, 550, 600, 650, 700, 750, 800, 850, 900, 950];
    expect(levelsOff(samples)).toEqual({
      ok: false,
      earlierPeak: 750,
      lastPeak: 950,
    });
  });

  it('needs at least six samples to tell', () => {
    expect(levelsOff([500, 500, 500]).ok).toBe(false);
  });
});
