/**
 * A Tech Insights module that turns process exceptions into facts, so an
 * organisation's existing scorecards can check them.
 *
 * @packageDocumentation
 */
export { techInsightsModuleProcessExceptions as default } from './module';
export { processExceptionsFactRetriever } from './processExceptionsFactRetriever';
