/**
 * LaunchDarkly flag webhooks to v1 `flag.changed` events.
 *
 * The payload is an audit log entry. Its action names do not tell on from
 * off (`updateOn` is sent for both), so the direction comes from comparing
 * `previousVersion.environments[env].on` with `currentVersion.environments[env].on`:
 * one event per environment that flipped. A change that flipped nothing
 * (rules, targets, a new flag) is ignored.
 *
 * The project key comes from the resource path `proj/<project>:env/<env>:flag/<flag>`
 * in `accesses[].resource`, or from `_links.canonical.href`
 * (`/api/v2/flags/<project>/<flag>`); the subject is
 * `launchdarkly:<project>/<flag>`. A webhook cannot tell a planned switch-off
 * from an emergency, so every flip is `planned: false`; the member's comment
 * becomes the reason.
 */
import { adaptedEvent, adaptedEvents, ignored } from './adaptedEvent';
import { PayloadReader } from './PayloadReader';
import { launchDarklySubject } from './subjects';
import { AdapterHeaders, AdapterInputError, AdapterResult } from './types';

/** `proj/default;tag:env/production:flag/new-cart` to its parts. */
function parseResource(resource: string): Record<string, string> {
  const parts: Record<string, string> = {};
  for (const segment of resource.split(':')) {
    const slash = segment.indexOf('/');
    if (slash <= 0) continue;
    const value = segment.slice(slash + 1).split(';')[0];
    if (value && value !== '*') parts[segment.slice(0, slash)] = value;
  }
  return parts;
}

function flagLocation(body: PayloadReader): {
  projectKey?: string;
  flagKey?: string;
} {
  for (const access of body.items('accesses')) {
    const resource = access.child('resource').raw;
    if (typeof resource !== 'string') continue;
    const parts = parseResource(resource);
    if (parts.proj && parts.flag) {
      return { projectKey: parts.proj, flagKey: parts.flag };
    }
  }
  const href = body.at('_links.canonical.href').raw;
  const match =
    typeof href === 'string'
      ? /\/flags\/([^/?#]+)\/([^/?#]+)/.exec(href)
      : null;
  return match ? { projectKey: match[1], flagKey: match[2] } : {};
}

/**
 * Translates one LaunchDarkly webhook. Throws AdapterInputError when a flag
 * flip lacks what we need to record it.
 */
export function adaptLaunchDarkly(
  payload: unknown,
  _headers: AdapterHeaders,
): AdapterResult {
  const body = PayloadReader.of(payload);
  const id = body.string('_id');
  const kind = body.optionalString('kind') ?? 'unknown';
  const action = body.items('accesses')[0]?.optionalString('action');
  const eventName = action ? `${kind}.${action}` : kind;
  if (kind !== 'flag') {
    return ignored(id, eventName, `a ${kind} change is not a flag change`);
  }

  const current = body.child('currentVersion').child('environments');
  const previous = body.child('previousVersion').child('environments');
  const flips = current.keys().flatMap(env => {
    const now = current.child(env).child('on').raw;
    const before = previous.child(env).child('on').raw;
    return typeof now === 'boolean' &&
      typeof before === 'boolean' &&
      now !== before
      ? [{ environment: env, enabled: now }]
      : [];
  });
  if (flips.length === 0) {
    return ignored(id, eventName, 'the flag was not turned on or off');
  }

  const location = flagLocation(body);
  const flagKey = body.optionalString('currentVersion.key') ?? location.flagKey;
  if (!flagKey) {
    throw new AdapterInputError('currentVersion.key is required');
  }
  const projectKey = location.projectKey;
  if (!projectKey) {
    throw new AdapterInputError(
      'accesses[].resource (proj/<project>:env/<env>:flag/<flag>) or _links.canonical.href must name the project',
    );
  }
  const occurredAt = body.time('date');
  const actor = body.optionalString('member.email') ?? null;
  const reason = body.optionalString('comment')?.slice(0, 2000);

  return adaptedEvents(
    ...flips.map(flip =>
      adaptedEvent({
        // One audit entry may flip several environments; each flip needs
        // its own id, and a single flip keeps the sender's id unchanged.
        externalId: flips.length === 1 ? id : `${id}:${flip.environment}`,
        type: 'flag.changed',
        occurredAt,
        subject: launchDarklySubject(projectKey, flagKey),
        actor,
        data: {
          flagKey,
          environment: flip.environment,
          enabled: flip.enabled,
          planned: false,
          reason,
        },
      }),
    ),
  );
}
