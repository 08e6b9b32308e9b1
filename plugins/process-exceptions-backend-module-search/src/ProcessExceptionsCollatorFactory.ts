import {
  AuthService,
  DiscoveryService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { RELATION_OWNED_BY } from '@backstage/catalog-model';
import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { DocumentCollatorFactory } from '@backstage/plugin-search-common';
import {
  PROCESS_EXCEPTION_SEARCH_TYPE,
  PROCESS_EXCEPTIONS_PLUGIN_ID,
  ProcessExceptionsClient,
  ProcessExceptionSearchDocument,
} from '@process-exceptions/backstage-plugin-process-exceptions-common';
import { Readable } from 'stream';
import { exceptionDocument, findingDocument } from './searchDocuments';

/** The largest pages the API serves. */
const EXCEPTIONS_PAGE = 200;
const FINDINGS_PAGE = 500;

/**
 * Options of {@link ProcessExceptionsCollatorFactory.create}.
 *
 * @public
 */
export interface ProcessExceptionsCollatorFactoryOptions {
  /** Finds the process-exceptions backend. */
  discovery: DiscoveryService;
  /** Issues the service tokens for the backend and the catalog. */
  auth: AuthService;
  /** Answers the owners of the services. */
  catalog: CatalogService;
  /** Says how many records each run indexed. */
  logger: LoggerService;
}

/** The catalog owners of services, asked for once per service and run. */
class OwnerLookup {
  private readonly owners = new Map<string, string | null>();

  constructor(
    private readonly options: Pick<
      ProcessExceptionsCollatorFactoryOptions,
      'auth' | 'catalog'
    >,
  ) {}

  async load(entityRefs: string[]): Promise<void> {
    const missing = [...new Set(entityRefs)].filter(r => !this.owners.has(r));
    if (missing.length === 0) return;
    const { items } = await this.options.catalog.getEntitiesByRefs(
      { entityRefs: missing, fields: ['relations'] },
      { credentials: await this.options.auth.getOwnServiceCredentials() },
    );
    missing.forEach((ref, i) => {
      const owner = items[i]?.relations?.find(
        r => r.type === RELATION_OWNED_BY,
      )?.targetRef;
      // A service the catalog no longer has keeps its records, ownerless.
      this.owners.set(ref, owner ?? null);
    });
  }

  of(entityRef: string): string | null {
    return this.owners.get(entityRef) ?? null;
  }
}

/**
 * Collates every exception and finding for Backstage's search, each as a
 * `process-exception` document. It reads the process-exceptions backend
 * through its API with the search plugin's service token, a page at a
 * time, and the owners of each page's services from the catalog in one
 * batch. The search backend shows a document to whoever may read its
 * service (`catalog.entity.read` on `authorization.resourceRef`).
 *
 * @public
 */
export class ProcessExceptionsCollatorFactory
  implements DocumentCollatorFactory
{
  /** The documents' type, `process-exception`. */
  readonly type = PROCESS_EXCEPTION_SEARCH_TYPE;
  /** Checked against each document's service. */
  readonly visibilityPermission = catalogEntityReadPermission;

  /** A collator factory reading through these services. */
  static create(
    options: ProcessExceptionsCollatorFactoryOptions,
  ): ProcessExceptionsCollatorFactory {
    return new ProcessExceptionsCollatorFactory(options);
  }

  private constructor(
    private readonly options: ProcessExceptionsCollatorFactoryOptions,
  ) {}

  /** A stream of every exception's and finding's document. */
  async getCollator(): Promise<Readable> {
    return Readable.from(this.documents());
  }

  private async *documents(): AsyncGenerator<ProcessExceptionSearchDocument> {
    const { auth, discovery, logger } = this.options;
    const client = new ProcessExceptionsClient({
      baseUrl: await discovery.getBaseUrl(PROCESS_EXCEPTIONS_PLUGIN_ID),
      getToken: async () =>
        (
          await auth.getPluginRequestToken({
            onBehalfOf: await auth.getOwnServiceCredentials(),
            targetPluginId: PROCESS_EXCEPTIONS_PLUGIN_ID,
          })
        ).token,
    });
    const owners = new OwnerLookup(this.options);

    let exceptions = 0;
    let cursor: string | undefined;
    do {
      const page = await client.listExceptions({
        limit: EXCEPTIONS_PAGE,
        cursor,
      });
      await owners.load(page.items.map(e => e.entityRef));
      for (const exception of page.items) {
        exceptions++;
        yield exceptionDocument(exception, owners.of(exception.entityRef));
      }
      cursor = page.nextCursor ?? undefined;
    } while (cursor);

    let findings = 0;
    do {
      const page = await client.listFindings({ limit: FINDINGS_PAGE, cursor });
      await owners.load(page.items.map(f => f.entityRef));
      for (const finding of page.items) {
        findings++;
        yield findingDocument(finding, owners.of(finding.entityRef));
      }
      cursor = page.nextCursor ?? undefined;
    } while (cursor);

    logger.info(
      `Collated ${exceptions} exceptions and ${findings} findings for search`,
    );
  }
}
