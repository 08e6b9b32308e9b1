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

/** Looks up the owners of many entities in one catalog request. */
export async function catalogOwners(
  catalog: CatalogService,
  auth: AuthService,
  entityRefs: string[],
): Promise<Map<string, string>> {
  const owners = new Map<string, string>();
  if (entityRefs.length === 0) return owners;
  const { items } = await catalog.getEntitiesByRefs(
    {
      entityRefs,
      fields: [
        'kind',
        'metadata.name',
        'metadata.namespace',
        'spec.owner',
        'relations',
      ],
    },
    { credentials: await auth.getOwnServiceCredentials() },
  );
  items.forEach((entity, i) => {
    owners.set(entityRefs[i], entity ? ownerOf(entity) : UNKNOWN_OWNER);
  });
  return owners;
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
