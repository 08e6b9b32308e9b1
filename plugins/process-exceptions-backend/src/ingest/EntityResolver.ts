import { AuthService } from '@backstage/backend-plugin-api';
import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  CDEVENTS_SUBJECTS_ANNOTATION,
  FLAG_KEYS_ANNOTATION,
  parseSubject,
  ParsedSubject,
} from '../adapters/subjects';
import { inScope, SCOPE_FIELDS, ServiceScopes } from './serviceScopes';

/**
 * Turns what a sender named a service by into a catalog entity ref, or
 * leaves it out while the catalog does not know it.
 */
export interface EntityResolver {
  resolve(subjects: string[]): Promise<Map<string, string>>;
}

// Annotations whose value is a comma-separated list, matched element-wise.
const LIST_ANNOTATIONS = new Set([CDEVENTS_SUBJECTS_ANNOTATION]);

function listOf(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map(v => v.trim().toLocaleLowerCase('en-US'))
    .filter(Boolean);
}

function matches(
  entity: Entity,
  subject: Extract<ParsedSubject, { kind: 'annotation' }>,
) {
  const annotations = entity.metadata.annotations ?? {};
  const value = subject.value.toLocaleLowerCase('en-US');
  const own = LIST_ANNOTATIONS.has(subject.annotation)
    ? listOf(annotations[subject.annotation]).includes(value)
    : (annotations[subject.annotation] ?? '').toLocaleLowerCase('en-US') ===
      value;
  return (
    own &&
    (!subject.flagKey ||
      listOf(annotations[FLAG_KEYS_ANNOTATION]).includes(
        subject.flagKey.toLocaleLowerCase('en-US'),
      )) &&
    (!subject.ref || isEntity(entity, subject.ref))
  );
}

/** `ref` written in full, or undefined when it is not an entity ref. */
function normalised(ref: string): string | undefined {
  try {
    return stringifyEntityRef(
      parseEntityRef(ref, { defaultNamespace: 'default' }),
    );
  } catch {
    return undefined;
  }
}

/** True when `ref`, as a sender wrote it, names `entity`. */
function isEntity(entity: Entity, ref: string): boolean {
  try {
    const parsed = parseEntityRef(ref, { defaultNamespace: 'default' });
    return stringifyEntityRef(parsed) === stringifyEntityRef(entity);
  } catch {
    return false;
  }
}

/**
 * Resolves entity refs and annotation subjects (GitHub slugs, flag projects
 * and keys, CDEvents subjects) against the catalog, keeping what it found
 * for `ttlMs` (0 asks every time); a subject not found is asked again next
 * time. When several entities match, the first by ref wins, so the choice
 * is stable. A scoped token's subject resolves only to an entity its
 * `processExceptions.serviceScopes` entry reaches today.
 */
export class CatalogEntityResolver implements EntityResolver {
  private readonly cache = new Map<string, { ref: string; until: number }>();

  constructor(
    private readonly catalog: CatalogService,
    private readonly auth: AuthService,
    private readonly ttlMs: number,
    private readonly scopes: ServiceScopes = new Map(),
    private readonly clock: () => number = Date.now,
  ) {}

  async resolve(subjects: string[]): Promise<Map<string, string>> {
    const found = new Map<string, string>();
    const byRef = new Map<string, string>(); // normalised ref -> subject
    const byAnnotation: Array<
      [string, Extract<ParsedSubject, { kind: 'annotation' }>]
    > = [];
    const scoped: Array<[string, Extract<ParsedSubject, { kind: 'scoped' }>]> =
      [];
    const now = this.clock();
    for (const subject of new Set(subjects)) {
      const cached = this.cache.get(subject);
      if (cached && cached.until > now) {
        found.set(subject, cached.ref);
        continue;
      }
      const parsed = parseSubject(subject);
      if (parsed.kind === 'annotation') {
        byAnnotation.push([subject, parsed]);
        continue;
      }
      if (parsed.kind === 'scoped' && this.scopes.has(parsed.service)) {
        scoped.push([subject, parsed]);
        continue;
      }
      const ref = normalised(parsed.ref);
      if (ref) byRef.set(ref, subject); // not an entity ref: it stays unmapped
    }
    const remember = (subject: string, ref: string) => {
      found.set(subject, ref);
      if (this.ttlMs > 0)
        this.cache.set(subject, { ref, until: now + this.ttlMs });
    };

    if (byRef.size === 0 && byAnnotation.length === 0 && scoped.length === 0) {
      return found;
    }
    const credentials = await this.auth.getOwnServiceCredentials();
    if (byRef.size > 0) {
      const refs = [...byRef.keys()];
      const { items } = await this.catalog.getEntitiesByRefs(
        {
          entityRefs: refs,
          fields: ['kind', 'metadata.namespace', 'metadata.name'],
        },
        { credentials },
      );
      items.forEach((entity, i) => {
        if (entity) remember(byRef.get(refs[i])!, refs[i]);
      });
    }
    if (scoped.length > 0) {
      const refs = scoped.map(([, parsed]) => normalised(parsed.ref));
      const { items } = await this.catalog.getEntitiesByRefs(
        { entityRefs: refs.filter(Boolean) as string[], fields: SCOPE_FIELDS },
        { credentials },
      );
      const entities = new Map(
        items.filter(Boolean).map(e => [stringifyEntityRef(e!), e!]),
      );
      scoped.forEach(([subject, parsed], i) => {
        const entity = refs[i] ? entities.get(refs[i]!) : undefined;
        if (entity && inScope(this.scopes.get(parsed.service)!, entity)) {
          remember(subject, refs[i]!);
        }
      });
    }
    for (const [subject, parsed] of byAnnotation) {
      const key = `metadata.annotations.${parsed.annotation}`;
      const { items } = await this.catalog.getEntities(
        {
          filter: {
            [key]: LIST_ANNOTATIONS.has(parsed.annotation)
              ? CATALOG_FILTER_EXISTS
              : parsed.value,
          },
          fields: [
            'kind',
            'metadata.namespace',
            'metadata.name',
            'metadata.annotations',
          ],
        },
        { credentials },
      );
      const refs = items
        .filter(e => matches(e, parsed))
        .map(e => stringifyEntityRef(e))
        .sort();
      if (refs.length > 0) remember(subject, refs[0]);
    }
    return found;
  }
}
