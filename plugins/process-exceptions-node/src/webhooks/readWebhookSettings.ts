import { Config } from '@backstage/config';
import { WEBHOOK_SOURCES, WebhookSource } from './webhookSources';

/**
 * How webhook deliveries are checked (`processExceptions.webhooks`).
 *
 * @public
 */
export interface WebhookSettings {
  /** The secret each source signs with; a source without one is refused. */
  secrets: Partial<Record<WebhookSource, string>>;
  /** Development only: accept deliveries of sources that have no secret. */
  allowUnsigned: boolean;
}

/**
 * Reads `processExceptions.webhooks`. A source listed without its secret
 * (typically an environment variable that is not set) is a configuration
 * error, so the backend does not start, unless unsigned deliveries are
 * allowed.
 *
 * @public
 */
export function readWebhookSettings(config: Config): WebhookSettings {
  const c = config.getOptionalConfig('processExceptions.webhooks');
  const allowUnsigned = c?.getOptionalBoolean('allowUnsigned') ?? false;
  const secrets: WebhookSettings['secrets'] = {};
  const missing: string[] = [];
  for (const source of WEBHOOK_SOURCES) {
    const secret = c?.getOptionalString(`${source}.secret`);
    if (secret) secrets[source] = secret;
    else if (c?.has(source)) missing.push(source);
  }
  if (missing.length > 0 && !allowUnsigned) {
    throw new Error(
      `Missing required config value at ${missing
        .map(source => `'processExceptions.webhooks.${source}.secret'`)
        .join(
          ', ',
        )}: these webhook sources are configured without their secret`,
    );
  }
  return { secrets, allowUnsigned };
}
