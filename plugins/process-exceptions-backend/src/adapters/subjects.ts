/**
 * Subjects: how an adapted event names its service before the catalog has
 * been asked. The ledger keeps the subject as sent, so an event whose service
 * is unknown today resolves once someone adds the annotation.
 *
 * | subject                                | resolves to an entity with                                             |
 * |----------------------------------------|------------------------------------------------------------------------|
 * | `component:default/x` (any entity ref) | that ref                                                               |
 * | `github:<owner>/<repo>`                | `github.com/project-slug: <owner>/<repo>` (GitHub slugs ignore case)   |
 * | `github:<owner>/<repo>#<entity ref>`   | that ref, only while its `github.com/project-slug` is `<owner>/<repo>` |
 * | `launchdarkly:<projectKey>/<flagKey>`  | `launchdarkly.com/project-key: <projectKey>` and `<flagKey>` listed in `process-exceptions.io/flag-keys` |
 * | `unleash:<project>/<featureName>`      | `unleash.io/project: <project>` and `<featureName>` listed in `process-exceptions.io/flag-keys` |
 * | `flagsmith:<projectId>/<featureName>`  | `flagsmith.com/project-id: <projectId>` and `<featureName>` listed in `process-exceptions.io/flag-keys` |
 * | `cdevents:<source>/<id>`               | `<source>/<id>` listed in `process-exceptions.io/cdevents-subjects`   |
 * | `token:<service subject>#<entity ref>` | that ref, only while it is in the service's `processExceptions.serviceScopes` |
 *
 * The list annotations are comma-separated (`flag-keys: checkout-v2, new-cart`)
 * because one service owns several flags and several CDEvents subjects (its
 * service id, its repository). A project holds many services, so for flags
 * the project annotation alone is not enough: the flag key picks the service.
 */

export const GITHUB_PROJECT_SLUG_ANNOTATION = 'github.com/project-slug';
export const LAUNCHDARKLY_PROJECT_KEY_ANNOTATION =
  'launchdarkly.com/project-key';
export const UNLEASH_PROJECT_ANNOTATION = 'unleash.io/project';
export const FLAGSMITH_PROJECT_ID_ANNOTATION = 'flagsmith.com/project-id';
/** Ours: the flags a service owns, comma-separated. */
export const FLAG_KEYS_ANNOTATION = 'process-exceptions.io/flag-keys';
/** Ours: the CDEvents subjects (`<source>/<id>`) that are this service, comma-separated. */
export const CDEVENTS_SUBJECTS_ANNOTATION =
  'process-exceptions.io/cdevents-subjects';

/** What the backend's resolver asks the catalog for. */
export type ParsedSubject =
  | { kind: 'entityRef'; ref: string }
  /** An entity named by a service token whose scope must reach it. */
  | { kind: 'scoped'; service: string; ref: string }
  | {
      kind: 'annotation';
      /** The entity must carry this annotation... */
      annotation: string;
      /** ...with this value (a comma-separated list for the `process-exceptions.io/*` ones)... */
      value: string;
      /** ...and, when set, list this key in `process-exceptions.io/flag-keys`... */
      flagKey?: string;
      /** ...and, when set, be this entity (as the sender wrote its ref). */
      ref?: string;
    };

/** A repository, or one entity it names (see the table above). */
export function githubSubject(fullName: string, entityRef?: string): string {
  return entityRef ? `github:${fullName}#${entityRef}` : `github:${fullName}`;
}

export function launchDarklySubject(
  projectKey: string,
  flagKey: string,
): string {
  return `launchdarkly:${projectKey}/${flagKey}`;
}

export function unleashSubject(project: string, featureName: string): string {
  return `unleash:${project}/${featureName}`;
}

export function flagsmithSubject(
  projectId: string,
  featureName: string,
): string {
  return `flagsmith:${projectId}/${featureName}`;
}

/** An entity a scoped service token named before the catalog knew it. */
export function scopedSubject(service: string, entityRef: string): string {
  return `token:${service}#${entityRef}`;
}

export function cdeventsSubject(source: string, id: string): string {
  return `cdevents:${source}/${id}`;
}

const FLAG_SOURCES = new Map<string, string>([
  ['launchdarkly', LAUNCHDARKLY_PROJECT_KEY_ANNOTATION],
  ['unleash', UNLEASH_PROJECT_ANNOTATION],
  ['flagsmith', FLAGSMITH_PROJECT_ID_ANNOTATION],
]);

/**
 * Reads a subject back into a catalog query. Anything without one of our
 * prefixes is taken for an entity ref; the resolver parses it and finds
 * nothing if it is not one, which leaves the event unmapped, not lost.
 */
export function parseSubject(subject: string): ParsedSubject {
  const colon = subject.indexOf(':');
  const prefix = colon > 0 ? subject.slice(0, colon) : '';
  const rest = subject.slice(colon + 1);

  if (prefix === 'github' && rest) {
    // Neither repository names nor entity refs contain '#'.
    const hash = rest.indexOf('#');
    return {
      kind: 'annotation',
      annotation: GITHUB_PROJECT_SLUG_ANNOTATION,
      value: hash > 0 ? rest.slice(0, hash) : rest,
      ...(hash > 0 ? { ref: rest.slice(hash + 1) } : {}),
    };
  }
  // Entity refs never contain '#'; a token's subject might.
  const hash = rest.lastIndexOf('#');
  if (prefix === 'token' && hash > 0 && hash < rest.length - 1) {
    return {
      kind: 'scoped',
      service: rest.slice(0, hash),
      ref: rest.slice(hash + 1),
    };
  }
  if (prefix === 'cdevents' && rest) {
    return {
      kind: 'annotation',
      annotation: CDEVENTS_SUBJECTS_ANNOTATION,
      value: rest,
    };
  }
  const annotation = FLAG_SOURCES.get(prefix);
  // Project keys and ids never contain '/', flag names may: split at the first.
  const slash = rest.indexOf('/');
  if (annotation && slash > 0 && slash < rest.length - 1) {
    return {
      kind: 'annotation',
      annotation,
      value: rest.slice(0, slash),
      flagKey: rest.slice(slash + 1),
    };
  }
  return { kind: 'entityRef', ref: subject };
}
