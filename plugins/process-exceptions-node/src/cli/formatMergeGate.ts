import { MergeGate } from '@process-exceptions/backstage-plugin-process-exceptions-common';

/** The gate's answer as printed by `process-exceptions gate`. */
export function formatMergeGate(gate: MergeGate, subject: string): string {
  if (gate.allowed) {
    return `merge allowed: no open readiness gaps for ${subject}\n`;
  }
  const count = gate.blocking.length;
  const lines = [
    `merge blocked: ${count} open readiness gap${
      count === 1 ? '' : 's'
    } for ${subject}`,
    ...gate.blocking.map(gap => {
      const where = gap.unmapped
        ? `unknown service ${gap.unmapped.subject ?? '(none named)'}`
        : `${gap.entityRef}, exception ${gap.exceptionId}`;
      return `  - ${gap.storyId ? `${gap.storyId} ` : ''}${gap.gapKey}: ${
        gap.description
      } (${where})`;
    }),
    // Each unknown service's fix, once.
    ...[
      ...new Set(
        gate.blocking.flatMap(g => (g.unmapped ? [g.unmapped.hint] : [])),
      ),
    ].map(hint => `  ${hint}`),
  ];
  return `${lines.join('\n')}\n`;
}
