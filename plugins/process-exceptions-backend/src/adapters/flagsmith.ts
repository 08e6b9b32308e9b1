/**
 * Flagsmith environment webhooks to v1 `flag.changed` events.
 *
 * Every change arrives as `FLAG_UPDATED`; only one that flips
 * `data.new_state.enabled` against `data.previous_state.enabled` for the
 * whole environment is a flag change. Identity overrides (`identity` or
 * `identity_identifier` set) and segment overrides (`feature_segment` set)
 * switch a feature for some users only and are ignored, as are new and
 * deleted features (no previous or no new state).
 *
 * Flagsmith sends no delivery id, so the idempotency key is the SHA-256 of
 * the raw body: a retried delivery is byte-identical, and two real changes
 * differ at least in `data.timestamp`. The subject is
 * `flagsmith:<projectId>/<featureName>`; the environment is its name, which
 * is what the policy's environment lists hold.
 */
import { createHash } from 'crypto';
import { adaptedEvent, adaptedEvents, ignored } from './adaptedEvent';
import { PayloadReader } from './PayloadReader';
import { flagsmithSubject } from './subjects';
import { AdapterHeaders, AdapterInputError, AdapterResult } from './types';

/** SHA-256 hex of a request body: the id of a delivery that carries none. */
export function hashBody(raw: Buffer | string): string {
  return createHash('sha256').update(raw).digest('hex');
}

/** Flagsmith sends a project as its id or as `{ id, name }`. */
function projectIdOf(project: PayloadReader): string | undefined {
  if (project.isObject) return project.optionalId('id');
  const raw = project.raw;
  const id =
    typeof raw === 'number' || typeof raw === 'string'
      ? String(raw).trim()
      : '';
  return id || undefined;
}

function isSet(reader: PayloadReader, path: string): boolean {
  const value = reader.at(path).raw;
  return value !== undefined && value !== null && value !== '';
}

/**
 * Translates one Flagsmith webhook. Pass the raw request body when you have
 * it, so the id is the hash of the bytes that were signed; without it the
 * parsed payload is re-serialised, which is stable for identical retries.
 */
export function adaptFlagsmith(
  payload: unknown,
  _headers: AdapterHeaders,
  rawBody?: Buffer | string,
): AdapterResult {
  const body = PayloadReader.of(payload);
  const id = hashBody(rawBody ?? JSON.stringify(payload));
  const eventType = body.string('event_type');
  if (eventType !== 'FLAG_UPDATED') {
    return ignored(id, eventType, `${eventType} is not a flag update`);
  }
  const data = body.child('data');
  if (!data.isObject) throw new AdapterInputError('data is required');
  const now = data.child('new_state');
  const before = data.child('previous_state');
  if (!now.isObject || !before.isObject) {
    return ignored(
      id,
      eventType,
      now.isObject ? 'a new feature was created' : 'a feature was deleted',
    );
  }
  if (
    isSet(now, 'identity') ||
    isSet(now, 'identity_identifier') ||
    isSet(now, 'feature_segment')
  ) {
    return ignored(
      id,
      eventType,
      'an identity or segment override changes the flag for some users only',
    );
  }
  const enabled = now.boolean('enabled');
  if (enabled === before.boolean('enabled')) {
    return ignored(id, eventType, 'the flag was not turned on or off');
  }

  const featureName = now.string('feature.name');
  const projectId =
    projectIdOf(now.at('feature.project')) ??
    projectIdOf(now.at('environment.project'));
  if (!projectId) {
    throw new AdapterInputError(
      "data.new_state.feature.project (or the environment's project) is required",
    );
  }
  return adaptedEvents(
    adaptedEvent({
      externalId: id,
      type: 'flag.changed',
      occurredAt: data.time('timestamp'),
      subject: flagsmithSubject(projectId, featureName),
      actor: data.optionalString('changed_by') ?? null,
      data: {
        flagKey: featureName,
        environment: now.string('environment.name'),
        enabled,
        planned: false,
      },
    }),
  );
}
