import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { eventsExtensionPoint } from '@backstage/plugin-events-node/alpha';
import { RequestValidator } from '@backstage/plugin-events-node';
import {
  readWebhookSettings,
  verifyDelivery,
  WebhookSettings,
  WebhookSource,
} from '@process-exceptions/backstage-plugin-process-exceptions-node';

/** GitHub has its own ingress module (`@backstage/plugin-events-backend-module-github`). */
const TOPICS: WebhookSource[] = [
  'cdevents',
  'launchdarkly',
  'unleash',
  'flagsmith',
];

function signatureValidator(
  source: WebhookSource,
  settings: WebhookSettings,
): RequestValidator {
  return async (request, context) => {
    const refused = verifyDelivery(
      source,
      settings,
      request.headers,
      request.raw.body,
    );
    if (refused) {
      context.reject({
        status: 401,
        payload: {
          error: {
            name: 'AuthenticationError',
            message: `${source}: ${refused}`,
          },
        },
      });
    }
  };
}

/**
 * `POST /api/events/http/{cdevents,launchdarkly,unleash,flagsmith}`, checked
 * with the secrets under `processExceptions.webhooks`.
 *
 * @public
 */
export const eventsModuleProcessExceptionsIngress = createBackendModule({
  pluginId: 'events',
  moduleId: 'process-exceptions-ingress',
  register(env) {
    env.registerInit({
      deps: { config: coreServices.rootConfig, events: eventsExtensionPoint },
      async init({ config, events }) {
        const settings = readWebhookSettings(config);
        for (const topic of TOPICS) {
          events.addHttpPostIngress({
            topic,
            validator: signatureValidator(topic, settings),
          });
        }
      },
    });
  },
});
