'use strict';

const ratio = (a, b) => (a && b ? a / b : undefined);
const fixed2 = v => v.toFixed(2);

/** The targets, set for PostgreSQL on a 2-core machine. */
const TARGETS = [
  {
    name: 'Single events into the loaded services (200 events each) ÷ into an empty ledger',
    target: '≥ 0.85',
    value: r =>
      ratio(
        r.loaded?.single?.eventsPerSec,
        r.ingestion?.single?.plugin?.eventsPerSec,
      ),
    pass: v => v >= 0.85,
    format: fixed2,
  },
  {
    name: 'Single events over the skewed fleet (1 % of services hold 20,000 events and get 20 % of the traffic) ÷ into an empty ledger',
    target: '≥ 0.85',
    value: r =>
      ratio(
        r.loaded?.skewed?.eventsPerSec,
        r.ingestion?.single?.plugin?.eventsPerSec,
      ),
    pass: v => v >= 0.85,
    format: fixed2,
  },
  {
    name: 'One sender, median latency into a service with 20,000 events ÷ into one with none',
    target: '≤ 1.5×',
    value: r => r.sequential?.ratio,
    pass: v => v <= 1.5,
    format: v => `${v.toFixed(2)}×`,
  },
  {
    name: 'Batches of 500 into the loaded services ÷ into an empty ledger',
    target: '≥ 0.85',
    value: r =>
      ratio(
        r.loaded?.batch?.eventsPerSec,
        r.ingestion?.batch?.plugin?.eventsPerSec,
      ),
    pass: v => v >= 0.85,
    format: fixed2,
  },
  {
    name: 'Single events into an empty ledger, plugin ÷ baseline',
    target: '≥ 0.50',
    value: r => r.ingestion?.single?.ratio,
    pass: v => v >= 0.5,
    format: fixed2,
  },
  {
    name: 'Batches of 500 into an empty ledger, plugin ÷ baseline',
    target: '≥ 0.40',
    value: r => r.ingestion?.batch?.ratio,
    pass: v => v >= 0.4,
    format: fixed2,
  },
  {
    name: 'Backend peak memory (VmHWM) growth over its VmHWM once started',
    target: '≤ +200 MiB',
    value: r => {
      const growths = [r.memory?.empty?.growthMiB, r.memory?.loaded?.growthMiB];
      return growths.includes(undefined) ? undefined : Math.max(...growths);
    },
    pass: v => v <= 200,
    format: v => `+${v.toFixed(0)} MiB`,
  },
  {
    name: 'Entity history p95 (GET /v1/exceptions?entityRef&limit=50)',
    target: '< 10 ms',
    value: r => r.history?.p95,
    pass: v => v < 10,
    format: v => `${v.toFixed(1)} ms`,
  },
  {
    name: 'Scorecard p95 (GET /v1/scorecard?groupBy=owner)',
    target: '< 150 ms',
    value: r => r.scorecard?.p95,
    pass: v => v < 150,
    format: v => `${v.toFixed(0)} ms`,
  },
  {
    name: 'Evidence export of every exception (GET /v1/evidence, CSV)',
    target: '< 10 s',
    value: r => r.evidence?.seconds,
    pass: v => v < 10,
    format: v => `${v.toFixed(1)} s`,
  },
  {
    name: 'Evidence export, extra backend memory (resident, at its peak)',
    target: '< 100 MiB',
    value: r => r.evidence?.extraMiB,
    pass: v => v < 100,
    format: v => `+${v.toFixed(0)} MiB`,
  },
  {
    name: 'Overdue sweep (the maintenance task marking 200,000 exceptions)',
    target: '< 1 s',
    value: r => r.sweep?.seconds,
    pass: v => v < 1,
    format: v => `${v.toFixed(2)} s`,
  },
  {
    name: 'Rebuild of the 1,000,000-event dataset (POST /v1/admin/rebuilds)',
    target: '≤ 2 min',
    value: r => r.rebuild?.seconds,
    pass: v => v <= 120,
    format: v => `${v.toFixed(0)} s`,
  },
];

/** `{ text, pass }` of one target on one database's result. */
function judge(t, result) {
  const v = t.value(result);
  if (v === undefined || v === null || Number.isNaN(v))
    return { text: 'not measured', pass: false };
  return { text: t.format(v), pass: t.pass(v) };
}

module.exports = { TARGETS, judge };
