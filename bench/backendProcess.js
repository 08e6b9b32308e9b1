'use strict';

const { spawn } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const path = require('node:path');
const { transformArgs } = require('./devTranspiler');

const ROOT = path.resolve(__dirname, '..');

/** A free loopback port. */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Peak and current resident memory of a process, in MiB, from /proc. */
function memoryOf(pid) {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = key =>
    Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)[1]);
  return { hwmMiB: kib('VmHWM') / 1024, rssMiB: kib('VmRSS') / 1024 };
}

async function waitForHealth(url, child, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`exited with ${child.exitCode}`);
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise(r => setTimeout(r, 250));
  }
  throw new Error(`not healthy after ${timeoutMs / 1000}s: ${url}`);
}

/**
 * Starts a node process (no yarn or CLI wrapper, so `pid` is the process
 * that serves) and waits until `healthPath` answers. Output goes to `logFile`.
 */
async function startProcess({
  name,
  args,
  cwd,
  env,
  port,
  healthPath,
  logFile,
}) {
  const log = fs.openSync(logFile, 'a');
  const child = spawn(process.execPath, args, {
    cwd,
    env: { ...process.env, ...env },
    stdio: ['ignore', log, log],
  });
  fs.closeSync(log);
  const baseUrl = `http://127.0.0.1:${port}`;
  try {
    await waitForHealth(`${baseUrl}${healthPath}`, child, 120_000);
  } catch (error) {
    child.kill('SIGKILL');
    const tail = fs
      .readFileSync(logFile, 'utf8')
      .split('\n')
      .slice(-30)
      .join('\n');
    throw new Error(
      `${name} did not start (${error.message}); log tail:\n${tail}`,
    );
  }
  return {
    pid: child.pid,
    baseUrl,
    memory: () => memoryOf(child.pid),
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise(r => child.once('exit', r));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** The bench backend (packages/bench-backend), run from source with the dev transpiler. */
async function startBackend({ configFile, port, logFile, cpuProfileDir }) {
  return startProcess({
    name: 'bench backend',
    args: [
      ...transformArgs,
      ...(cpuProfileDir
        ? ['--cpu-prof', `--cpu-prof-dir=${cpuProfileDir}`]
        : []),
      'src/index.ts',
      '--config',
      configFile,
    ],
    cwd: path.join(ROOT, 'packages/bench-backend'),
    env: {
      NODE_ENV: 'production',
      LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'info',
    },
    port,
    healthPath: '/api/process-exceptions/health',
    logFile,
  });
}

/** The baseline: a bare express + knex server (baselineServer.js). */
async function startBaseline({ db, target, port, logFile }) {
  return startProcess({
    name: 'baseline server',
    args: [
      path.join(__dirname, 'baselineServer.js'),
      JSON.stringify({ db, target, port }),
    ],
    cwd: ROOT,
    env: { NODE_ENV: 'production' },
    port,
    healthPath: '/health',
    logFile,
  });
}

module.exports = { freePort, startBackend, startBaseline };
