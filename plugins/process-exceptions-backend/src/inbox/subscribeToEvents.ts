import { EventsService } from '@backstage/plugin-events-node';
import { EVENT_TOPICS } from './eventTopics';
import { InboxApplier } from './InboxApplier';

/**
 * Feeds events-system deliveries through the inbox to the same adapters
 * and ledger as the webhook endpoint. Their authenticity was checked where
 * they entered Backstage (the ingress validators), so no signature is
 * checked here. The events service swallows a subscriber's errors, so a
 * delivery is safe only once the inbox holds it.
 */
export async function subscribeToEvents(options: {
  events: EventsService;
  applier: InboxApplier;
}) {
  const { events, applier } = options;
  await events.subscribe({
    id: 'process-exceptions',
    topics: Object.keys(EVENT_TOPICS),
    onEvent: ({ topic, eventPayload, metadata }) =>
      applier.receive(topic, eventPayload, metadata ?? {}),
  });
}
