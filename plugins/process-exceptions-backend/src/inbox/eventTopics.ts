import { WebhookSource } from '@process-exceptions/backstage-plugin-process-exceptions-node';

/**
 * Topics of Backstage's events system the plugin reads, and the format of
 * each. The github.* topics are those `@backstage/plugin-events-backend-module-github`
 * publishes; relays (HTTP ingress with validators, Kafka, SQS, Pub/Sub)
 * publish the others.
 */
export const EVENT_TOPICS: Record<string, WebhookSource> = {
  cdevents: 'cdevents',
  launchdarkly: 'launchdarkly',
  unleash: 'unleash',
  flagsmith: 'flagsmith',
  'github.deployment_status': 'github',
  'github.pull_request_review': 'github',
  'github.pull_request': 'github',
};
