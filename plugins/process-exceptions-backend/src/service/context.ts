import {
  AuditorService,
  AuthService,
  HttpAuthService,
  LoggerService,
  PermissionsService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { ApiRouter } from '@backstage/backend-openapi-utils';
import { NotAllowedError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  AuthorizeResult,
  BasicPermission,
} from '@backstage/plugin-permission-common';
import { Request } from 'express';
import { PortalActions, Writer } from '../actions/PortalActions';
import { ExceptionStore } from '../database/ExceptionStore';
import { Inbox } from '../inbox/Inbox';
import { MaintenanceFailures } from '../maintenance/MaintenanceFailures';
import { Ingestor } from '../ingest/Ingestor';
import { Policy } from '../policy/Policy';
import { RebuildRunner } from '../rebuild/RebuildRunner';
import { spec } from '../schema/openapi.generated';
import { WebhookSettings } from '@process-exceptions/backstage-plugin-process-exceptions-node';
import { serviceWriteRefusal, ServiceGrants } from './serviceWrites';
import { ServiceScopes } from '../ingest/serviceScopes';
import { writerOf } from './principals';
import { ReadAccess, readAccessOf } from './readAccess';
import { CatalogOwners } from '../scorecard/CatalogOwners';
import { LedgerSeals } from '../seals/LedgerSeals';

export type Router = ApiRouter<typeof spec>;

export interface RouterOptions {
  store: ExceptionStore;
  ingestor: Ingestor;
  rebuilds: RebuildRunner;
  httpAuth: HttpAuthService;
  auth: AuthService;
  permissions: PermissionsService;
  userInfo: UserInfoService;
  auditor: AuditorService;
  catalog: CatalogService;
  logger: LoggerService;
  policy: Policy;
  webhooks: WebhookSettings;
  /** How long a computed scorecard is reused; 0 computes every request. */
  scorecardCacheSeconds: number;
  /** How long an entity's owner from the catalog is kept for the scorecard. */
  ownersCacheSeconds: number;
  /** People's write permissions granted to services by config. */
  serviceGrants: ServiceGrants;
  /** The owners and systems scoped service tokens may address. */
  serviceScopes: ServiceScopes;
  /** Events-system deliveries not in the ledger yet. */
  inbox: Inbox;
  /** Maintenance work waiting for its retry. */
  failures: MaintenanceFailures;
  /** The ledger's hash chain; undefined while no sealing key is configured. */
  seals?: LedgerSeals;
}

/** What every route group needs: the services plus the auth and audit helpers. */
export interface RouteContext extends RouterOptions {
  actions: PortalActions;
  /** Each service's owner from the catalog, kept briefly. */
  owners: CatalogOwners;
  /** What the signed-in user or service may read (see readAccess.ts). */
  readAccess(req: Request): Promise<ReadAccess>;
  /**
   * Authenticates a person's write and checks the permission, for a
   * service too (see serviceWrites.ts); returns the actor.
   */
  writer(req: Request, permission: BasicPermission): Promise<Writer>;
  /** Runs a write and records it with the auditor, whether it succeeds or not. */
  audited<T>(req: Request, eventId: string, fn: () => Promise<T>): Promise<T>;
}

export function createRouteContext(options: RouterOptions): RouteContext {
  const { httpAuth, permissions, auditor } = options;
  return {
    ...options,
    owners: new CatalogOwners(
      options.catalog,
      options.auth,
      options.ownersCacheSeconds * 1000,
    ),
    actions: new PortalActions(
      options.store,
      options.ingestor,
      options.policy.attestation,
    ),
    readAccess: req => readAccessOf(req, httpAuth, permissions),
    async writer(req, permission) {
      const credentials = await httpAuth.credentials(req, {
        allow: ['user', 'service'],
      });
      const refusal = serviceWriteRefusal(
        credentials,
        permission,
        options.serviceGrants,
      );
      if (refusal) throw new NotAllowedError(refusal);
      const [decision] = await permissions.authorize([{ permission }], {
        credentials,
      });
      if (decision.result !== AuthorizeResult.ALLOW) {
        throw new NotAllowedError(`Not allowed: ${permission.name}`);
      }
      const groups =
        credentials.principal.type === 'user'
          ? (await options.userInfo.getUserInfo(credentials))
              .ownershipEntityRefs
          : undefined;
      return writerOf(credentials, { permission: permission.name, groups });
    },
    async audited(req, eventId, fn) {
      const event = await auditor.createEvent({
        eventId,
        request: req,
        severityLevel: 'medium',
      });
      try {
        const result = await fn();
        await event.success();
        return result;
      } catch (error) {
        await event.fail({ error: error as Error });
        throw error;
      }
    },
  };
}
