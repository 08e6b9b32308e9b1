import {
  EventDataByType,
  EventType,
} from '@process-exceptions/backstage-plugin-process-exceptions-common';

/**
 * One v1 event translated from a foreign payload. A discriminated union, so
 * `data` is typed by `type`; it always passes `dataSchemas[type]`.
 */
export type AdaptedEvent = {
  [K in EventType]: {
    /** The sender's own delivery or event id: the idempotency key. */
    externalId: string;
    type: K;
    occurredAt: Date;
    /**
     * How the sender names the service: an entity ref, or a subject built by
     * `./subjects` that the backend resolves against the catalog later.
     */
    subject: string | null;
    actor: string | null;
    data: EventDataByType[K];
  };
}[EventType];

/**
 * What a payload became. `ignored` still carries an id so the ledger can
 * record that the delivery arrived, and why nothing came of it.
 */
export type AdapterResult =
  | { kind: 'events'; events: AdaptedEvent[] }
  | { kind: 'ignored'; externalId: string; reason: string; eventName: string };

/** Request headers as Node gives them; names are matched case-insensitively. */
export type AdapterHeaders = Record<string, string | undefined>;

/**
 * A relevant payload lacks a field or has one of the wrong shape. The message
 * names the field as the sender spells it, so the router can answer 400 with
 * it verbatim.
 */
export class AdapterInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AdapterInputError';
  }
}
