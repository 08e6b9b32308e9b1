import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import { processExceptionsPermissions } from '@process-exceptions/backstage-plugin-process-exceptions-common';
import { DatabaseExceptionStore } from './database/DatabaseExceptionStore';
import { CatalogEntityResolver } from './ingest/EntityResolver';
import { Ingestor } from './ingest/Ingestor';
import { DatabaseNotificationLog } from './notifications/DatabaseNotificationLog';
import { notifyTransitions } from './notifications/notifyTransitions';
import { readNotificationSettings } from './notifications/readNotificationSettings';
import { readPolicy } from './policy/readPolicy';
import { readPolicyVersion } from './policy/PolicyVersion';
import { DatabaseRebuildJobs } from './rebuild/DatabaseRebuildJobs';
import { RebuildRunner } from './rebuild/RebuildRunner';
import { scheduleRebuilds } from './rebuild/scheduleRebuilds';
import { scheduleMaintenance } from './scheduler/scheduleMaintenance';
import { createRouter } from './service/createRouter';
import { readWebhookSettings } from '@process-exceptions/backstage-plugin-process-exceptions-node';
import { readServiceGrants } from './service/serviceWrites';
import { readServiceScopes } from './ingest/serviceScopes';
import { DatabaseInbox } from './inbox/DatabaseInbox';
import { DatabaseMaintenanceFailures } from './maintenance/DatabaseMaintenanceFailures';
import { InboxApplier } from './inbox/InboxApplier';
import { catalogAnnotations } from './webhooks/checkScopes';
import { subscribeToEvents } from './inbox/subscribeToEvents';
import { DatabaseLedgerSeals } from './seals/DatabaseLedgerSeals';
import { readSealingKey } from './seals/sealingKey';

/**
 * The process-exceptions backend plugin, mounted at `/api/process-exceptions`.
 *
 * @public
 */
export const processExceptionsPlugin = createBackendPlugin({
  pluginId: 'process-exceptions',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        database: coreServices.database,
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        auth: coreServices.auth,
        permissions: coreServices.permissions,
        userInfo: coreServices.userInfo,
        permissionsRegistry: coreServices.permissionsRegistry,
        auditor: coreServices.auditor,
        scheduler: coreServices.scheduler,
        logger: coreServices.logger,
        catalog: catalogServiceRef,
        notifications: notificationService,
        events: eventsServiceRef,
      },
      async init(deps) {
        const { config, database, httpRouter, logger, catalog, auth } = deps;
        const store = await DatabaseExceptionStore.create({
          database,
          logger,
        });
        const policy = readPolicy(config);
        const serviceScopes = readServiceScopes(config);
        const ingestor = new Ingestor({
          store,
          resolver: new CatalogEntityResolver(
            catalog,
            auth,
            (config.getOptionalNumber(
              'processExceptions.ingestion.entityCacheSeconds',
            ) ?? 300) * 1000,
            serviceScopes,
          ),
          policy,
          version: readPolicyVersion(config, policy),
          logger,
        });
        const rebuilds = new RebuildRunner({
          jobs: new DatabaseRebuildJobs(await database.getClient()),
          ingestor,
          logger,
          // A second connection keeps both of a small server's cores busy.
          concurrency: Math.min(2, store.maxConcurrentWrites),
        });
        await scheduleRebuilds({ scheduler: deps.scheduler, runner: rebuilds });
        deps.permissionsRegistry.addPermissions(processExceptionsPermissions);
        const notificationLog = await DatabaseNotificationLog.create({
          database,
          store,
        });
        const settings = readNotificationSettings(config);
        const inbox = new DatabaseInbox(await database.getClient());
        const failures = new DatabaseMaintenanceFailures(
          await database.getClient(),
        );
        const applier = new InboxApplier({
          inbox,
          ingestor,
          policy,
          logger,
          annotationsOf: catalogAnnotations(catalog, auth),
        });
        const sealingKey = readSealingKey(config);
        const seals =
          sealingKey &&
          new DatabaseLedgerSeals(await database.getClient(), sealingKey);
        if (!seals) {
          logger.warn(
            'The ledger is not sealed: set processExceptions.ledger.sealingKey to seal it into a hash chain',
          );
        }
        await scheduleMaintenance({
          config,
          seals,
          scheduler: deps.scheduler,
          logger,
          store,
          ingestor,
          applier,
          failures,
          notify: now =>
            notifyTransitions({
              log: notificationLog,
              notifications: deps.notifications,
              settings,
              logger,
              now,
              failures,
            }),
        });
        await subscribeToEvents({ events: deps.events, applier });
        httpRouter.use(
          await createRouter({
            ...deps,
            store,
            ingestor,
            inbox,
            failures,
            seals,
            rebuilds,
            policy,
            webhooks: readWebhookSettings(config),
            serviceGrants: readServiceGrants(config),
            serviceScopes,
            scorecardCacheSeconds:
              config.getOptionalNumber(
                'processExceptions.scorecard.cacheSeconds',
              ) ?? 30,
            ownersCacheSeconds:
              config.getOptionalNumber(
                'processExceptions.scorecard.ownersCacheSeconds',
              ) ?? 300,
          }),
        );
        httpRouter.addAuthPolicy({ path: '/health', allow: 'unauthenticated' });
        // Senders sign their deliveries; the router checks each signature.
        httpRouter.addAuthPolicy({
          path: '/v1/webhooks',
          allow: 'unauthenticated',
        });
      },
    });
  },
});
