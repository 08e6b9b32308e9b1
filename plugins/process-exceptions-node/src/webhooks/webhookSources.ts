/** The senders whose own formats the plugin reads. */
export const WEBHOOK_SOURCES = [
  'cdevents',
  'github',
  'launchdarkly',
  'unleash',
  'flagsmith',
] as const;

export type WebhookSource = (typeof WEBHOOK_SOURCES)[number];

export function isWebhookSource(value: string): value is WebhookSource {
  return (WEBHOOK_SOURCES as readonly string[]).includes(value);
}

/** Ledger type of a delivery that arrived but means nothing to the rules. */
export const IGNORED_EVENT_TYPE = 'webhook.ignored';
