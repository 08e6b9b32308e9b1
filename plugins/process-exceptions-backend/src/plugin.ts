import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { DatabaseExceptionStore } from './database/DatabaseExceptionStore';
import { createRouter } from './service/createRouter';

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
        database: coreServices.database,
        httpRouter: coreServices.httpRouter,
        logger: coreServices.logger,
      },
      async init({ database, httpRouter, logger }) {
        const store = await DatabaseExceptionStore.create({ database });
        httpRouter.use(await createRouter({ store, logger }));
        httpRouter.addAuthPolicy({ path: '/health', allow: 'unauthenticated' });
      },
    });
  },
});
