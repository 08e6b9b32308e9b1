import { AuthService } from '@backstage/backend-plugin-api';
import {
  Entity,
  parseEntityRef,
  RELATION_OWNED_BY,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';

export const UNKNOWN_OWNER = 'unknown';

function ownerOf(entity: Entity): string {
  const relation = entity.relations?.find(r => r.type === RELATION_OWNED_BY);
  if (relation) return relation.targetRef;
  const owner = entity.spec?.owner;
  if (typeof owner === 'string') {
    return stringifyEntityRef(
      parseEntityRef(owner, {
        defaultKind: 'group',
        defaultNamespace: 'default',
      }),
    );
  }
  return UNKNOWN_OWNER;
}

/**
 * The owners of the entities a scorecard ranks, from the catalog, each kept
 * for `ttlMs`: a scorecard names every service of the fleet, and asking the
 * catalog for all of them on every request would cost more than the
 * scorecard itself. An owner changed in the catalog shows after at most
 * `ttlMs`. Refs not known (or expired) are fetched in one request.
 */
export class CatalogOwners {
  private readonly known = new Map<string, { owner: string; until: number }>();

  constructor(
    private readonly catalog: CatalogService,
    private readonly auth: AuthService,
    private readonly ttlMs: number,
    private readonly clock: () => number = Date.now,
  ) {}

  async ownersOf(entityRefs: string[]): Promise<Map<string, string>> {
    const now = this.clock();
    const owners = new Map<string, string>();
    const missing: string[] = [];
    for (const ref of new Set(entityRefs)) {
      const hit = this.known.get(ref);
      if (hit && hit.until > now) owners.set(ref, hit.owner);
      else missing.push(ref);
    }
    if (missing.length === 0) return owners;
    const { items } = await this.catalog.getEntitiesByRefs(
      {
        entityRefs: missing,
        fields: [
          'kind',
          'metadata.name',
          'metadata.namespace',
          'spec.owner',
          'relations',
        ],
      },
      { credentials: await this.auth.getOwnServiceCredentials() },
    );
    items.forEach((entity, i) => {
      const owner = entity ? ownerOf(entity) : UNKNOWN_OWNER;
      owners.set(missing[i], owner);
      // An entity the catalog does not know yet is asked for again next time.
      if (entity && this.ttlMs > 0) {
        this.known.set(missing[i], { owner, until: now + this.ttlMs });
      }
    });
    return owners;
  }
}

/** The refs of every entity an owner owns, from one catalog query. */
export async function entitiesOwnedBy(
  catalog: CatalogService,
  auth: AuthService,
  ownerRef: string,
): Promise<string[]> {
  const { items } = await catalog.getEntities(
    {
      filter: { 'relations.ownedBy': ownerRef },
      fields: ['kind', 'metadata.name', 'metadata.namespace'],
    },
    { credentials: await auth.getOwnServiceCredentials() },
  );
  return items.map(e => stringifyEntityRef(e));
}
