import { createPermission } from '@backstage/plugin-permission-common';

/**
 * Allows reading answers that span services: the scorecard across teams,
 * trends, unmapped events, the inbox, the merge gate, and every service's
 * records whatever the catalog lets the caller read. Without it, a caller
 * reads the records of the entities the catalog's read permission lets it
 * read.
 *
 * @public
 */
export const processExceptionsReadPermission = createPermission({
  name: 'process-exceptions.read',
  attributes: { action: 'read' },
});

/**
 * Allows a person to record an exception by hand.
 *
 * @public
 */
export const processExceptionsCreatePermission = createPermission({
  name: 'process-exceptions.exception.create',
  attributes: { action: 'create' },
});

/**
 * Allows a person to mark a backfill task as done.
 *
 * @public
 */
export const processExceptionsCompleteTaskPermission = createPermission({
  name: 'process-exceptions.task.complete',
  attributes: { action: 'update' },
});

/**
 * Allows a person to acknowledge a finding by recording the missing exception.
 *
 * @public
 */
export const processExceptionsAcknowledgeFindingPermission = createPermission({
  name: 'process-exceptions.finding.acknowledge',
  attributes: { action: 'update' },
});

/**
 * Allows starting a rebuild of every service's derived rows and reading its
 * progress: an administrator's permission.
 *
 * @public
 */
export const processExceptionsRebuildPermission = createPermission({
  name: 'process-exceptions.rebuild',
  attributes: { action: 'update' },
});

/**
 * Every permission of the plugin, for registration and policies.
 *
 * @public
 */
export const processExceptionsPermissions = [
  processExceptionsReadPermission,
  processExceptionsCreatePermission,
  processExceptionsCompleteTaskPermission,
  processExceptionsAcknowledgeFindingPermission,
  processExceptionsRebuildPermission,
];
