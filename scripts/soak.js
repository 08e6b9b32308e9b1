#!/usr/bin/env node
// Soak mode: mixed traffic against the local two-replica cluster (`yarn
// cluster`, or one this starts itself) for --minutes (default 10). Reports
// throughput, p99 latency, errors and each backend's memory to docs/soak.md.
// See packages/cluster-tests/src/soak/runSoak.ts.
//   yarn soak [--minutes 10] [--senders 32] [--pause-ms 250]
//             [--entity-readers 8] [--scorecard-readers 2]
//             [--out docs/soak.md | --no-write]
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const { parseArgs } = require('node:util');
const { formatted } = require('../bench/formatted');
const { soakSection, withSoakSection } = require('../bench/soakSection');

const root = path.resolve(__dirname, '..');
// The soak is TypeScript in packages/cluster-tests, loaded through
// Backstage's dev transpiler as the backend itself is.
require(require.resolve('@backstage/cli-node/config/nodeTransform.cjs', {
  paths: [path.join(root, 'packages/backend')],
}));
const { runSoak } = require('../packages/cluster-tests/src/soak/runSoak');

const defaultOut = path.join(root, 'docs/soak.md');
const { values } = parseArgs({
  options: {
    minutes: { type: 'string', default: '10' },
    senders: { type: 'string', default: '32' },
    'pause-ms': { type: 'string', default: '250' },
    'entity-readers': { type: 'string', default: '8' },
    'scorecard-readers': { type: 'string', default: '2' },
    out: { type: 'string', default: defaultOut },
    'no-write': { type: 'boolean', default: false },
    cluster: {
      type: 'string',
      default: path.join(root, '.data/cluster/cluster.json'),
    },
  },
});

function count(name, min, max) {
  const n = Number(values[name]);
  if (!Number.isFinite(n) || n < min || n > max) {
    console.error(`--${name} must be a number from ${min} to ${max}`);
    process.exit(2);
  }
  return n;
}

const options = {
  minutes: count('minutes', 0.1, 240),
  senders: count('senders', 1, 256),
  senderPauseMs: count('pause-ms', 0, 60_000),
  entityReaders: count('entity-readers', 0, 256),
  scorecardReaders: count('scorecard-readers', 0, 64),
  clusterFile: values.cluster,
  outFile: values['no-write'] ? undefined : values.out,
  command: `${process.env.SOAK_COMMAND ?? 'yarn soak'} ${process.argv
    .slice(2)
    .join(' ')}`.trim(),
  log: line => console.log(`[soak] ${line}`),
};

runSoak(options).then(
  ({ ok, report }) => {
    console.log(`\n${report}`);
    if (options.outFile) {
      console.log(`written to ${options.outFile}`);
      // The default run is the recorded one: it also updates the benchmarks.
      const benchmarks = path.join(root, 'docs/benchmarks.md');
      if (options.outFile === defaultOut && fs.existsSync(benchmarks)) {
        const doc = fs.readFileSync(benchmarks, 'utf8');
        fs.writeFileSync(
          benchmarks,
          formatted(withSoakSection(doc, soakSection(report)), 'markdown'),
        );
        console.log(`and to ${benchmarks}`);
      }
    }
    process.exit(ok ? 0 : 1);
  },
  error => {
    console.error(`[soak] ${error.stack || error}`);
    process.exit(1);
  },
);
