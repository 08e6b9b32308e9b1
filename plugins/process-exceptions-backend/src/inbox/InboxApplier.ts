import { LoggerService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { Ingestor } from '../ingest/Ingestor';
import { Policy } from '../policy/Policy';
import { adaptDelivery } from '../webhooks/adaptDelivery';
import { AnnotationsOf, checkScopes } from '../webhooks/checkScopes';
import { ingestDelivery } from '../webhooks/ingestDelivery';
import { EVENT_TOPICS } from './eventTopics';
import { Inbox, InboxDelivery } from './Inbox';
import { retryDelayMs } from '../lib/retryDelay';

/**
 * How long a delivery being applied on arrival is left alone by the
 * retries: long enough for its own try, short enough that a replica that
 * stopped mid-way leaves it for another soon.
 */
const LEASE_MS = 60_000;

/**
 * Applies events-system deliveries through the inbox: each is kept with one
 * insert before anything can fail, then adapted and recorded. A delivery
 * that cannot be adapted is rejected with the reason; any other failure (a
 * database failover, a catalog outage) leaves it for a retry with backoff.
 * The ledger's idempotency on the sender's id records it once however often
 * it is tried.
 */
export class InboxApplier {
  constructor(
    private readonly options: {
      inbox: Inbox;
      ingestor: Ingestor;
      policy: Policy;
      logger: LoggerService;
      /** For the deliveries that name their entity (see checkScopes). */
      annotationsOf: AnnotationsOf;
    },
  ) {}

  /** Keeps a delivery, then applies it; throws only when it could not be kept. */
  async receive(
    topic: string,
    payload: unknown,
    metadata: InboxDelivery['metadata'],
  ): Promise<void> {
    const delivery = await this.options.inbox.add(
      { topic, payload, metadata, receivedAt: new Date() },
      LEASE_MS,
    );
    await this.apply(delivery);
  }

  /** Retries the deliveries due by `now`; returns how many were applied. */
  async retryDue(now = new Date(), limit = 100): Promise<number> {
    let applied = 0;
    for (const delivery of await this.options.inbox.due(now, limit)) {
      if (await this.apply(delivery)) applied += 1;
    }
    return applied;
  }

  /** True when the delivery is now in the ledger. */
  private async apply(delivery: InboxDelivery): Promise<boolean> {
    const { inbox, ingestor, policy, logger, annotationsOf } = this.options;
    const { id, topic, payload, metadata, receivedAt } = delivery;
    const source = EVENT_TOPICS[topic];
    try {
      const result = adaptDelivery(source, payload, metadata, policy);
      await checkScopes(source, result, annotationsOf);
      await ingestDelivery(
        ingestor,
        source,
        result,
        payload,
        { kind: 'events-topic', topic },
        receivedAt,
      );
      await inbox.applied(id);
      return true;
    } catch (error) {
      if (error instanceof InputError) {
        logger.warn(`Rejected ${topic} delivery ${id}: ${error.message}`);
        await inbox.rejected(id, error.message);
        return false;
      }
      const next = new Date(Date.now() + retryDelayMs(delivery.attempts));
      logger.warn(
        `Will retry ${topic} delivery ${id} at ${next.toISOString()}: ${error}`,
      );
      await inbox.failed(id, String(error), next);
      return false;
    }
  }
}
