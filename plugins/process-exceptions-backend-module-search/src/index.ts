/**
 * A search backend module that indexes process exceptions and findings, so
 * that searching an incident, a change or a flag in the portal finds them.
 *
 * @packageDocumentation
 */
export { searchModuleProcessExceptionsCollator as default } from './module';
export {
  ProcessExceptionsCollatorFactory,
  type ProcessExceptionsCollatorFactoryOptions,
} from './ProcessExceptionsCollatorFactory';
