import { Config } from '@backstage/config';
import { createHmac, timingSafeEqual } from 'crypto';

/** The shortest key accepted: a key as hard to guess as the digests it makes. */
const MIN_KEY_LENGTH = 32;

/** What a chain head's signature covers; `v1` names this form. */
const headText = (position: number, seal: string) =>
  `process-exceptions chain head v1 ${position} ${seal}`;

const hmacHex = (key: Buffer, text: string) =>
  createHmac('sha256', key).update(text, 'utf8').digest('hex');

/**
 * The configured key of the ledger's seals, in its two uses: the keyed
 * digests that stand for personal fields in the sealed form, and the
 * signatures of chain heads. Each use has its own key derived from the
 * configured one, so neither output helps forge the other.
 */
export class SealingKey {
  private readonly digestKey: Buffer;
  private readonly headKey: Buffer;

  constructor(secret: string) {
    const derive = (use: string) =>
      createHmac('sha256', secret).update(use, 'utf8').digest();
    this.digestKey = derive('process-exceptions personal field digest');
    this.headKey = derive('process-exceptions chain head signature');
  }

  /** A personal value as it enters the sealed form. */
  digest(value: string): string {
    return `hmac-sha256:${hmacHex(this.digestKey, value)}`;
  }

  sign(position: number, seal: string): string {
    return hmacHex(this.headKey, headText(position, seal));
  }

  /** True when `signature` is this key's signature of the head. */
  signed(position: number, seal: string, signature: string): boolean {
    const expected = Buffer.from(this.sign(position, seal), 'hex');
    const given = Buffer.from(signature, 'hex');
    return given.length === expected.length && timingSafeEqual(given, expected);
  }
}

/**
 * The key of `processExceptions.ledger.sealingKey`, or undefined (sealing
 * off) when it is not set.
 */
export function readSealingKey(config: Config): SealingKey | undefined {
  const secret = config.getOptionalString(
    'processExceptions.ledger.sealingKey',
  );
  if (secret === undefined) return undefined;
  if (secret.length < MIN_KEY_LENGTH) {
    throw new Error(
      `processExceptions.ledger.sealingKey must be at least ${MIN_KEY_LENGTH} characters`,
    );
  }
  return new SealingKey(secret);
}
