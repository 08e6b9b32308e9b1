import { createHmac } from 'crypto';
import { verifyHmacSha256, verifySharedSecret } from './verifySignature';

// The example from GitHub's "Validating webhook deliveries" documentation.
const secret = "It's a Secret to Everybody";
const rawBody = Buffer.from('Hello, World!');
const githubSignature =
  'sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17';

describe('verifyHmacSha256', () => {
  it('accepts GitHub’s documented example', () => {
    expect(
      verifyHmacSha256({
        secret,
        rawBody,
        signature: githubSignature,
        prefix: 'sha256=',
      }),
    ).toBe(true);
  });

  it('accepts a bare hex signature (LaunchDarkly, Flagsmith), in any case', () => {
    const hex = createHmac('sha256', 'ld-secret').update(rawBody).digest('hex');
    expect(
      verifyHmacSha256({ secret: 'ld-secret', rawBody, signature: hex }),
    ).toBe(true);
    expect(
      verifyHmacSha256({
        secret: 'ld-secret',
        rawBody,
        signature: hex.toUpperCase(),
      }),
    ).toBe(true);
  });

  it.each([
    ['a wrong signature', { signature: `sha256=${'0'.repeat(64)}` }],
    ['a missing signature', { signature: undefined }],
    ['an empty signature', { signature: '' }],
    ['a shorter signature', { signature: githubSignature.slice(0, -2) }],
    ['a longer signature', { signature: `${githubSignature}00` }],
    ['a signature without its prefix', { signature: githubSignature.slice(7) }],
    ['an altered body', { rawBody: Buffer.from('Hello, World?') }],
    ['another secret', { secret: 'guess' }],
    ['an empty secret', { secret: '' }],
  ])('rejects %s', (_, change) => {
    expect(
      verifyHmacSha256({
        secret,
        rawBody,
        signature: githubSignature,
        prefix: 'sha256=',
        ...change,
      }),
    ).toBe(false);
  });

  it('checks the raw bytes, not the parsed JSON', () => {
    const raw = Buffer.from('{"a": 1}');
    const hex = createHmac('sha256', secret).update(raw).digest('hex');
    const reserialised = Buffer.from(
      JSON.stringify(JSON.parse(raw.toString())),
    );
    expect(verifyHmacSha256({ secret, rawBody: raw, signature: hex })).toBe(
      true,
    );
    expect(
      verifyHmacSha256({ secret, rawBody: reserialised, signature: hex }),
    ).toBe(false);
  });
});

describe('verifySharedSecret', () => {
  it.each(['Bearer s3cret-token', 'bearer s3cret-token', 's3cret-token'])(
    'accepts %s',
    actual => {
      expect(verifySharedSecret({ expected: 's3cret-token', actual })).toBe(
        true,
      );
    },
  );

  it.each([
    ['a wrong secret', 'Bearer s3cret-tokem'],
    ['a shorter secret', 'Bearer s3cret'],
    ['a longer secret', 's3cret-token-and-more'],
    ['a missing header', undefined],
    ['an empty header', ''],
  ])('rejects %s', (_, actual) => {
    expect(verifySharedSecret({ expected: 's3cret-token', actual })).toBe(
      false,
    );
  });

  it('never accepts when no secret is configured', () => {
    expect(verifySharedSecret({ expected: '', actual: '' })).toBe(false);
    expect(verifySharedSecret({ expected: '', actual: 'Bearer ' })).toBe(false);
  });
});
