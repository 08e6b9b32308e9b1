import fs from 'fs';
import path from 'path';
import YAML from 'yaml';
import { spec } from './openapi.generated';

describe('openapi.generated.ts', () => {
  it('is generated from the current openapi.yaml (run yarn generate:openapi)', () => {
    const yaml = YAML.parse(
      fs.readFileSync(path.join(__dirname, 'openapi.yaml'), 'utf8'),
    );
    expect(spec).toEqual(yaml);
  });
});
