import { readFile } from 'node:fs/promises';
import { EventEnvelope } from '@process-exceptions/backstage-plugin-process-exceptions-common';
import { UsageError } from './UsageError';

/**
 * Reads `--file`: one envelope, `{ "events": [...] }` as the API takes it, or
 * a bare array; `-` is standard input, so a previous step can pipe events in.
 * The envelopes are left for the backend to validate.
 */
export async function readEventsFile(
  path: string,
  stdin: AsyncIterable<string | Uint8Array>,
): Promise<EventEnvelope[]> {
  let text: string;
  try {
    text = path === '-' ? await readAll(stdin) : await readFile(path, 'utf8');
  } catch (error) {
    throw new UsageError(
      `Cannot read --file ${path}: ${(error as Error).message}`,
    );
  }
  const source = path === '-' ? 'standard input' : path;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${source} is not JSON: ${(error as Error).message}`);
  }
  let events: unknown[] | undefined;
  if (Array.isArray(parsed)) events = parsed;
  else if (isObject(parsed)) {
    events = Array.isArray(parsed.events) ? parsed.events : [parsed];
  }
  if (!events || !events.every(isObject)) {
    throw new UsageError(
      `${source} must hold an event envelope or {"events": [...]}`,
    );
  }
  if (events.length === 0) {
    throw new UsageError(`${source} holds no events`);
  }
  return events as EventEnvelope[];
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

async function readAll(
  stream: AsyncIterable<string | Uint8Array>,
): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) {
    // Overloads of Buffer.from take a string or bytes, not the union.
    chunks.push(
      typeof chunk === 'string'
        ? Buffer.from(chunk, 'utf8')
        : Buffer.from(chunk),
    );
  }
  return Buffer.concat(chunks).toString('utf8');
}
