/**
 * The plugin id of the whole process-exceptions family.
 *
 * @public
 */
export const PROCESS_EXCEPTIONS_PLUGIN_ID = 'process-exceptions';
