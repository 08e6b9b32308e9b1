/**
 * Unleash webhook events to v1 `flag.changed` events.
 *
 * Only `feature-environment-enabled` and `feature-environment-disabled` turn
 * a feature on or off in one environment; every other event type (strategy
 * edits, new features, the legacy project-wide `feature-updated`) is ignored.
 * The subject is `unleash:<project>/<featureName>`. Unleash cannot tell a
 * planned switch-off from an emergency, so every flip is `planned: false`.
 */
import { adaptedEvent, adaptedEvents, ignored } from './adaptedEvent';
import { PayloadReader } from './PayloadReader';
import { unleashSubject } from './subjects';
import { AdapterHeaders, AdapterResult } from './types';

const FLIPS = new Map<string, boolean>([
  ['feature-environment-enabled', true],
  ['feature-environment-disabled', false],
]);

/**
 * Translates one Unleash event. Throws AdapterInputError when an on/off
 * event lacks what we need to record it.
 */
export function adaptUnleash(
  payload: unknown,
  _headers: AdapterHeaders,
): AdapterResult {
  const body = PayloadReader.of(payload);
  const id = body.id('id');
  const type = body.string('type');
  const enabled = FLIPS.get(type);
  if (enabled === undefined) {
    return ignored(id, type, `${type} does not turn a feature on or off`);
  }
  const featureName = body.string('featureName');
  return adaptedEvents(
    adaptedEvent({
      externalId: id,
      type: 'flag.changed',
      occurredAt: body.time('createdAt'),
      subject: unleashSubject(body.string('project'), featureName),
      actor: body.optionalString('createdBy') ?? null,
      data: {
        flagKey: featureName,
        environment: body.string('environment'),
        enabled,
        planned: false,
      },
    }),
  );
}
