import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { BasicPermission } from '@backstage/plugin-permission-common';

/** Permission names each service subject is granted by config. */
export type ServiceGrants = Map<string, Set<string>>;

/** Reads `processExceptions.servicePermissions`. */
export function readServiceGrants(config: Config): ServiceGrants {
  const grants: ServiceGrants = new Map();
  for (const entry of config.getOptionalConfigArray(
    'processExceptions.servicePermissions',
  ) ?? []) {
    const subject = entry.getString('subject');
    const names = grants.get(subject) ?? new Set<string>();
    entry.getStringArray('permissions').forEach(name => names.add(name));
    grants.set(subject, names);
  }
  return grants;
}

/**
 * Why a service may not make a people's write, if it may not. Backstage's
 * permission service allows a service unless its access restrictions name
 * other permissions, so a service passes here only when they name this one
 * or the config grants it to the service's subject.
 */
export function serviceWriteRefusal(
  credentials: BackstageCredentials,
  permission: BasicPermission,
  grants: ServiceGrants,
): string | undefined {
  const principal = credentials.principal as {
    type: string;
    subject?: string;
    accessRestrictions?: { permissionNames?: string[] };
  };
  if (principal.type !== 'service') return undefined;
  const named =
    principal.accessRestrictions?.permissionNames?.includes(permission.name) ??
    false;
  const granted = grants.get(principal.subject ?? '')?.has(permission.name);
  if (named || granted) return undefined;
  return `Not allowed: ${permission.name} for service ${principal.subject}: a service needs access restrictions naming the permission, or processExceptions.servicePermissions granting it to its subject`;
}
