'use strict';

// Prints where a CPU profile (node --cpu-prof; `BENCH_PROFILE=1 BENCH_KEEP=1
// yarn bench` writes one per database) spent its time: self time per
// function and per package or plugin directory.
//   node bench/summarizeProfile.js [--top N] <file.cpuprofile>...

const fs = require('node:fs');

const args = process.argv.slice(2);
const topAt = args.indexOf('--top');
const top = topAt >= 0 ? Number(args.splice(topAt, 2)[1]) : 25;

function where(url) {
  const u = url.replace(/^file:\/\//, '');
  const nm = u.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const parts = u.slice(nm + 13).split('/');
    return parts[0].startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0];
  }
  const m = /plugins\/([^/]+)\/src\/(.*)$/.exec(u);
  if (m) return `${m[1]}/${m[2].split('/')[0]}`;
  return u ? 'node internals' : '(native/idle/gc)';
}

const byFunction = new Map();
const byPlace = new Map();
let total = 0;
for (const file of args) {
  const profile = JSON.parse(fs.readFileSync(file, 'utf8'));
  const selfUs = new Map();
  const dt = profile.timeDeltas;
  profile.samples.forEach((id, i) =>
    selfUs.set(id, (selfUs.get(id) ?? 0) + (dt[i] ?? 0)),
  );
  for (const node of profile.nodes) {
    const us = selfUs.get(node.id) ?? 0;
    if (!us) continue;
    total += us;
    const f = node.callFrame;
    const short = f.url.replace(/^.*\/(node_modules|plugins)\//, '');
    const key = `${f.functionName || '(anonymous)'} ${short}:${
      f.lineNumber + 1
    }`;
    byFunction.set(key, (byFunction.get(key) ?? 0) + us);
    const place = f.url ? where(f.url) : f.functionName;
    byPlace.set(place, (byPlace.get(place) ?? 0) + us);
  }
}

const print = (title, map) => {
  console.log(`\n${title}`);
  for (const [k, us] of [...map].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    console.log(
      `${((100 * us) / total).toFixed(1).padStart(5)}%  ${(us / 1e6)
        .toFixed(1)
        .padStart(6)} s  ${k}`,
    );
  }
};
console.log(`${(total / 1e6).toFixed(1)} s sampled`);
print('self time by package / plugin directory', byPlace);
print('self time by function', byFunction);
