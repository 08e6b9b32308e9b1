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
import {
  SearchFilterResultTypeBlueprint,
  SearchResultListItemBlueprint,
} from '@backstage/plugin-search-react/alpha';
import AssignmentLateIcon from '@material-ui/icons/AssignmentLate';
import { PROCESS_EXCEPTION_SEARCH_TYPE } from '@process-exceptions/backstage-plugin-process-exceptions-common';
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
 * Shows the exceptions and findings that the search backend module indexes
 * among the search page's results.
 *
 * @alpha
 */
export const processExceptionsSearchResultListItem =
  SearchResultListItemBlueprint.make({
    params: {
      icon: <AssignmentLateIcon />,
      predicate: result => result.type === PROCESS_EXCEPTION_SEARCH_TYPE,
      component: () =>
        import('./components/ProcessExceptionSearchResultListItem').then(
          m => m.ProcessExceptionSearchResultListItem,
        ),
    },
  });

/**
 * The search page's "Process exceptions" result type.
 *
 * @alpha
 */
export const processExceptionsSearchResultType =
  SearchFilterResultTypeBlueprint.make({
    params: {
      value: PROCESS_EXCEPTION_SEARCH_TYPE,
      name: 'Process exceptions',
      icon: <AssignmentLateIcon />,
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
    processExceptionsSearchResultListItem,
    processExceptionsSearchResultType,
  ],
});
