import { AuthService } from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  Entity,
  parseEntityRef,
  RELATION_OWNED_BY,
  RELATION_PART_OF,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { Config } from '@backstage/config';
import { InputError, NotAllowedError } from '@backstage/errors';
import { scopedSubject } from '../adapters/subjects';

/**
 * The owners and systems a service token serves, from
 * `processExceptions.serviceScopes`: its events may name only entities
 * owned by one of the owners or part of one of the systems.
 */
export interface ServiceScope {
  owners: Set<string>;
  systems: Set<string>;
}

/** Scopes by service subject; a subject not listed is not limited. */
export type ServiceScopes = Map<string, ServiceScope>;

/** The catalog fields `inScope` reads. */
export const SCOPE_FIELDS = [
  'kind',
  'metadata.namespace',
  'metadata.name',
  'spec.owner',
  'spec.system',
  'relations',
];

const refOf = (ref: string, defaultKind: string) =>
  stringifyEntityRef(
    parseEntityRef(ref, { defaultKind, defaultNamespace: 'default' }),
  );

export function readServiceScopes(config: Config): ServiceScopes {
  const scopes: ServiceScopes = new Map();
  for (const entry of config.getOptionalConfigArray(
    'processExceptions.serviceScopes',
  ) ?? []) {
    const owners = entry.getOptionalStringArray('owners') ?? [];
    const systems = entry.getOptionalStringArray('systems') ?? [];
    if (owners.length === 0 && systems.length === 0) {
      throw new Error(
        `processExceptions.serviceScopes: ${entry.getString(
          'subject',
        )} names neither owners nor systems`,
      );
    }
    scopes.set(entry.getString('subject'), {
      owners: new Set(owners.map(o => refOf(o, 'group'))),
      systems: new Set(systems.map(s => refOf(s, 'system'))),
    });
  }
  return scopes;
}

/** The entity's owners and systems, from its relations or else its spec. */
function ownersAndSystems(entity: Entity) {
  const related = (type: string) =>
    (entity.relations ?? []).filter(r => r.type === type).map(r => r.targetRef);
  const spec = (entity.spec ?? {}) as { owner?: unknown; system?: unknown };
  const owners = related(RELATION_OWNED_BY);
  if (owners.length === 0 && typeof spec.owner === 'string') {
    owners.push(refOf(spec.owner, 'group'));
  }
  const systems = related(RELATION_PART_OF).filter(r =>
    r.startsWith('system:'),
  );
  if (systems.length === 0 && typeof spec.system === 'string') {
    systems.push(refOf(spec.system, 'system'));
  }
  return { owners, systems };
}

export function inScope(scope: ServiceScope, entity: Entity): boolean {
  const { owners, systems } = ownersAndSystems(entity);
  return (
    owners.some(o => scope.owners.has(o)) ||
    systems.some(s => scope.systems.has(s))
  );
}

/** Names what a scope allows, for refusals. */
export function describeScope(scope: ServiceScope): string {
  const parts = [
    scope.owners.size > 0 ? `owners ${[...scope.owners].join(', ')}` : '',
    scope.systems.size > 0 ? `systems ${[...scope.systems].join(', ')}` : '',
  ].filter(Boolean);
  return parts.join('; ');
}

/** Names an entity's owners and systems, for refusals. */
export function describeEntity(entity: Entity): string {
  const { owners, systems } = ownersAndSystems(entity);
  return `owned by ${owners.join(', ') || 'nobody'}${
    systems.length > 0 ? `, part of ${systems.join(', ')}` : ''
  }`;
}

/** The catalog's entities among `refs`, by ref; unknown ones are left out. */
export type EntitiesOf = (refs: string[]) => Promise<Map<string, Entity>>;

const MAX_SUBJECT = 255;

/**
 * The subject each event of a scoped service is kept under: its entity ref
 * when the catalog has the entity in the scope, `token:<service>#<ref>`
 * while the catalog does not know it (mapped only once it is in scope).
 * Refuses the whole request, naming the event, if one names an entity out
 * of scope.
 */
export async function scopedSubjects(
  events: Array<{ entityRef?: string }>,
  service: string,
  scope: ServiceScope,
  entitiesOf: EntitiesOf,
  where: (index: number) => string,
): Promise<Array<string | null>> {
  const refs = [
    ...new Set(events.flatMap(e => (e.entityRef ? [e.entityRef] : []))),
  ];
  const entities = refs.length > 0 ? await entitiesOf(refs) : new Map();
  return events.map((event, i) => {
    const ref = event.entityRef;
    if (!ref) return null;
    const entity = entities.get(ref);
    if (entity && inScope(scope, entity)) return ref;
    if (entity) {
      throw new NotAllowedError(
        `${where(i)}entityRef: ${ref} is ${describeEntity(
          entity,
        )}, outside the scope of service ${service} (${describeScope(scope)})`,
      );
    }
    const subject = scopedSubject(service, ref);
    if (subject.length > MAX_SUBJECT) {
      throw new InputError(
        `${where(
          i,
        )}entityRef: ${ref} is not in the catalog yet, and kept with this token's subject it would be longer than ${MAX_SUBJECT} characters`,
      );
    }
    return subject;
  });
}

/** {@link EntitiesOf} from the catalog, as the plugin itself. */
export function catalogEntities(
  catalog: CatalogService,
  auth: AuthService,
): EntitiesOf {
  return async refs => {
    const { items } = await catalog.getEntitiesByRefs(
      { entityRefs: refs, fields: SCOPE_FIELDS },
      { credentials: await auth.getOwnServiceCredentials() },
    );
    const found = new Map<string, Entity>();
    items.forEach((entity, i) => {
      if (entity) found.set(refs[i], entity);
    });
    return found;
  };
}
