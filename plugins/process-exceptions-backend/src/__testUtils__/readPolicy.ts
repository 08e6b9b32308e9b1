import {
  coreServices,
  createServiceFactory,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  AuthorizeResult,
  isResourcePermission,
} from '@backstage/plugin-permission-common';

/**
 * A permission service deciding as a team-scoped policy would: `readers`
 * maps a user to the entities the catalog lets them read; `orgReaders` hold
 * `process-exceptions.read`. Everything else is allowed, services included.
 */
export function readPolicyFactory(policy: {
  readers: Record<string, string[]>;
  orgReaders: string[];
}) {
  const decide = (
    permission: { name: string },
    resourceRef: string | undefined,
    userRef: string | undefined,
  ) => {
    if (!userRef) return AuthorizeResult.ALLOW;
    if (permission.name === 'process-exceptions.read') {
      return policy.orgReaders.includes(userRef)
        ? AuthorizeResult.ALLOW
        : AuthorizeResult.DENY;
    }
    if (permission.name === 'catalog.entity.read') {
      return (policy.readers[userRef] ?? []).includes(resourceRef ?? '')
        ? AuthorizeResult.ALLOW
        : AuthorizeResult.DENY;
    }
    return AuthorizeResult.ALLOW;
  };
  return createServiceFactory({
    service: coreServices.permissions,
    deps: {},
    factory: (): PermissionsService => ({
      async authorize(requests, { credentials }) {
        const principal = credentials.principal as { userEntityRef?: string };
        return requests.map(r => ({
          result: decide(
            r.permission,
            isResourcePermission(r.permission)
              ? (r as { resourceRef?: string }).resourceRef
              : undefined,
            principal.userEntityRef,
          ),
        })) as any;
      },
      async authorizeConditional(queries) {
        return queries.map(() => ({ result: AuthorizeResult.ALLOW })) as any;
      },
    }),
  });
}
