// Adds up the counts that jest and Playwright printed into one closing line.
const fs = require('fs');

let passed = 0;
let failed = 0;
let skipped = 0;
for (const file of process.argv.slice(2)) {
  // Strip colour codes before matching the runners' summary lines.
  const text = fs.readFileSync(file, 'utf8').replace(/\x1b\[[0-9;]*m/g, '');
  for (const line of text.split('\n')) {
    const jest = line.match(/^Tests:\s+(.*)$/);
    const pw = line.match(/^\s+(\d+) (passed|failed|skipped|flaky)\b/);
    if (jest) {
      const count = word =>
        Number((jest[1].match(new RegExp(`(\\d+) ${word}`)) ?? [0, 0])[1]);
      passed += count('passed');
      failed += count('failed');
      skipped += count('skipped') + count('todo');
    } else if (pw) {
      const n = Number(pw[1]);
      if (pw[2] === 'passed') passed += n;
      else if (pw[2] === 'skipped') skipped += n;
      else failed += n;
    }
  }
}
console.log(`\ntests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
