import type { CompoundEntityRef } from '@backstage/catalog-model';
import { coreApis, useApi } from '@backstage/frontend-plugin-api';
import useAsync from 'react-use/esm/useAsync';
import { toScorecardRows } from './scorecardRows';
import { listChecks, runChecks } from './techInsightsRequests';

/**
 * Loads the configured checks and runs them on the entity's latest facts,
 * through the tech-insights backend. Resolves to no rows when no check is
 * configured.
 */
export function useScorecard({ kind, namespace, name }: CompoundEntityRef) {
  const discoveryApi = useApi(coreApis.discovery);
  const fetchApi = useApi(coreApis.fetch);
  return useAsync(async () => {
    const apis = { discoveryApi, fetchApi };
    const checks = await listChecks(apis);
    if (checks.length === 0) return [];
    const results = await runChecks(
      apis,
      { kind, namespace, name },
      checks.map(check => check.id),
    );
    return toScorecardRows(checks, results);
  }, [discoveryApi, fetchApi, kind, namespace, name]);
}
