import { useRouteRef } from '@backstage/core-plugin-api';
import { rootRouteRef } from '../routes';
import { TrailParam, trailPath } from '../utils/trailKeys';

/**
 * Links to a key's trail on the plugin's page, from anywhere in the app;
 * undefined when the app does not mount the page.
 */
export function useTrailLink():
  | ((param: TrailParam, value: string) => string)
  | undefined {
  let root: (() => string) | undefined;
  try {
    // Called once on every render; the try only catches its "not mounted".
    // eslint-disable-next-line react-hooks/rules-of-hooks
    root = useRouteRef(rootRouteRef);
  } catch {
    root = undefined; // the page is not mounted in this app
  }
  if (!root) return undefined;
  const base = root().replace(/\/$/, '');
  return (param, value) => `${base}/${trailPath(param, value)}`;
}
