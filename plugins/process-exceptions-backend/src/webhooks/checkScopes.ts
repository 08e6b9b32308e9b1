import { AuthService } from '@backstage/backend-plugin-api';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { AdapterResult, parseSubject } from '../adapters';

/** An entity's annotations, or undefined while the catalog does not know it. */
export type AnnotationsOf = (
  entityRef: string,
) => Promise<Record<string, string> | undefined>;

/** {@link AnnotationsOf} from the catalog, as the plugin itself. */
export function catalogAnnotations(
  catalog: CatalogService,
  auth: AuthService,
): AnnotationsOf {
  return async entityRef => {
    let ref: string;
    try {
      ref = stringifyEntityRef(
        parseEntityRef(entityRef, { defaultNamespace: 'default' }),
      );
    } catch {
      return undefined; // not an entity ref: it stays unmapped
    }
    const entity = await catalog.getEntityByRef(ref, {
      credentials: await auth.getOwnServiceCredentials(),
    });
    return entity ? entity.metadata.annotations ?? {} : undefined;
  };
}

const same = (a: string, b: string) =>
  a.toLocaleLowerCase('en-US') === b.toLocaleLowerCase('en-US');

/**
 * Refuses a delivery whose events name an entity their subject's scope does
 * not reach: a repository's deployment naming another repository's service
 * (`github:<repo>#<entity ref>`). An entity the catalog does not know yet
 * stays unmapped, and its subject maps only to an entity in scope.
 */
export async function checkScopes(
  source: string,
  result: AdapterResult,
  annotationsOf: AnnotationsOf,
): Promise<void> {
  if (result.kind !== 'events') return;
  for (const event of result.events) {
    const scope = event.subject ? parseSubject(event.subject) : undefined;
    if (scope?.kind !== 'annotation' || !scope.ref) continue;
    const annotations = await annotationsOf(scope.ref);
    if (!annotations) continue;
    const actual = annotations[scope.annotation];
    if (actual !== undefined && same(actual, scope.value)) continue;
    const found = actual === undefined ? 'not set' : `'${actual}'`;
    throw new InputError(
      `${source}: ${event.type} ${event.externalId} names ${scope.ref}, whose ` +
        `${scope.annotation} is ${found}, not the delivering repository '${scope.value}'`,
    );
  }
}
