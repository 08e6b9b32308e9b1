import { createBackend } from '@backstage/backend-defaults';

// What `yarn bench` (bench/run.sh) starts: Backstage's catalog, holding the
// services and teams the bench generates (a file location in its config),
// and the process-exceptions plugin. Notifications keep their default client
// and are never called, because the bench config schedules the plugin's
// maintenance task out of the measurement's way.
const backend = createBackend();
backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(
  import('@process-exceptions/backstage-plugin-process-exceptions-backend'),
);
backend.start();
