import { parseArgs } from 'node:util';
import {
  EventEnvelope,
  ProcessExceptionsClient,
  TrailQuery,
} from '@process-exceptions/backstage-plugin-process-exceptions-common';
import { eventFromFlags } from './eventFromFlags';
import { EXIT_CODES } from './exitCodes';
import { formatIngestResult } from './formatIngestResult';
import { followRebuild, formatRebuild } from './followRebuild';
import { formatMergeGate } from './formatMergeGate';
import { formatTrail } from './formatTrail';
import { formatVerification } from './formatVerification';
import { readExportHeads } from './readExportHeads';
import { helpText } from './helpText';
import { readEventsFile } from './readEventsFile';
import { reportError } from './reportError';
import { UsageError } from './UsageError';

/**
 * What the CLI reads and writes, so it can run inside tests and other tools.
 *
 * @public
 */
export interface CliIo {
  stdout: { write(chunk: string): unknown };
  stderr: { write(chunk: string): unknown };
  /** Where `PROCESS_EXCEPTIONS_URL` and `PROCESS_EXCEPTIONS_TOKEN` are read. */
  env: Record<string, string | undefined>;
  /** Defaults to the global `fetch`. */
  fetch?: typeof fetch;
  /** Read for `--file -`; defaults to `process.stdin`. */
  stdin?: AsyncIterable<string | Uint8Array>;
}

const OPTIONS = {
  type: { type: 'string' },
  id: { type: 'string' },
  entity: { type: 'string' },
  'occurred-at': { type: 'string' },
  actor: { type: 'string' },
  data: { type: 'string' },
  file: { type: 'string' },
  change: { type: 'string' },
  story: { type: 'string' },
  deployment: { type: 'string' },
  incident: { type: 'string' },
  flag: { type: 'string' },
  json: { type: 'boolean' },
  from: { type: 'string' },
  to: { type: 'string' },
  owner: { type: 'string' },
  format: { type: 'string' },
  against: { type: 'string' },
  url: { type: 'string' },
  token: { type: 'string' },
  retries: { type: 'string' },
  interval: { type: 'string' },
  detach: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

type Values = Partial<
  Record<Exclude<keyof typeof OPTIONS, 'help' | 'detach' | 'json'>, string>
> & {
  help?: boolean;
  detach?: boolean;
  json?: boolean;
};

/** The trail's flags and the query parameter each sets. */
const TRAIL_FLAGS = {
  change: 'changeId',
  deployment: 'deploymentId',
  incident: 'incidentId',
  flag: 'flagKey',
  story: 'storyId',
} as const;

const EVENT_FLAGS = [
  'type',
  'id',
  'entity',
  'occurred-at',
  'actor',
  'data',
] as const;

const COMMANDS: Record<string, readonly string[]> = {
  'post-event': [...EVENT_FLAGS, 'file'],
  gate: ['change', 'story'],
  trail: [...Object.keys(TRAIL_FLAGS), 'json'],
  evidence: ['from', 'to', 'owner', 'entity', 'format'],
  verify: ['against', 'json'],
  rebuild: ['id', 'interval', 'detach'],
};

const CONNECTION_FLAGS = ['url', 'token', 'retries', 'help'];

/** The plugin's mount point under the backend's base URL. */
const PLUGIN_PATH = '/api/process-exceptions';

/**
 * Runs `process-exceptions` with the given arguments (without the node and
 * script paths) and answers the exit code; never throws.
 *
 * @public
 */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  try {
    const { values, positionals } = parse(argv);
    if (values.help || positionals[0] === 'help') {
      io.stdout.write(helpText);
      return EXIT_CODES.ok;
    }
    const [command, ...extra] = positionals;
    if (!command) {
      throw new UsageError(
        'no command given; use post-event, gate, trail, evidence, verify or rebuild',
      );
    }
    const commandFlags = COMMANDS[command];
    if (!commandFlags) {
      throw new UsageError(
        `unknown command "${command}"; use post-event, gate, trail, evidence, verify or rebuild`,
      );
    }
    if (extra.length > 0) {
      throw new UsageError(`unexpected argument "${extra[0]}"`);
    }
    const stray = Object.keys(values).find(
      name => !commandFlags.includes(name) && !CONNECTION_FLAGS.includes(name),
    );
    if (stray) {
      throw new UsageError(`--${stray} does not apply to ${command}`);
    }

    const client = createClient(values, io);
    if (command === 'gate') return await gate(client, values, io);
    if (command === 'trail') return await trail(client, values, io);
    if (command === 'evidence') return await evidence(client, values, io);
    if (command === 'verify') return await verify(client, values, io);
    if (command === 'rebuild') return await rebuild(client, values, io);
    return await postEvent(client, values, io);
  } catch (error) {
    return reportError(error, io.stderr);
  }
}

function parse(argv: string[]): { values: Values; positionals: string[] } {
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      options: OPTIONS,
      allowPositionals: true,
      strict: true,
    });
    return { values: { ...values }, positionals };
  } catch (error) {
    // parseArgs explains unknown or valueless options well enough.
    throw new UsageError((error as Error).message);
  }
}

function createClient(values: Values, io: CliIo): ProcessExceptionsClient {
  // An empty variable (e.g. an unset CI secret) counts as unset.
  const url = values.url ?? (io.env.PROCESS_EXCEPTIONS_URL || undefined);
  if (!url) {
    throw new UsageError(
      'no backend URL: set PROCESS_EXCEPTIONS_URL or pass --url, e.g. http://localhost:7007',
    );
  }
  const token = values.token ?? (io.env.PROCESS_EXCEPTIONS_TOKEN || undefined);
  let retries: number | undefined;
  if (values.retries !== undefined) {
    retries = Number(values.retries);
    if (!/^\d+$/.test(values.retries) || retries > 10) {
      throw new UsageError('--retries must be a whole number from 0 to 10');
    }
  }
  return new ProcessExceptionsClient({
    baseUrl: pluginBaseUrl(url),
    token,
    retries,
    fetch: io.fetch,
  });
}

/**
 * The backend's base URL with the plugin's path appended; a URL that already
 * ends in it is taken as it is, since people paste either.
 */
function pluginBaseUrl(url: string): string {
  let protocol: string | undefined;
  try {
    protocol = new URL(url).protocol;
  } catch {
    protocol = undefined;
  }
  if (protocol !== 'http:' && protocol !== 'https:') {
    throw new UsageError(
      `the backend URL "${url}" is not an http(s) URL, e.g. http://localhost:7007`,
    );
  }
  const base = url.replace(/\/+$/, '');
  return base.endsWith(PLUGIN_PATH) ? base : `${base}${PLUGIN_PATH}`;
}

async function gate(
  client: ProcessExceptionsClient,
  values: Values,
  io: CliIo,
): Promise<number> {
  const { change, story } = values;
  if ((change === undefined) === (story === undefined)) {
    throw new UsageError('gate needs either --change <id> or --story <id>');
  }
  if (!change && !story) {
    throw new UsageError('gate needs a non-empty --change or --story');
  }
  const answer = await client.getMergeGate(
    change !== undefined ? { changeId: change } : { storyId: story! },
  );
  io.stdout.write(
    formatMergeGate(
      answer,
      change !== undefined ? `change ${change}` : `story ${story}`,
    ),
  );
  return answer.allowed ? EXIT_CODES.ok : EXIT_CODES.gateClosed;
}

async function trail(
  client: ProcessExceptionsClient,
  values: Values,
  io: CliIo,
): Promise<number> {
  const given = (
    Object.keys(TRAIL_FLAGS) as Array<keyof typeof TRAIL_FLAGS>
  ).filter(flag => values[flag] !== undefined);
  if (given.length !== 1 || !values[given[0]]) {
    throw new UsageError(
      'trail needs exactly one of --change, --deployment, --incident, --flag, --story',
    );
  }
  const answer = await client.getTrail({
    [TRAIL_FLAGS[given[0]]]: values[given[0]],
  } as TrailQuery);
  io.stdout.write(
    values.json ? `${JSON.stringify(answer, null, 2)}\n` : formatTrail(answer),
  );
  return EXIT_CODES.ok;
}

async function evidence(
  client: ProcessExceptionsClient,
  values: Values,
  io: CliIo,
): Promise<number> {
  const { from, to, owner, entity, format } = values;
  if (!from || !to) {
    throw new UsageError('evidence needs --from <day> and --to <day>');
  }
  if (format !== undefined && format !== 'csv' && format !== 'json') {
    throw new UsageError('--format must be csv or json');
  }
  if (owner !== undefined && entity !== undefined) {
    throw new UsageError('give --owner or --entity, not both');
  }
  const body = await client.downloadEvidence({
    from,
    to,
    owner,
    entityRef: entity,
    format,
  });
  const decoder = new TextDecoder();
  for await (const chunk of body) {
    io.stdout.write(decoder.decode(chunk, { stream: true }));
  }
  io.stdout.write(decoder.decode());
  return EXIT_CODES.ok;
}

async function verify(
  client: ProcessExceptionsClient,
  values: Values,
  io: CliIo,
): Promise<number> {
  if (values.against === '') throw new UsageError('--against needs a file');
  const heads = values.against
    ? await readExportHeads(values.against)
    : [undefined];
  let verified = true;
  for (const head of heads) {
    const answer = await client.verifyLedger(head);
    io.stdout.write(
      values.json
        ? `${JSON.stringify(answer, null, 2)}\n`
        : formatVerification(answer),
    );
    verified &&= answer.ok;
  }
  return verified ? EXIT_CODES.ok : EXIT_CODES.notVerified;
}

async function rebuild(
  client: ProcessExceptionsClient,
  values: Values,
  io: CliIo,
): Promise<number> {
  const seconds = Number(values.interval ?? '2');
  if (
    values.interval !== undefined &&
    (!/^\d+(\.\d+)?$/.test(values.interval) || seconds < 0.05)
  ) {
    throw new UsageError(
      '--interval must be a number of seconds, at least 0.05',
    );
  }
  if (values.id !== undefined && values.detach) {
    throw new UsageError('--detach applies to starting a rebuild, not to --id');
  }
  const job =
    values.id !== undefined
      ? await client.getRebuild(values.id)
      : await client.startRebuild();
  const print = (line: string) => io.stdout.write(`${line}\n`);
  if (values.detach) {
    print(formatRebuild(job));
    return EXIT_CODES.ok;
  }
  const end = await followRebuild(client, job, {
    intervalMs: seconds * 1000,
    print,
  });
  return end.status === 'done' ? EXIT_CODES.ok : EXIT_CODES.notFinished;
}

async function postEvent(
  client: ProcessExceptionsClient,
  values: Values,
  io: CliIo,
): Promise<number> {
  let events: EventEnvelope[];
  if (values.file !== undefined) {
    const mixed = EVENT_FLAGS.find(name => values[name] !== undefined);
    if (mixed) {
      throw new UsageError(`--file cannot be combined with --${mixed}`);
    }
    events = await readEventsFile(values.file, io.stdin ?? process.stdin);
  } else {
    events = [eventFromFlags(values, new Date())];
  }
  const response = await client.postEvents(events);
  for (const result of response.results) {
    io.stdout.write(`${formatIngestResult(result)}\n`);
  }
  return EXIT_CODES.ok;
}
