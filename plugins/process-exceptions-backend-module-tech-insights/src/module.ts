import { createBackendModule } from '@backstage/backend-plugin-api';
import { techInsightsFactRetrieversExtensionPoint } from '@backstage-community/plugin-tech-insights-node';
import { processExceptionsFactRetriever } from './processExceptionsFactRetriever';

/**
 * Registers the process-exceptions fact retriever with Tech Insights. Like
 * every retriever, it runs only when
 * `techInsights.factRetrievers.processExceptionsFactRetriever` is configured.
 *
 * @public
 */
export const techInsightsModuleProcessExceptions = createBackendModule({
  pluginId: 'tech-insights',
  moduleId: 'process-exceptions',
  register(env) {
    env.registerInit({
      deps: { retrievers: techInsightsFactRetrieversExtensionPoint },
      async init({ retrievers }) {
        retrievers.addFactRetrievers({ processExceptionsFactRetriever });
      },
    });
  },
});
