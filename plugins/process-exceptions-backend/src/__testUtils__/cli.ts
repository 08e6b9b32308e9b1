import { mockCredentials } from '@backstage/backend-test-utils';
import { runCli } from '@process-exceptions/backstage-plugin-process-exceptions-node/cli';
import { Server } from 'node:http';
import { AddressInfo } from 'node:net';

/**
 * Runs `process-exceptions <args>` against a test backend, as a pipeline
 * would (a service token unless `token` is given); answers what it printed.
 */
export async function cliAgainst(
  server: Server,
  args: string[],
  token: string = mockCredentials.service.token(),
) {
  const { port } = server.address() as AddressInfo;
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
    env: {
      PROCESS_EXCEPTIONS_URL: `http://127.0.0.1:${port}`,
      PROCESS_EXCEPTIONS_TOKEN: token,
    },
  });
  return { code, stdout, stderr };
}
