import { levelsOff } from './stats';

describe('levelsOff', () => {
  it('takes a garbage collector sawtooth for level memory', () => {
    // Peaks between collections, each higher than the one before, on a flat floor.
    const samples = [500, 900, 600, 600, 800, 600, 600, 600, 950, 600];
    expect(levelsOff(samples).ok).toBe(true);
  });

  it('takes a rising floor for growth', () => {
    const samples = [500, 550, 600, 650, 700, 750, 800, 850, 900, 950];
    expect(levelsOff(samples)).toEqual(
      expect.objectContaining({
        ok: false,
        middleMedian: 700,
        lastMedian: 850,
      }),
    );
  });

  it('needs at least six samples to tell', () => {
    expect(levelsOff([500, 500, 500]).ok).toBe(false);
  });
});
