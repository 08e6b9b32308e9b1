export interface Config {
  /** Configuration of the process-exceptions plugins. */
  processExceptions?: {};
}
