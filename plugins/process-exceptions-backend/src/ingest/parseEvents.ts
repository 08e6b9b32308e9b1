import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import {
  EventEnvelope,
  EVENT_TYPES,
} from '@process-exceptions/backstage-plugin-process-exceptions-common';
import { z } from 'zod/v4';
import { dataSchemas, envelopeSchema, KnownEventType } from './eventSchemas';
import { PARSE_OPTIONS } from './validationMessages';

/** The longest entity ref the ledger's columns hold. */
const MAX_ENTITY_REF = 255;

/** The most events one request may carry. */
export const MAX_EVENTS_PER_REQUEST = 500;

const batchSchema = z.object({ events: z.array(z.unknown()) });

function describe(issue: z.core.$ZodIssue, prefix: string): string {
  const path = [
    prefix,
    ...issue.path.map(p =>
      typeof p === 'number' ? `[${p}]` : `.${String(p)}`,
    ),
  ]
    .join('')
    .replace(/^\./, '');
  return `${path || 'body'}: ${issue.message}`;
}

function fail(error: z.ZodError, prefix: string): never {
  throw new InputError(
    error.issues
      .slice(0, 5)
      .map(i => describe(i, prefix))
      .join('; '),
  );
}

function parseOne(raw: unknown, prefix: string): EventEnvelope {
  const envelope = envelopeSchema.safeParse(raw, PARSE_OPTIONS);
  if (!envelope.success) fail(envelope.error, prefix);
  const { type } = envelope.data;
  if (!(EVENT_TYPES as readonly string[]).includes(type)) {
    throw new InputError(
      `${prefix ? `${prefix}.` : ''}type: unknown event type '${type.slice(
        0,
        64,
      )}'; expected one of ${EVENT_TYPES.join(', ')}`,
    );
  }
  const data = dataSchemas[type as KnownEventType].safeParse(
    envelope.data.data,
    PARSE_OPTIONS,
  );
  if (!data.success) fail(data.error, `${prefix ? `${prefix}.` : ''}data`);

  let entityRef: string | undefined;
  if (envelope.data.entityRef !== undefined) {
    try {
      entityRef = stringifyEntityRef(
        parseEntityRef(envelope.data.entityRef, {
          defaultNamespace: 'default',
        }),
      );
    } catch (e) {
      throw new InputError(
        `${prefix ? `${prefix}.` : ''}entityRef: ${(e as Error).message}`,
      );
    }
    // The stored ref is the normalised one, which can be longer.
    if (entityRef.length > MAX_ENTITY_REF) {
      throw new InputError(
        `${
          prefix ? `${prefix}.` : ''
        }entityRef: at most ${MAX_ENTITY_REF} characters once written as kind:namespace/name, got ${
          entityRef.length
        }`,
      );
    }
  }
  return {
    id: envelope.data.id,
    type,
    occurredAt: new Date(envelope.data.occurredAt).toISOString(),
    entityRef,
    actor: envelope.data.actor,
    data: data.data,
  } as EventEnvelope;
}

/**
 * Validates a request body: one event or `{ events: [...] }`. Throws an
 * InputError naming the event index and field of the first problem, so a
 * request is accepted whole or not at all.
 */
export function parseEventsBody(body: unknown): EventEnvelope[] {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new InputError(
      'body: expected a JSON object: one event, or { "events": [ ... ] }',
    );
  }
  if (!('events' in body)) {
    return [parseOne(body, '')];
  }
  const batch = batchSchema.safeParse(body, PARSE_OPTIONS);
  if (!batch.success) fail(batch.error, '');
  const { events } = batch.data;
  if (events.length === 0) {
    throw new InputError('events: must contain at least one event');
  }
  if (events.length > MAX_EVENTS_PER_REQUEST) {
    throw new InputError(
      `events: at most ${MAX_EVENTS_PER_REQUEST} events per request, got ${events.length}`,
    );
  }
  return events.map((e, i) => parseOne(e, `events[${i}]`));
}
