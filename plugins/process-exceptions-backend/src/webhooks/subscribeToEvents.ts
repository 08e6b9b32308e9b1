import { LoggerService } from '@backstage/backend-plugin-api';
import { EventsService } from '@backstage/plugin-events-node';
import { Ingestor } from '../ingest/Ingestor';
import { Policy } from '../policy/Policy';
import { adaptDelivery } from './adaptDelivery';
import { ingestDelivery } from './ingestDelivery';
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

/**
 * Feeds events-system deliveries through the same adapters and ledger as the
 * webhook endpoint. Their authenticity was checked where they entered
 * Backstage (the ingress validators), so no signature is checked here.
 */
export async function subscribeToEvents(options: {
  events: EventsService;
  ingestor: Ingestor;
  policy: Policy;
  logger: LoggerService;
}) {
  const { events, ingestor, policy, logger } = options;
  await events.subscribe({
    id: 'process-exceptions',
    topics: Object.keys(EVENT_TOPICS),
    onEvent: async ({ topic, eventPayload, metadata }) => {
      const source = EVENT_TOPICS[topic];
      try {
        const result = adaptDelivery(
          source,
          eventPayload,
          metadata ?? {},
          policy,
        );
        await ingestDelivery(ingestor, source, result, eventPayload);
      } catch (error) {
        // A bad delivery must not stop the subscription; it is not retried.
        logger.warn(`Dropped an unreadable ${topic} event: ${error}`);
      }
    },
  });
}
