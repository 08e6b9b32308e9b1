import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { waitFor200 } from '../http/httpJson';
import { BACKEND_DIR, PLUGIN_PATH, REPO_ROOT } from './paths';

/** Backstage's dev transpiler, as `backstage-cli package start` loads it. */
const NODE_TRANSFORM = require.resolve(
  '@backstage/cli-node/config/nodeTransform.cjs',
  { paths: [BACKEND_DIR] },
);

export interface ReplicaOptions {
  name: string;
  port: number;
  /** Written as the replica's extra config file (JSON is YAML). */
  config: object;
  /** Where the config file and the log go. */
  runDir: string;
  /** Extra environment, e.g. to show where a token comes from. */
  env?: Record<string, string>;
}

/** Resident memory of a process from /proc, in MiB. */
export function rssMiB(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = /^VmRSS:\s+(\d+) kB/m.exec(status);
  return match ? Number(match[1]) / 1024 : NaN;
}

/**
 * One replica of the demo portal's backend (`packages/backend`), run from
 * source the way `backstage-cli package start` runs it, but without the
 * CLI's file watcher: a replica must not restart because someone edits a
 * file, and the process we start is the node process that serves, leading
 * its own process group, so a kill reaches exactly it.
 */
export class Replica {
  private child?: ChildProcess;
  private exited?: Promise<void>;
  readonly baseUrl: string;
  readonly logFile: string;
  readonly configFile: string;

  private constructor(private readonly options: ReplicaOptions) {
    this.baseUrl = `http://127.0.0.1:${options.port}`;
    this.logFile = path.join(options.runDir, `${options.name}.log`);
    this.configFile = path.join(options.runDir, `${options.name}.yaml`);
    fs.mkdirSync(options.runDir, { recursive: true });
    fs.writeFileSync(this.configFile, JSON.stringify(options.config, null, 2));
  }

  /** Starts the replica and waits until the plugin answers its health check. */
  static async start(options: ReplicaOptions): Promise<Replica> {
    const replica = new Replica(options);
    await replica.start();
    return replica;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  get pluginUrl(): string {
    return `${this.baseUrl}${PLUGIN_PATH}`;
  }

  isRunning(): boolean {
    return Boolean(
      this.child && this.child.exitCode === null && !this.child.signalCode,
    );
  }

  /** Everything the replica logged, across restarts. */
  log(): string {
    return fs.existsSync(this.logFile)
      ? fs.readFileSync(this.logFile, 'utf8')
      : '';
  }

  /** Bytes logged so far, to read what a later start logs. */
  logSize(): number {
    return fs.existsSync(this.logFile) ? fs.statSync(this.logFile).size : 0;
  }

  /** What the replica logged after `offset` (see {@link Replica.logSize}). */
  logSince(offset: number): string {
    return this.log().slice(offset);
  }

  async start(timeoutMs = 180_000): Promise<void> {
    if (this.isRunning()) return;
    const offset = this.logSize();
    const log = fs.openSync(this.logFile, 'a');
    const env: NodeJS.ProcessEnv = { ...process.env };
    for (const key of Object.keys(env)) {
      if (key.startsWith('JEST_')) delete env[key];
    }
    const child = spawn(
      process.execPath,
      [
        '--enable-source-maps',
        '--require',
        NODE_TRANSFORM,
        'src/index.ts',
        '--config',
        path.join(REPO_ROOT, 'app-config.yaml'),
        '--config',
        path.join(REPO_ROOT, 'app-config.demo.yaml'),
        '--config',
        this.configFile,
      ],
      {
        cwd: BACKEND_DIR,
        // Its own process group: kill(-pid) reaches it and nothing else.
        detached: true,
        stdio: ['ignore', log, log],
        env: {
          ...env,
          NODE_ENV: 'development',
          LOG_LEVEL: env.LOG_LEVEL ?? 'info',
          FORCE_COLOR: '0',
          ...this.options.env,
        },
      },
    );
    fs.closeSync(log);
    this.child = child;
    this.exited = new Promise(resolve => child.once('exit', () => resolve()));
    try {
      // Backstage's readiness, not the plugin's health: when another
      // plugin's startup fails, the process keeps running and this plugin
      // answers its health check, but the backend never becomes ready.
      const isAlive = () =>
        this.isRunning() &&
        !this.logSince(offset).includes('Backend startup failed');
      await waitFor200(
        `${this.baseUrl}/.backstage/health/v1/readiness`,
        timeoutMs,
        { isAlive },
      );
      await waitFor200(`${this.pluginUrl}/health`, 30_000, { isAlive });
    } catch (error) {
      await this.kill();
      const tail = this.log().split('\n').slice(-40).join('\n');
      throw new Error(
        `replica ${this.options.name} did not start: ${error}\n--- log tail ---\n${tail}`,
      );
    }
  }

  /** Kills the whole process group at once (default SIGKILL) and waits. */
  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    const child = this.child;
    if (!child?.pid || !this.isRunning()) return;
    try {
      process.kill(-child.pid, signal);
    } catch {
      // already gone
    }
    await this.exited;
  }

  /** Stops gracefully, or kills after `graceMs`. */
  async stop(graceMs = 15_000): Promise<void> {
    if (!this.isRunning()) return;
    const timer = setTimeout(() => {
      this.kill('SIGKILL').catch(() => {});
    }, graceMs);
    await this.kill('SIGTERM');
    clearTimeout(timer);
  }
}
