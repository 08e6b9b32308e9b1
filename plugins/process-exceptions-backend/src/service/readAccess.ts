import {
  BackstageCredentials,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { processExceptionsReadPermission } from '@process-exceptions/backstage-plugin-process-exceptions-common';
import { Request } from 'express';

/**
 * What a caller may read: everything, with the plugin's read permission, or
 * the records of the entities the catalog's read permission lets it read.
 */
export interface ReadAccess {
  credentials: BackstageCredentials;
  /** Holds `process-exceptions.read`: no per-entity check. */
  everything: boolean;
  /** The subset of `entityRefs` the caller may read. */
  readable(entityRefs: Iterable<string>): Promise<Set<string>>;
  /** Throws 403 naming the entity unless the caller may read it. */
  requireEntity(entityRef: string): Promise<void>;
  /** Throws 403 unless the caller holds the plugin's read permission. */
  requireEverything(what: string): void;
}

export async function readAccessOf(
  req: Request,
  httpAuth: HttpAuthService,
  permissions: PermissionsService,
): Promise<ReadAccess> {
  const credentials = await httpAuth.credentials(req, {
    allow: ['user', 'service'],
  });
  const [decision] = await permissions.authorize(
    [{ permission: processExceptionsReadPermission }],
    { credentials },
  );
  const everything =
    decision.result === AuthorizeResult.ALLOW &&
    restrictionsAllow(credentials, processExceptionsReadPermission.name);

  const readable = async (entityRefs: Iterable<string>) => {
    const refs = [...new Set(entityRefs)];
    if (everything) return new Set(refs);
    if (
      refs.length === 0 ||
      !restrictionsAllow(credentials, catalogEntityReadPermission.name)
    ) {
      return new Set<string>();
    }
    // One batch: the permission backend settles conditional decisions
    // (e.g. "owned by my team") against the catalog.
    const decisions = await permissions.authorize(
      refs.map(resourceRef => ({
        permission: catalogEntityReadPermission,
        resourceRef,
      })),
      { credentials },
    );
    return new Set(
      refs.filter((_, i) => decisions[i].result === AuthorizeResult.ALLOW),
    );
  };

  return {
    credentials,
    everything,
    readable,
    async requireEntity(entityRef) {
      if (!(await readable([entityRef])).has(entityRef)) {
        throw new NotAllowedError(
          `Not allowed: reading ${entityRef} needs ${catalogEntityReadPermission.name} for it or ${processExceptionsReadPermission.name}`,
        );
      }
    },
    requireEverything(what) {
      if (!everything) {
        throw new NotAllowedError(
          `Not allowed: reading ${what} needs ${processExceptionsReadPermission.name}, as it spans services`,
        );
      }
    },
  };
}

/**
 * False when a service token's access restrictions name permissions and not
 * this one, as Backstage's permission service decides for such tokens (said
 * here too, so that every permission service, a test's included, agrees).
 */
function restrictionsAllow(
  credentials: BackstageCredentials,
  permissionName: string,
): boolean {
  const { accessRestrictions } = credentials.principal as {
    accessRestrictions?: { permissionNames?: string[] };
  };
  return accessRestrictions?.permissionNames?.includes(permissionName) ?? true;
}

/** The records among `items` whose entity the caller may read, in order. */
export async function onlyReadable<T extends { entityRef: string }>(
  access: ReadAccess,
  items: T[],
): Promise<T[]> {
  if (access.everything) return items;
  const readable = await access.readable(items.map(i => i.entityRef));
  return items.filter(i => readable.has(i.entityRef));
}
