import { PIPELINE_TOKEN } from '../cluster/paths';
import { Replica } from '../cluster/Replica';
import { V1Event } from '../stream/generateStream';
import { httpJson, JsonResponse } from './httpJson';

/** What `POST /v1/events` answers for one event. */
export interface EventResult {
  id: string;
  status: 'recorded' | 'duplicate';
  unmapped: boolean;
  exceptions: Array<{ id: string; change: string; status: string }>;
  findings: Array<{ id: string; rule: string; change: string }>;
}

/** Posts a batch as a pipeline does, with the static pipeline token. */
export function postEvents(
  replica: Replica,
  events: V1Event[],
): Promise<JsonResponse<{ results: EventResult[] }>> {
  return httpJson('POST', `${replica.pluginUrl}/v1/events`, {
    token: PIPELINE_TOKEN,
    body: { events },
  });
}

/** A read of the plugin's API with the pipeline token. */
export function getPlugin<T = any>(
  replica: Replica,
  path: string,
): Promise<JsonResponse<T>> {
  return httpJson('GET', `${replica.pluginUrl}${path}`, {
    token: PIPELINE_TOKEN,
  });
}
