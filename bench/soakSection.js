'use strict';

// The soak's latest run, kept as a section of docs/benchmarks.md: the soak
// writes it there (and its full history to docs/soak.md), and a benchmark
// run that rewrites the file keeps it.

const START = '<!-- soak:start -->';
const END = '<!-- soak:end -->';

/** The section for one soak report (whose heading is `## Run of …`). */
function soakSection(report) {
  return [
    START,
    '## Soak: two replicas under mixed traffic',
    '',
    'The latest run of `yarn bench --soak` (`scripts/soak.js`); earlier runs and how the soak works are in [soak.md](soak.md).',
    '',
    report.replace(/^## Run of /m, '### Run of ').trim(),
    END,
  ].join('\n');
}

/** The soak section of a benchmarks document, or '' when it has none. */
function readSoakSection(markdown) {
  const from = markdown.indexOf(START);
  const to = markdown.indexOf(END);
  return from >= 0 && to > from ? markdown.slice(from, to + END.length) : '';
}

/** The document with its soak section replaced, or appended. */
function withSoakSection(markdown, section) {
  const current = readSoakSection(markdown);
  if (!section) return markdown;
  return current
    ? markdown.replace(current, section)
    : `${markdown.trimEnd()}\n\n${section}\n`;
}

module.exports = { soakSection, readSoakSection, withSoakSection };
