import { createFrontendPlugin } from '@backstage/frontend-plugin-api';
import { EntityContentBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { componentEntityFilter } from './filters';

/** @alpha */
export const entityProcessExceptionsContent = EntityContentBlueprint.make({
  name: 'exceptions',
  params: {
    path: 'exceptions',
    title: 'Exceptions',
    filter: componentEntityFilter,
    loader: () =>
      import('./components/ExceptionsContent').then(m => (
        <m.ExceptionsContent />
      )),
  },
});

/**
 * The process-exceptions plugin for apps on the new frontend system.
 *
 * @alpha
 */
export default createFrontendPlugin({
  pluginId: 'process-exceptions',
  extensions: [entityProcessExceptionsContent],
});
