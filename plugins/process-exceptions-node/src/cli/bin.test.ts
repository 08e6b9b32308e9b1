import { spawn, spawnSync } from 'node:child_process';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import { resolve } from 'node:path';

// The real executable, as a CI job runs it: through the bin script, the
// TypeScript transform and process.exitCode.
const binPath = resolve(__dirname, '../../bin/process-exceptions');

describe('bin/process-exceptions', () => {
  it('prints the help and exits 0', () => {
    const result = spawnSync(process.execPath, [binPath, '--help'], {
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('Usage: process-exceptions <command>');
  });

  it('exits 1 when the gate is closed', async () => {
    const server = http.createServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(
        JSON.stringify({
          allowed: false,
          blocking: [
            {
              exceptionId: 'exc-1',
              entityRef: 'component:default/cart-service',
              storyId: 'ST-311',
              gapKey: 'copy',
              description: 'Final copy',
            },
          ],
        }),
      );
    });
    await new Promise<void>(done => server.listen(0, '127.0.0.1', done));
    const { port } = server.address() as AddressInfo;
    try {
      // spawnSync would block the loop this server answers on.
      const child = spawn(
        process.execPath,
        [binPath, 'gate', '--change', 'pr-1'],
        {
          env: {
            ...process.env,
            PROCESS_EXCEPTIONS_URL: `http://127.0.0.1:${port}`,
          },
        },
      );
      let stdout = '';
      child.stdout.setEncoding('utf8').on('data', chunk => {
        stdout += chunk;
      });
      const code = await new Promise(done => child.on('close', done));
      expect(code).toBe(1);
      expect(stdout).toContain(
        'merge blocked: 1 open readiness gap for change pr-1',
      );
    } finally {
      server.closeAllConnections();
      await new Promise(done => server.close(done));
    }
  });
});
