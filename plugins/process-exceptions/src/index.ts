/**
 * The process-exceptions frontend plugin (legacy frontend system exports;
 * the new frontend system plugin is the default export of `./alpha`).
 *
 * @packageDocumentation
 */
export { processExceptionsPlugin, EntityProcessExceptionsContent } from './plugin';
export { isProcessExceptionsAvailable } from './filters';
