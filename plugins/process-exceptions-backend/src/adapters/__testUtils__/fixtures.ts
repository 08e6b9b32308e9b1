import { readdirSync, readFileSync } from 'fs';
import { join } from 'path';
import { dataSchemas } from '../../ingest/eventSchemas';
import { PARSE_OPTIONS } from '../../ingest/validationMessages';
import { AdapterResult } from '../types';

const FIXTURES = join(__dirname, '..', '__fixtures__');

/** The raw text of a fixture, as a webhook would deliver it. */
export function fixtureText(path: string): string {
  return readFileSync(join(FIXTURES, path), 'utf8');
}

/** A fresh parsed copy of a fixture, safe to change in a test. */
export function fixture(path: string): any {
  return JSON.parse(fixtureText(path));
}

/** The JSON files of a fixture folder, sorted. */
export function fixtureNames(dir: string): string[] {
  return readdirSync(join(FIXTURES, dir))
    .filter(name => name.endsWith('.json'))
    .sort();
}

/** Problems of produced events against the v1 schemas: empty when all pass. */
export function schemaProblems(result: AdapterResult): string[] {
  if (result.kind !== 'events') return [];
  return result.events.flatMap(event => {
    const parsed = dataSchemas[event.type].safeParse(event.data, PARSE_OPTIONS);
    return parsed.success
      ? []
      : [`${event.type}: ${parsed.error.issues.map(i => i.message).join()}`];
  });
}
