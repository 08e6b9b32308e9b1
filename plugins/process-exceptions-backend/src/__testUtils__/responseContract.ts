import Ajv, { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { spec } from '../schema/openapi.generated';

const MOUNT = '/api/process-exceptions';

type ResponseObject = {
  $ref?: string;
  content?: Record<string, { schema?: object }>;
};
type Operation = { responses: Record<string, ResponseObject> };

const ajv = new Ajv({ strict: false, allErrors: true });
addFormats(ajv);
// The whole spec as one schema, so that its `#/components/...` refs resolve.
ajv.addSchema(spec as object, 'openapi');

const routes = Object.entries(spec.paths).map(([template, item]) => ({
  template,
  pattern: new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`),
  operations: item as unknown as Record<string, Operation>,
}));

const pointer = (...parts: string[]) =>
  parts.map(p => p.replace(/~/g, '~0').replace(/\//g, '~1')).join('/');

const validators = new Map<string, ValidateFunction>();
function validatorFor(ref: string): ValidateFunction {
  let validate = validators.get(ref);
  if (!validate) {
    validate = ajv.compile({ $ref: ref });
    validators.set(ref, validate);
  }
  return validate;
}

let breaches: string[] = [];

/** What the responses seen since the last call broke of the spec. */
export function takeContractBreaches(): string[] {
  const taken = breaches;
  breaches = [];
  return taken;
}

/** The spec's word on one response, or undefined when it matches. */
export function contractBreach(
  method: string,
  path: string,
  status: number,
  contentType: string | undefined,
  body: string,
): string | undefined {
  const route = routes.find(r => r.pattern.test(path));
  const verb = method.toLowerCase();
  const operation = route?.operations[verb];
  if (!route || !operation) return undefined; // not the plugin's API
  const code = String(status);
  const declared = operation.responses[code] ? code : 'default';
  let response = operation.responses[declared];
  if (!response) {
    return `${method} ${route.template} answered ${status}, which the spec does not list`;
  }
  let responsePointer = `openapi#/${pointer(
    'paths',
    route.template,
    verb,
    'responses',
    declared,
  )}`;
  if (response.$ref) {
    const name = response.$ref.split('/').pop()!;
    response = (spec.components.responses as Record<string, ResponseObject>)[
      name
    ];
    responsePointer = `openapi#/${pointer('components', 'responses', name)}`;
  }
  if (!response.content) {
    return body.length === 0
      ? undefined
      : `${method} ${route.template} ${status} has a body the spec does not declare`;
  }
  const mediaType = (contentType ?? '').split(';')[0].trim();
  if (!response.content[mediaType]) {
    return `${method} ${route.template} ${status} answered ${
      mediaType || 'no content type'
    }, the spec declares ${Object.keys(response.content).join(', ')}`;
  }
  if (mediaType !== 'application/json' || !response.content[mediaType].schema) {
    return undefined;
  }
  const validate = validatorFor(
    `${responsePointer}/${pointer('content', mediaType, 'schema')}`,
  );
  if (validate(JSON.parse(body))) return undefined;
  const problems = (validate.errors ?? [])
    .map(e => `${e.instancePath || '(body)'} ${e.message}`)
    .join('; ');
  return `${method} ${route.template} ${status}: ${problems}`;
}

/**
 * Checks every response the server sends against the OpenAPI spec; breaches
 * are collected for `takeContractBreaches` (setupTests fails the test).
 */
export function watchResponses(server: Server) {
  server.prependListener(
    'request',
    (req: IncomingMessage, res: ServerResponse) => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      if (!url.pathname.startsWith(MOUNT)) return;
      const path = url.pathname.slice(MOUNT.length);
      const chunks: Buffer[] = [];
      const keep = (chunk: unknown, encoding?: unknown) => {
        if (
          chunk === undefined ||
          chunk === null ||
          typeof chunk === 'function'
        )
          return;
        chunks.push(
          Buffer.isBuffer(chunk)
            ? chunk
            : Buffer.from(
                chunk as string,
                typeof encoding === 'string'
                  ? (encoding as BufferEncoding)
                  : 'utf8',
              ),
        );
      };
      const write = res.write.bind(res) as (...args: unknown[]) => boolean;
      const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
      res.write = ((...args: unknown[]) => {
        keep(args[0], args[1]);
        return write(...args);
      }) as ServerResponse['write'];
      res.end = ((...args: unknown[]) => {
        keep(args[0], args[1]);
        const breach = contractBreach(
          req.method ?? 'GET',
          path,
          res.statusCode,
          res.getHeader('content-type')?.toString(),
          Buffer.concat(chunks).toString('utf8'),
        );
        if (breach) breaches.push(breach);
        return end(...args);
      }) as ServerResponse['end'];
    },
  );
}
