import {
  createPlugin,
  createRoutableExtension,
} from '@backstage/core-plugin-api';
import { rootRouteRef } from './routes';

/**
 * The process-exceptions plugin for apps on the legacy frontend system.
 *
 * @public
 */
export const processExceptionsPlugin = createPlugin({
  id: 'process-exceptions',
  routes: { root: rootRouteRef },
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
    mountPoint: rootRouteRef,
  }),
);
