/**
 * Helpers to run the demo backend as a cluster of real processes on one
 * PostgreSQL, used by this package's tests and by `yarn soak`.
 *
 * @packageDocumentation
 */
export { Replica, rssMiB } from './cluster/Replica';
export type { ReplicaOptions } from './cluster/Replica';
export { replicaConfig } from './cluster/replicaConfig';
export type { StaticToken } from './cluster/replicaConfig';
export { freePort, startCluster, waitForCatalog } from './cluster/startCluster';
export { PIPELINE_TOKEN, PLUGIN_PATH, REPO_ROOT } from './cluster/paths';
export { closeConnections, httpJson, waitFor200 } from './http/httpJson';
export type { JsonResponse } from './http/httpJson';
export { exampleServices } from './stream/exampleServices';
export type { ExampleService } from './stream/exampleServices';
export {
  generateStream,
  seededRandom,
  UNKNOWN_SERVICE,
} from './stream/generateStream';
export type { StreamOptions, V1Event } from './stream/generateStream';
