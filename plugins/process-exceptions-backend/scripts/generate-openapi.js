#!/usr/bin/env node
// Turns src/schema/openapi.yaml into a typed `spec` constant the router is
// built from. Run after editing the YAML: yarn generate:openapi
const fs = require('fs');
const path = require('path');
const YAML = require('yaml');

const dir = path.resolve(__dirname, '../src/schema');
const spec = YAML.parse(
  fs.readFileSync(path.join(dir, 'openapi.yaml'), 'utf8'),
);
const out = `// Generated from openapi.yaml by scripts/generate-openapi.js. Do not edit.

/** The plugin's HTTP contract. */
export const spec = ${JSON.stringify(spec, null, 2)} as const;
`;
fs.writeFileSync(path.join(dir, 'openapi.generated.ts'), out);
