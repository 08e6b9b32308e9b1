'use strict';

/** The targets, set for PostgreSQL on a 2-core machine. */
const TARGETS = [
  {
    name: 'Ingestion, single events, plugin ÷ baseline',
    target: '≥ 0.60',
    value: r => r.ingestion?.single?.ratio,
    pass: v => v >= 0.6,
    format: v => v.toFixed(2),
  },
  {
    name: 'Ingestion, batches of 500, plugin ÷ baseline',
    target: '≥ 0.40',
    value: r => r.ingestion?.batch?.ratio,
    pass: v => v >= 0.4,
    format: v => v.toFixed(2),
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
    name: 'Overdue sweep (markOverdue)',
    target: '< 1 s',
    value: r => r.sweep?.seconds,
    pass: v => v < 1,
    format: v => `${v.toFixed(2)} s`,
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
