import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  search?: {
    collators?: {
      /**
       * The process-exceptions collator of
       * `@process-exceptions/backstage-plugin-process-exceptions-backend-module-search`.
       */
      processExceptions?: {
        /**
         * How often the exceptions and findings are indexed again; by
         * default every 10 minutes, 3 seconds after start, with a timeout
         * of 15 minutes.
         */
        schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
      };
    };
  };
}
