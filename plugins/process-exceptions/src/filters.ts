import { Entity } from '@backstage/catalog-model';

/**
 * The Exceptions tab belongs on component pages: services, websites, libraries.
 *
 * @public
 */
export const isProcessExceptionsAvailable = (entity: Entity): boolean =>
  entity.kind.toLocaleLowerCase('en-US') === 'component';

/** The same predicate as a filter expression, for the new frontend system. */
export const componentEntityFilter = 'kind:component';
