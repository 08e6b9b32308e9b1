import { createRouteRef } from '@backstage/core-plugin-api';

/**
 * The scorecard page for team leads.
 *
 * @internal
 */
export const rootRouteRef = createRouteRef({ id: 'process-exceptions' });

/**
 * The Exceptions tab of an entity page (legacy system). A separate ref from the
 * page's: a route ref can be mounted in one place only.
 *
 * @internal
 */
export const entityContentRouteRef = createRouteRef({
  id: 'process-exceptions:entity-content',
});

/**
 * The query parameter of the Exceptions tab that opens one exception, so
 * other views (the overview card) can link straight to it.
 *
 * @internal
 */
export const EXCEPTION_PARAM = 'exception';

/**
 * The query parameter of the Exceptions tab that marks one finding, so a
 * search result can lead to it.
 *
 * @internal
 */
export const FINDING_PARAM = 'finding';
