import {
  EventDataByType,
  EventType,
} from '@process-exceptions/backstage-plugin-process-exceptions-common';
import { dataSchemas } from '../ingest/eventSchemas';
import { PARSE_OPTIONS } from '../ingest/validationMessages';
import { AdaptedEvent, AdapterInputError, AdapterResult } from './types';

// The ledger's columns for these are 255 characters wide.
const MAX_COLUMN = 255;

function checkColumn(name: string, value: string | null): void {
  if (value !== null && value.length > MAX_COLUMN) {
    throw new AdapterInputError(
      `${name} is longer than ${MAX_COLUMN} characters`,
    );
  }
}

/** Drops keys whose value is undefined, so stored data holds only facts. */
function compact<T extends object>(data: T): T {
  return Object.fromEntries(
    Object.entries(data).filter(([, v]) => v !== undefined),
  ) as T;
}

/**
 * Builds one adapted event and proves it against the same schema a v1 post
 * must pass, so an adapter can never hand the rules data they would reject.
 * A failure here means the sender's values broke a bound (a 300-character
 * label, say): it is the sender's input, hence an AdapterInputError.
 */
export function adaptedEvent<K extends EventType>(event: {
  externalId: string;
  type: K;
  occurredAt: Date;
  subject: string | null;
  actor: string | null;
  data: EventDataByType[K];
}): AdaptedEvent {
  const externalId = event.externalId.trim();
  if (externalId === '') throw new AdapterInputError('event id is required');
  checkColumn('event id', externalId);
  checkColumn('subject', event.subject);
  checkColumn('actor', event.actor);

  const data = compact(event.data);
  const parsed = dataSchemas[event.type].safeParse(data, PARSE_OPTIONS);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = ['data', ...issue.path].join('.');
    throw new AdapterInputError(
      `${event.type} ${field}: ${issue.message} (from the sender's payload)`,
    );
  }
  return { ...event, externalId, data } as AdaptedEvent;
}

/** A delivery that arrived but means nothing to the rules. */
export function ignored(
  externalId: string,
  eventName: string,
  reason: string,
): AdapterResult {
  const id = externalId.trim();
  if (id === '') throw new AdapterInputError('event id is required');
  checkColumn('event id', id);
  return { kind: 'ignored', externalId: id, eventName, reason };
}

export function adaptedEvents(...events: AdaptedEvent[]): AdapterResult {
  return { kind: 'events', events };
}
