/**
 * The senders whose own formats the plugin reads.
 *
 * @public
 */
export const WEBHOOK_SOURCES = [
  'cdevents',
  'github',
  'launchdarkly',
  'unleash',
  'flagsmith',
] as const;

/**
 * One of {@link WEBHOOK_SOURCES}: a sender whose own format the plugin reads.
 *
 * @public
 */
export type WebhookSource = (typeof WEBHOOK_SOURCES)[number];

/**
 * Whether a path segment or topic names a {@link WebhookSource}.
 *
 * @public
 */
export function isWebhookSource(value: string): value is WebhookSource {
  return (WEBHOOK_SOURCES as readonly string[]).includes(value);
}

/**
 * Ledger type of a delivery that arrived but means nothing to the rules.
 *
 * @public
 */
export const IGNORED_EVENT_TYPE = 'webhook.ignored';
