import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { ChainHead } from '@process-exceptions/backstage-plugin-process-exceptions-common';
import { UsageError } from './UsageError';

/** A head as an export carries it, before the backend checks it. */
export type ExportedHead = Pick<ChainHead, 'position' | 'seal' | 'signature'>;

/**
 * The CSV's records one at a time (RFC 4180: quoted cells may hold commas,
 * quotes and line breaks), so the first rows of a large export are read
 * without the rest.
 */
async function* csvRecords(
  chunks: AsyncIterable<string>,
): AsyncGenerator<string[]> {
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  let quoteSeen = false;
  for await (const chunk of chunks) {
    for (const c of chunk) {
      if (quoted) {
        if (c === '"') {
          quoted = false;
          quoteSeen = true;
        } else cell += c;
        continue;
      }
      if (c === '"') {
        // A quote right after a closing one is an escaped quote.
        if (quoteSeen) cell += '"';
        quoted = true;
        quoteSeen = false;
        continue;
      }
      quoteSeen = false;
      if (c === ',') {
        row.push(cell);
        cell = '';
      } else if (c === '\n') {
        row.push(cell.endsWith('\r') ? cell.slice(0, -1) : cell);
        yield row;
        row = [];
        cell = '';
      } else cell += c;
    }
  }
  if (cell || row.length > 0) yield [...row, cell];
}

async function csvHeads(path: string): Promise<ExportedHead[]> {
  const records = csvRecords(createReadStream(path, { encoding: 'utf8' }));
  const header = (await records.next()).value as string[] | undefined;
  const columns = (header ?? []).map(c => c.replace(/^\uFEFF/, ''));
  const at = (name: string) => columns.indexOf(name);
  const [record, position, seal, signature] = [
    'record',
    'chain_position',
    'chain_seal',
    'chain_signature',
  ].map(at);
  if (record < 0 || position < 0) {
    throw new UsageError(
      `${path} is not an evidence export: it has no record and chain_position columns`,
    );
  }
  const heads: ExportedHead[] = [];
  // The export writes its heads first: the rows after them are not needed.
  for await (const row of records) {
    if (row[record] !== 'chain-head') break;
    heads.push({
      position: Number(row[position]),
      seal: row[seal],
      signature: row[signature],
    });
  }
  await records.return(undefined);
  return heads;
}

async function jsonHeads(path: string, text: string): Promise<ExportedHead[]> {
  let parsed: { chainHeads?: unknown };
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${path} is not JSON: ${(error as Error).message}`);
  }
  if (!Array.isArray(parsed?.chainHeads)) {
    throw new UsageError(
      `${path} is not an evidence export: it has no chainHeads`,
    );
  }
  return parsed.chainHeads.map((h: ExportedHead) => ({
    position: h.position,
    seal: h.seal,
    signature: h.signature,
  }));
}

/** The signed chain heads of an evidence export, CSV or JSON. */
export async function readExportHeads(path: string): Promise<ExportedHead[]> {
  let start: string;
  try {
    const handle = createReadStream(path, { encoding: 'utf8', end: 64 });
    start = '';
    for await (const chunk of handle) start += chunk;
  } catch (error) {
    throw new UsageError(`Cannot read ${path}: ${(error as Error).message}`);
  }
  const heads = start
    .replace(/^\uFEFF/, '')
    .trimStart()
    .startsWith('{')
    ? await jsonHeads(path, await readFile(path, 'utf8'))
    : await csvHeads(path);
  if (heads.length === 0) {
    throw new UsageError(
      `${path} carries no chain head: it was exported while the ledger was not sealed`,
    );
  }
  return heads;
}
