import { AuthService } from '@backstage/backend-plugin-api';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';

/**
 * Turns what a sender named a service by into a catalog entity ref, or
 * undefined while the catalog does not know it.
 */
export interface EntityResolver {
  resolve(subjects: string[]): Promise<Map<string, string>>;
}

const CACHE_TTL_MS = 30_000;

/** Resolves entity refs against the catalog, caching what it found briefly. */
export class CatalogEntityResolver implements EntityResolver {
  private readonly cache = new Map<string, { ref: string; until: number }>();

  constructor(
    private readonly catalog: CatalogService,
    private readonly auth: AuthService,
  ) {}

  async resolve(subjects: string[]): Promise<Map<string, string>> {
    const found = new Map<string, string>();
    const wanted = new Map<string, string>(); // normalised ref -> subject
    const now = Date.now();
    for (const subject of new Set(subjects)) {
      const cached = this.cache.get(subject);
      if (cached && cached.until > now) {
        found.set(subject, cached.ref);
        continue;
      }
      try {
        const ref = stringifyEntityRef(
          parseEntityRef(subject, { defaultNamespace: 'default' }),
        );
        wanted.set(ref, subject);
      } catch {
        // not an entity ref: nothing the catalog can answer by ref
      }
    }
    if (wanted.size === 0) return found;

    const refs = [...wanted.keys()];
    const { items } = await this.catalog.getEntitiesByRefs(
      {
        entityRefs: refs,
        fields: ['kind', 'metadata.namespace', 'metadata.name'],
      },
      { credentials: await this.auth.getOwnServiceCredentials() },
    );
    items.forEach((entity, i) => {
      if (!entity) return;
      const subject = wanted.get(refs[i])!;
      found.set(subject, refs[i]);
      this.cache.set(subject, { ref: refs[i], until: now + CACHE_TTL_MS });
    });
    return found;
  }
}
