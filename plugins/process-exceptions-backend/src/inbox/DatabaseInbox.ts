import { Knex } from 'knex';
import { parseJson, toDate, toIso } from '../database/sql/conversions';
import { Inbox, InboxDelivery, InboxItem } from './Inbox';

const TABLE = 'pe_inbox';

type InboxRow = {
  id: number | string;
  topic: string;
  payload: string;
  metadata: string;
  received_at: Date | number | string;
  status: InboxItem['status'];
  attempts: number | string;
  next_attempt_at: Date | number | string;
  last_error: string | null;
};

function deliveryOf(row: InboxRow): InboxDelivery {
  return {
    id: Number(row.id),
    topic: row.topic,
    payload: parseJson(row.payload),
    metadata: parseJson(row.metadata),
    receivedAt: toDate(row.received_at),
    attempts: Number(row.attempts),
  };
}

/** The knex implementation of {@link Inbox}. */
export class DatabaseInbox implements Inbox {
  constructor(private readonly db: Knex) {}

  async add(
    delivery: Omit<InboxDelivery, 'id' | 'attempts'>,
    leaseMs: number,
  ): Promise<InboxDelivery> {
    const [row] = await this.db<InboxRow>(TABLE)
      .insert({
        topic: delivery.topic,
        payload: JSON.stringify(delivery.payload ?? null),
        metadata: JSON.stringify(delivery.metadata),
        received_at: delivery.receivedAt,
        status: 'pending',
        attempts: 0,
        next_attempt_at: new Date(delivery.receivedAt.getTime() + leaseMs),
      })
      .returning('id');
    const id = Number(typeof row === 'object' ? row.id : row);
    return { ...delivery, id, attempts: 0 };
  }

  async applied(id: number): Promise<void> {
    await this.db(TABLE).where({ id }).delete();
  }

  async rejected(id: number, reason: string): Promise<void> {
    await this.db(TABLE)
      .where({ id })
      .update({ status: 'rejected', last_error: reason });
  }

  async failed(id: number, error: string, nextAttemptAt: Date): Promise<void> {
    await this.db(TABLE)
      .where({ id })
      .update({
        attempts: this.db.raw('attempts + 1'),
        last_error: error,
        next_attempt_at: nextAttemptAt,
      });
  }

  async due(now: Date, limit: number): Promise<InboxDelivery[]> {
    const rows: InboxRow[] = await this.db<InboxRow>(TABLE)
      .where({ status: 'pending' })
      .where('next_attempt_at', '<=', now)
      .orderBy('id')
      .limit(limit);
    return rows.map(deliveryOf);
  }

  async list(status: InboxItem['status'], limit: number): Promise<InboxItem[]> {
    const rows: InboxRow[] = await this.db<InboxRow>(TABLE)
      .where({ status })
      .orderBy('id', 'desc')
      .limit(limit);
    return rows.map(row => ({
      ...deliveryOf(row),
      receivedAt: toIso(row.received_at)!,
      status: row.status,
      nextAttemptAt:
        row.status === 'pending' ? toIso(row.next_attempt_at) : null,
      lastError: row.last_error,
    }));
  }
}
