import { EventProvenance } from '@process-exceptions/backstage-plugin-process-exceptions-common';
import { AdapterResult } from '../adapters';
import { Ingestor, IngestOutcome } from '../ingest/Ingestor';
import {
  IGNORED_EVENT_TYPE,
  WebhookSource,
} from '@process-exceptions/backstage-plugin-process-exceptions-node';

export type DeliveryOutcome =
  | {
      status: 'ignored';
      id: string;
      eventName: string;
      reason: string;
      duplicate: boolean;
    }
  | { status: 'ingested'; results: IngestOutcome[] };

/**
 * Appends what a delivery became to the ledger. Deliveries the rules do not
 * read are kept too, as ignored, so a sender can see they arrived. Shared by
 * the webhook endpoint and the events-system subscription, so both paths
 * meet in the ledger's idempotency on the sender's id.
 */
export async function ingestDelivery(
  ingestor: Ingestor,
  source: WebhookSource,
  result: AdapterResult,
  payload: unknown,
  provenance: EventProvenance,
  receivedAt = new Date(),
): Promise<DeliveryOutcome> {
  if (result.kind === 'ignored') {
    const [outcome] = await ingestor.ingest(
      source,
      [
        {
          externalId: result.externalId,
          type: IGNORED_EVENT_TYPE,
          occurredAt: receivedAt,
          subject: null,
          actor: null,
          data: { eventName: result.eventName, reason: result.reason },
          payload,
        },
      ],
      provenance,
      receivedAt,
    );
    return {
      status: 'ignored',
      id: result.externalId,
      eventName: result.eventName,
      reason: result.reason,
      duplicate: outcome.status === 'duplicate',
    };
  }
  const results = await ingestor.ingest(
    source,
    result.events.map(e => ({
      externalId: e.externalId,
      type: e.type,
      occurredAt: e.occurredAt,
      subject: e.subject,
      actor: e.actor,
      data: e.data,
      payload,
    })),
    provenance,
    receivedAt,
  );
  return { status: 'ingested', results };
}
