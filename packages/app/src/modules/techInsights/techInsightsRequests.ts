import type {
  Check,
  CheckResult,
} from '@backstage-community/plugin-tech-insights-common';
import type { CompoundEntityRef } from '@backstage/catalog-model';
import type { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';

/** The APIs the requests go through: the backend's URL and the signed-in fetch. */
export type TechInsightsApis = {
  discoveryApi: Pick<DiscoveryApi, 'getBaseUrl'>;
  fetchApi: Pick<FetchApi, 'fetch'>;
};

async function requestJson<T>(
  { discoveryApi, fetchApi }: TechInsightsApis,
  path: string,
  init?: RequestInit,
): Promise<T> {
  const baseUrl = await discoveryApi.getBaseUrl('tech-insights');
  const response = await fetchApi.fetch(`${baseUrl}${path}`, init);
  if (!response.ok) throw await ResponseError.fromResponse(response);
  return (await response.json()) as T;
}

/** `GET /api/tech-insights/checks`: every configured check. */
export const listChecks = (apis: TechInsightsApis): Promise<Check[]> =>
  requestJson<Check[]>(apis, '/checks');

/**
 * `POST /api/tech-insights/checks/run/:namespace/:kind/:name`: runs the given
 * checks on the entity's latest facts. Checks whose facts are missing are left
 * out of the answer.
 */
export const runChecks = (
  apis: TechInsightsApis,
  entity: CompoundEntityRef,
  checkIds: string[],
): Promise<CheckResult[]> =>
  requestJson<CheckResult[]>(
    apis,
    `/checks/run/${[entity.namespace, entity.kind, entity.name]
      .map(encodeURIComponent)
      .join('/')}`,
    {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ checks: checkIds }),
    },
  );
