import {
  ChainHead,
  Finding,
} from '@process-exceptions/backstage-plugin-process-exceptions-common';
import {
  EvidenceException,
  PeriodCursor,
} from '../database/derived/evidenceQueries';
import {
  chainHeadCsv,
  csvHeader,
  exceptionCsv,
  exceptionJson,
  findingCsv,
  findingJson,
} from './evidenceRecords';

type Page<T> = { items: T[]; next?: PeriodCursor };

/** What the export reads, page by page. */
export interface EvidenceSource {
  exceptions(after: PeriodCursor | undefined): Promise<Page<EvidenceException>>;
  findings(after: PeriodCursor | undefined): Promise<Page<Finding>>;
  ownersOf(entityRefs: string[]): Promise<Map<string, string>>;
  /** The ledger's signed heads when the export began (the latest). */
  chainHeads: ChainHead[];
}

export type EvidenceFormat = 'csv' | 'json';

// Excel reads a CSV as UTF-8 only when it starts with a byte-order mark.
const BOM = '\uFEFF';

async function eachPage<T>(
  read: (after: PeriodCursor | undefined) => Promise<Page<T>>,
  each: (items: T[]) => Promise<void>,
) {
  let after: PeriodCursor | undefined;
  do {
    const page = await read(after);
    if (page.items.length > 0) await each(page.items);
    after = page.next;
  } while (after);
}

/**
 * Writes the evidence of a period a page at a time, so its memory does not
 * grow with the period: `write` resolves when the chunk may be followed.
 */
export async function writeEvidence(
  source: EvidenceSource,
  /** What the JSON export says it covers. */
  heading: object,
  format: EvidenceFormat,
  write: (chunk: string) => Promise<void>,
): Promise<void> {
  const owned = async <T extends { entityRef: string }>(items: T[]) => {
    const owners = await source.ownersOf(items.map(i => i.entityRef));
    return (i: T) => owners.get(i.entityRef) ?? 'unknown';
  };
  if (format === 'csv') {
    await write(
      `${BOM}${csvHeader()}${source.chainHeads.map(chainHeadCsv).join('')}`,
    );
    await eachPage(source.exceptions, async items => {
      const ownerOf = await owned(items);
      await write(items.map(e => exceptionCsv(e, ownerOf(e))).join(''));
    });
    await eachPage(source.findings, async items => {
      const ownerOf = await owned(items);
      await write(items.map(f => findingCsv(f, ownerOf(f))).join(''));
    });
    return;
  }
  // The heading's members, then the two lists, streamed.
  const members = JSON.stringify({
    ...heading,
    chainHeads: source.chainHeads,
  }).slice(1, -1);
  await write(`{${members},"exceptions":[`);
  let first = true;
  const items = async (objects: unknown[]) => {
    const text = objects.map(o => JSON.stringify(o)).join(',');
    await write(first ? text : `,${text}`);
    first = false;
  };
  await eachPage(source.exceptions, async page => {
    const ownerOf = await owned(page);
    await items(page.map(e => exceptionJson(e, ownerOf(e))));
  });
  await write('],"findings":[');
  first = true;
  await eachPage(source.findings, async page => {
    const ownerOf = await owned(page);
    await items(page.map(f => findingJson(f, ownerOf(f))));
  });
  await write(']}');
}
