/**
 * The `process-exceptions` command line, for CI jobs that report delivery
 * events or ask the merge gate.
 *
 * @packageDocumentation
 */
export { runCli } from './runCli';
export type { CliIo } from './runCli';
export { main } from './main';
export { EXIT_CODES } from './exitCodes';
