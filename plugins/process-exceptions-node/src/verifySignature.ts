import { createHmac, timingSafeEqual } from 'crypto';

/** Constant-time equality of two byte strings; unequal lengths are unequal. */
function sameBytes(a: Buffer, b: Buffer): boolean {
  // Lengths are not secret (a signature's length is public), so returning
  // early on them leaks nothing; timingSafeEqual throws on unequal lengths.
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Checks an HMAC-SHA256 webhook signature over the raw request bytes (never
 * the re-serialised JSON, which differs in whitespace and key order):
 *
 * - GitHub `X-Hub-Signature-256: sha256=<hex>` (pass `prefix: 'sha256='`)
 * - LaunchDarkly `X-LD-Signature: <hex>`
 * - Flagsmith `X-Flagsmith-Signature: <hex>`
 *
 * A missing signature, a missing prefix or an empty secret is false: an empty
 * key signs anything for anyone.
 *
 * @public
 */
export function verifyHmacSha256(options: {
  secret: string;
  rawBody: Buffer;
  signature: string | undefined;
  prefix?: 'sha256=';
}): boolean {
  const { secret, rawBody, signature, prefix = '' } = options;
  if (!secret || !signature) return false;
  const given = signature.trim();
  if (!given.startsWith(prefix)) return false;
  const expected = createHmac('sha256', secret).update(rawBody).digest('hex');
  // Hex is case-insensitive; our digest is lower-case.
  return sameBytes(
    Buffer.from(given.slice(prefix.length).toLowerCase(), 'utf8'),
    Buffer.from(expected, 'utf8'),
  );
}

/**
 * Checks a shared secret sent as `Bearer <secret>` or as the bare secret: the
 * Unleash webhook's Authorization header, a CDEvents sender's bearer token.
 * An empty expected secret is false, never "no secret needed".
 *
 * @public
 */
export function verifySharedSecret(options: {
  expected: string;
  actual: string | undefined;
}): boolean {
  const { expected, actual } = options;
  if (!expected || !actual) return false;
  const bearer = /^bearer\s+/i.exec(actual);
  const token = bearer ? actual.slice(bearer[0].length) : actual;
  const want = Buffer.from(expected, 'utf8');
  // The bare form also admits a secret that itself starts with "Bearer ".
  const plain = sameBytes(Buffer.from(actual, 'utf8'), want);
  const stripped = sameBytes(Buffer.from(token.trim(), 'utf8'), want);
  return plain || stripped;
}
