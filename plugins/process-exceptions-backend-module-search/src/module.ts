import {
  coreServices,
  createBackendModule,
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { searchIndexRegistryExtensionPoint } from '@backstage/plugin-search-backend-node/alpha';
import { ProcessExceptionsCollatorFactory } from './ProcessExceptionsCollatorFactory';

/** The catalog collator's default: every 10 minutes, soon after start. */
const DEFAULT_SCHEDULE: SchedulerServiceTaskScheduleDefinition = {
  frequency: { minutes: 10 },
  timeout: { minutes: 15 },
  initialDelay: { seconds: 3 },
};

/**
 * Indexes process exceptions and findings in Backstage's search, on the
 * schedule `search.collators.processExceptions.schedule` (every 10 minutes
 * by default).
 *
 * @public
 */
export const searchModuleProcessExceptionsCollator = createBackendModule({
  pluginId: 'search',
  moduleId: 'process-exceptions-collator',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        scheduler: coreServices.scheduler,
        discovery: coreServices.discovery,
        auth: coreServices.auth,
        catalog: catalogServiceRef,
        indexRegistry: searchIndexRegistryExtensionPoint,
      },
      async init({
        config,
        logger,
        scheduler,
        discovery,
        auth,
        catalog,
        indexRegistry,
      }) {
        const key = 'search.collators.processExceptions.schedule';
        const schedule = config.has(key)
          ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
              config.getConfig(key),
            )
          : DEFAULT_SCHEDULE;
        indexRegistry.addCollator({
          schedule: scheduler.createScheduledTaskRunner(schedule),
          factory: ProcessExceptionsCollatorFactory.create({
            discovery,
            auth,
            catalog,
            logger,
          }),
        });
      },
    });
  },
});
