import {
  EVENT_TYPES,
  EventEnvelope,
  EventType,
} from '@process-exceptions/backstage-plugin-process-exceptions-common';
import { UsageError } from './UsageError';

/** The `post-event` flags that describe one event. */
export interface EventFlags {
  type?: string;
  id?: string;
  entity?: string;
  'occurred-at'?: string;
  actor?: string;
  data?: string;
}

/**
 * Builds one envelope from flags. Only what the flags themselves can get
 * wrong is checked here; the backend validates the data of each type.
 */
export function eventFromFlags(flags: EventFlags, now: Date): EventEnvelope {
  const missing = (['type', 'id', 'data'] as const).filter(
    name => !flags[name],
  );
  if (missing.length > 0) {
    throw new UsageError(
      `post-event needs ${missing
        .map(name => `--${name}`)
        .join(', ')} (or --file)`,
    );
  }
  const type = flags.type as EventType;
  if (!EVENT_TYPES.includes(type)) {
    throw new UsageError(
      `Unknown --type "${flags.type}"; one of ${EVENT_TYPES.join(', ')}`,
    );
  }
  const occurredAt = flags['occurred-at'] ?? now.toISOString();
  if (Number.isNaN(Date.parse(occurredAt))) {
    throw new UsageError(
      `--occurred-at "${occurredAt}" is not an ISO 8601 time, e.g. 2026-11-23T09:40:00Z`,
    );
  }
  let data: unknown;
  try {
    data = JSON.parse(flags.data!);
  } catch (error) {
    throw new UsageError(`--data is not JSON: ${(error as Error).message}`);
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new UsageError(
      '--data must be a JSON object, e.g. \'{"key":"value"}\'',
    );
  }
  return {
    id: flags.id!,
    type,
    occurredAt,
    ...(flags.entity && { entityRef: flags.entity }),
    ...(flags.actor && { actor: flags.actor }),
    data,
  } as EventEnvelope;
}
