import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { ProcessExceptionsClient, processExceptionsApiRef } from './api';
import { entityContentRouteRef, rootRouteRef } from './routes';

/**
 * The process-exceptions plugin for apps on the legacy frontend system.
 *
 * @public
 */
export const processExceptionsPlugin = createPlugin({
  id: 'process-exceptions',
  apis: [
    createApiFactory({
      api: processExceptionsApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new ProcessExceptionsClient({ discoveryApi, fetchApi }),
    }),
  ],
  routes: { root: rootRouteRef, entityContent: entityContentRouteRef },
});

/**
 * The Exceptions tab of a component's entity page.
 *
 * @public
 */
export const EntityProcessExceptionsContent = processExceptionsPlugin.provide(
  createRoutableExtension({
    name: 'EntityProcessExceptionsContent',
    component: () =>
      import('./components/ExceptionsContent').then(m => m.ExceptionsContent),
    mountPoint: entityContentRouteRef,
  }),
);

/**
 * The overdue backfills of a service, for its entity overview page.
 *
 * @public
 */
export const EntityOverdueBackfillsCard = processExceptionsPlugin.provide(
  createComponentExtension({
    name: 'EntityOverdueBackfillsCard',
    component: {
      lazy: () =>
        import('./components/OverdueBackfillsCard').then(
          m => m.OverdueBackfillsCard,
        ),
    },
  }),
);

/**
 * The scorecard page for team leads, usually mounted at `/process-exceptions`.
 *
 * @public
 */
export const ProcessExceptionsPage = processExceptionsPlugin.provide(
  createRoutableExtension({
    name: 'ProcessExceptionsPage',
    component: () =>
      import('./components/ProcessExceptionsPage').then(
        m => m.ProcessExceptionsPage,
      ),
    mountPoint: rootRouteRef,
  }),
);
