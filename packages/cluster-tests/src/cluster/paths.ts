import { resolvePackagePath } from '@backstage/backend-plugin-api';
import path from 'node:path';

/** The monorepo root: this package lives in packages/cluster-tests. */
export const REPO_ROOT = resolvePackagePath('cluster-tests', '../..');

/** The demo portal's backend, run as each replica. */
export const BACKEND_DIR = path.join(REPO_ROOT, 'packages/backend');

/**
 * The static token app-config.yaml gives pipelines (process-exceptions only):
 * `PROCESS_EXCEPTIONS_PIPELINE_TOKEN`, or the local default.
 */
export const PIPELINE_TOKEN =
  process.env.PROCESS_EXCEPTIONS_PIPELINE_TOKEN ||
  'local-dev-pipeline-token-change-me';

export const PLUGIN_PATH = '/api/process-exceptions';
