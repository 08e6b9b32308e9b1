import { exceptionIdFor, findingIdFor } from './ids';

const UUID =
  /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('ids', () => {
  it('derives the same UUID-shaped id from the same key', () => {
    const key = 'hotfix:component:default/checkout:D-1';
    expect(exceptionIdFor(key)).toMatch(UUID);
    expect(exceptionIdFor(key)).toHaveLength(36);
    expect(exceptionIdFor(key)).toBe(exceptionIdFor(key));
    expect(findingIdFor(key)).toMatch(UUID);
  });

  it('keeps exception and finding ids of one key apart', () => {
    expect(exceptionIdFor('k')).not.toBe(findingIdFor('k'));
    expect(exceptionIdFor('k')).not.toBe(exceptionIdFor('k2'));
  });
});
