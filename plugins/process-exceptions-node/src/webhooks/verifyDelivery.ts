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
  const hmac = (name: string, prefix?: 'sha256=') =>
    verifyHmacSha256({
      secret,
      rawBody,
      signature: header(headers, name),
      prefix,
    })
      ? undefined
      : `missing or wrong ${name} signature`;
  switch (source) {
    case 'github':
      return hmac('x-hub-signature-256', 'sha256=');
    case 'launchdarkly':
      return hmac('x-ld-signature');
    case 'flagsmith':
      return hmac('x-flagsmith-signature');
    default: {
      // Unleash sends the shared value as is; CDEvents senders as a bearer.
      const actual = header(headers, 'authorization')?.replace(
        /^Bearer\s+/i,
        '',
      );
      return verifySharedSecret({ expected: secret, actual })
        ? undefined
        : 'missing or wrong Authorization secret';
    }
  }
}
