/**
 * Registers HTTP ingress topics of Backstage's events system for the flag
 * systems and CDEvents, each with a validator that checks the sender's
 * signature, so relayed deliveries reach the process-exceptions plugin.
 *
 * @packageDocumentation
 */
export { eventsModuleProcessExceptionsIngress as default } from './module';
