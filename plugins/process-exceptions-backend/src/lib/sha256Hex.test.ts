import { createHash } from 'crypto';
import { sha256Hex } from './sha256Hex';

describe('sha256Hex', () => {
  it('is the SHA-256 of the UTF-8 text, in hex', () => {
    expect(sha256Hex('abc')).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
    const text = 'Hotfix für INC-42 — ✓';
    expect(sha256Hex(text)).toBe(
      createHash('sha256').update(text, 'utf8').digest('hex'),
    );
  });
});
