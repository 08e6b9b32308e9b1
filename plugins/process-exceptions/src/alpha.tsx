import {
  ApiBlueprint,
  coreApis,
  createFrontendPlugin,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import { convertLegacyRouteRef } from '@backstage/core-compat-api';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import AssignmentLateIcon from '@material-ui/icons/AssignmentLate';
import { ProcessExceptionsClient, processExceptionsApiRef } from './api';
import { componentEntityFilter } from './filters';
import { rootRouteRef } from './routes';

const pageRouteRef = convertLegacyRouteRef(rootRouteRef);

/** @alpha */
export const processExceptionsApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: processExceptionsApiRef,
      deps: { discoveryApi: coreApis.discovery, fetchApi: coreApis.fetch },
      factory: ({ discoveryApi, fetchApi }) =>
        new ProcessExceptionsClient({ discoveryApi, fetchApi }),
    }),
});

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

/** @alpha */
export const entityOverdueBackfillsCard = EntityCardBlueprint.make({
  name: 'overdue-backfills',
  params: {
    filter: componentEntityFilter,
    loader: () =>
      import('./components/OverdueBackfillsCard').then(m => (
        <m.OverdueBackfillsCard />
      )),
  },
});

/**
 * The scorecard page; its title and icon also make its item in the app's nav.
 *
 * @alpha
 */
export const processExceptionsPage = PageBlueprint.make({
  params: {
    path: '/process-exceptions',
    title: 'Process exceptions',
    icon: <AssignmentLateIcon />,
    routeRef: pageRouteRef,
    // the page draws its own header, the same one legacy apps show
    noHeader: true,
    loader: () =>
      import('./components/ProcessExceptionsPage').then(m => (
        <m.ProcessExceptionsPage />
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
  title: 'Process exceptions',
  icon: <AssignmentLateIcon />,
  routes: { root: pageRouteRef },
  extensions: [
    processExceptionsApi,
    entityProcessExceptionsContent,
    entityOverdueBackfillsCard,
    processExceptionsPage,
  ],
});
