import { verifyHmacSha256, verifySharedSecret } from '../verifySignature';
import { WebhookSettings } from './readWebhookSettings';
import { WebhookSource } from './webhookSources';

/**
 * A delivery's HTTP headers, names in lower case (as Node.js gives them).
 *
 * @public
 */
export type DeliveryHeaders = Record<string, string | string[] | undefined>;

const header = (headers: DeliveryHeaders, name: string) => {
  const value = headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
};

/** The sources that sign the body with HMAC-SHA256, and where. */
const SIGNATURES: Partial<
  Record<WebhookSource, { header: string; prefix?: 'sha256=' }>
> = {
  github: { header: 'x-hub-signature-256', prefix: 'sha256=' },
  launchdarkly: { header: 'x-ld-signature' },
  flagsmith: { header: 'x-flagsmith-signature' },
};

/**
 * How a source's deliveries are checked: an HMAC-SHA256 signature over the
 * body in `header`, a shared secret sent as is (Unleash; CDEvents as a
 * bearer), or nothing (no secret, unsigned deliveries allowed).
 *
 * @public
 */
export type DeliveryCheck =
  | { verification: 'hmac-sha256'; header: string }
  | { verification: 'shared-secret' }
  | { verification: 'unsigned' };

/**
 * The check {@link verifyDelivery} applies to a source's deliveries.
 *
 * @public
 */
export function deliveryCheck(
  source: WebhookSource,
  settings: WebhookSettings,
): DeliveryCheck {
  if (!settings.secrets[source]) return { verification: 'unsigned' };
  const signature = SIGNATURES[source];
  return signature
    ? { verification: 'hmac-sha256', header: signature.header }
    : { verification: 'shared-secret' };
}

/**
 * Checks a delivery the way its sender signs, over the raw bytes. Returns
 * why it is refused, or undefined when it is authentic. A source with no
 * secret configured is refused unless unsigned deliveries are allowed.
 *
 * @public
 */
export function verifyDelivery(
  source: WebhookSource,
  settings: WebhookSettings,
  headers: DeliveryHeaders,
  rawBody: Buffer,
): string | undefined {
  const secret = settings.secrets[source];
  if (!secret) {
    return settings.allowUnsigned
      ? undefined
      : `no secret is configured for ${source} webhooks (processExceptions.webhooks.${source}.secret)`;
  }
  const signature = SIGNATURES[source];
  if (signature) {
    return verifyHmacSha256({
      secret,
      rawBody,
      signature: header(headers, signature.header),
      prefix: signature.prefix,
    })
      ? undefined
      : `missing or wrong ${signature.header} signature`;
  }
  // Unleash sends the shared value as is; CDEvents senders as a bearer.
  const actual = header(headers, 'authorization')?.replace(/^Bearer\s+/i, '');
  return verifySharedSecret({ expected: secret, actual })
    ? undefined
    : 'missing or wrong Authorization secret';
}
