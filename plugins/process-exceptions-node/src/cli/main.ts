import { runCli } from './runCli';

/**
 * Runs the CLI on this process's arguments and streams; what
 * `bin/process-exceptions` calls.
 *
 * @public
 */
export async function main(): Promise<void> {
  // exitCode rather than process.exit(), so buffered output to a pipe is
  // flushed before the process ends.
  process.exitCode = await runCli(process.argv.slice(2), {
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
  });
}
