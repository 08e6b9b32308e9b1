import { usePermission } from '@backstage/plugin-permission-react';
import {
  processExceptionsAcknowledgeFindingPermission,
  processExceptionsCompleteTaskPermission,
  processExceptionsCreatePermission,
} from '@process-exceptions/backstage-plugin-process-exceptions-common';

export interface ActionPermissions {
  canRecord: boolean;
  canCompleteTask: boolean;
  canAcknowledge: boolean;
}

/**
 * Which actions the signed-in person may take. The backend enforces the same
 * permissions; this only keeps actions a person cannot take out of sight.
 */
export function useActionPermissions(): ActionPermissions {
  const record = usePermission({
    permission: processExceptionsCreatePermission,
  });
  const complete = usePermission({
    permission: processExceptionsCompleteTaskPermission,
  });
  const acknowledge = usePermission({
    permission: processExceptionsAcknowledgeFindingPermission,
  });
  return {
    canRecord: !record.loading && record.allowed,
    canCompleteTask: !complete.loading && complete.allowed,
    canAcknowledge: !acknowledge.loading && acknowledge.allowed,
  };
}
