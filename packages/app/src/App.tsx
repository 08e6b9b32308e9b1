import { createApp } from '@backstage/frontend-defaults';
import catalogPlugin from '@backstage/plugin-catalog/alpha';
import processExceptionsPlugin from '@process-exceptions/backstage-plugin-process-exceptions/alpha';
import { navModule } from './modules/nav';
import { techInsightsModule } from './modules/techInsights';

// Other plugins in package.json are discovered through `app.packages: all`.
export default createApp({
  features: [
    catalogPlugin,
    processExceptionsPlugin,
    navModule,
    techInsightsModule,
  ],
});
