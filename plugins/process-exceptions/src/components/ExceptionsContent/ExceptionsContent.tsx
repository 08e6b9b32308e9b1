import { EmptyState } from '@backstage/core-components';

/** The Exceptions tab of a component's entity page. */
export const ExceptionsContent = () => (
  <EmptyState
    missing="content"
    title="No exceptions recorded — the chain is intact"
    description="Hotfixes, emergency flag disables and partially ready stories of this service will be listed here with their backfill tasks."
  />
);
