import { AuthService } from '@backstage/backend-plugin-api';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { AdapterResult } from '../adapters';

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
 * Refuses a delivery whose events name an entity their scope does not
 * reach: a repository's deployment naming another repository's service. An
 * entity the catalog does not know yet is left to stay unmapped.
 */
export async function checkScopes(
  source: string,
  result: AdapterResult,
  annotationsOf: AnnotationsOf,
): Promise<void> {
  if (result.kind !== 'events') return;
  for (const event of result.events) {
    const { scope, subject } = event;
    if (!scope || !subject) continue;
    const annotations = await annotationsOf(subject);
    if (!annotations) continue;
    const actual = annotations[scope.annotation];
    if (actual !== undefined && same(actual, scope.value)) continue;
    throw new InputError(
      `${source}: ${event.type} ${event.externalId} names ${subject}, whose ` +
        `${scope.annotation} is ${
          actual === undefined ? 'not set' : `'${actual}'`
        }, ` +
        `not the delivering repository '${scope.value}'`,
    );
  }
}
