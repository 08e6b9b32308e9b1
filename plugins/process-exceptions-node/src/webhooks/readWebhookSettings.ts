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
 * Reads `processExceptions.webhooks`.
 *
 * @public
 */
export function readWebhookSettings(config: Config): WebhookSettings {
  const c = config.getOptionalConfig('processExceptions.webhooks');
  const secrets: WebhookSettings['secrets'] = {};
  for (const source of WEBHOOK_SOURCES) {
    const secret = c?.getOptionalString(`${source}.secret`);
    if (secret) secrets[source] = secret;
  }
  return {
    secrets,
    allowUnsigned: c?.getOptionalBoolean('allowUnsigned') ?? false,
  };
}
