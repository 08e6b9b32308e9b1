import { createBackend } from '@backstage/backend-defaults';

const backend = createBackend();

backend.add(import('@backstage/plugin-app-backend'));

// auth: guest sign-in for local use (https://backstage.io/docs/auth/guest/provider)
backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));

// catalog
backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(import('@backstage/plugin-catalog-backend-module-logs'));

// permissions (https://backstage.io/docs/permissions/getting-started)
backend.add(import('@backstage/plugin-permission-backend'));
backend.add(
  import('@backstage/plugin-permission-backend-module-allow-all-policy'),
);

// events, notifications and signals
backend.add(import('@backstage/plugin-events-backend'));
// GitHub webhooks and the flag systems' webhooks through the events system
backend.add(import('@backstage/plugin-events-backend-module-github'));
backend.add(
  import(
    '@process-exceptions/backstage-plugin-process-exceptions-backend-module-events'
  ),
);
backend.add(import('@backstage/plugin-notifications-backend'));
backend.add(import('@backstage/plugin-signals-backend'));
backend.add(import('@backstage/plugin-user-settings-backend'));

// process exceptions
backend.add(
  import('@process-exceptions/backstage-plugin-process-exceptions-backend'),
);

// tech insights (scorecards), with the process-exceptions facts
backend.add(import('@backstage-community/plugin-tech-insights-backend'));
backend.add(
  import('@backstage-community/plugin-tech-insights-backend-module-jsonfc'),
);
backend.add(
  import(
    '@process-exceptions/backstage-plugin-process-exceptions-backend-module-tech-insights'
  ),
);

// search: Lunr in memory, or PostgreSQL's full-text search when the portal
// runs on PostgreSQL (the module registers its engine only there), with the
// process exceptions and findings
backend.add(import('@backstage/plugin-search-backend'));
backend.add(import('@backstage/plugin-search-backend-module-pg'));
backend.add(
  import(
    '@process-exceptions/backstage-plugin-process-exceptions-backend-module-search'
  ),
);

backend.start();
