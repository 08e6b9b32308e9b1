import { createFrontendModule } from '@backstage/frontend-plugin-api';
import { scorecardEntityContent } from './scorecardEntityContent';

/**
 * An app-local view of the Tech Insights checks: the Scorecard tab on
 * component pages. It stands in for the community frontend package,
 * `@backstage-community/plugin-tech-insights`, which the registry this repo
 * installs from does not serve; that package's scorecard content can replace
 * this module.
 */
export const techInsightsModule = createFrontendModule({
  pluginId: 'app',
  extensions: [scorecardEntityContent],
});
