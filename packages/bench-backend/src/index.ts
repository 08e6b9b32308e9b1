import { createBackend } from '@backstage/backend-defaults';
import { benchCatalogServiceFactory } from './benchCatalogServiceFactory';

// The process-exceptions plugin alone, as `yarn bench` (bench/run.sh) starts
// it. The catalog is a stub (see benchCatalogServiceFactory); notifications
// keep their default client and are never called, because the bench config
// schedules the plugin's maintenance task out of the measurement's way.
const backend = createBackend();
backend.add(benchCatalogServiceFactory);
backend.add(
  import('@process-exceptions/backstage-plugin-process-exceptions-backend'),
);
backend.start();
