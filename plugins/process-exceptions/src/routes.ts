import { createRouteRef } from '@backstage/core-plugin-api';

/** @internal */
export const rootRouteRef = createRouteRef({ id: 'process-exceptions' });
