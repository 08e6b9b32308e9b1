import { LedgerVerification } from '@process-exceptions/backstage-plugin-process-exceptions-common';

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;

/** The walk's answer as printed by `process-exceptions verify`. */
export function formatVerification(v: LedgerVerification): string {
  const lines: string[] = [];
  if (v.mismatch) {
    lines.push(
      `ledger NOT verified at chain position ${v.mismatch.position} (${v.mismatch.problem}): ${v.mismatch.message}`,
    );
  } else {
    lines.push(
      `ledger verified: ${plural(
        v.sealedEvents,
        'sealed event',
      )} match their seals and signed heads`,
    );
  }
  if (v.head) {
    lines.push(
      `  head: position ${v.head.position}, seal ${v.head.seal}, signed ${v.head.signedAt}`,
    );
  }
  if (v.unsealedEvents > 0) {
    lines.push(
      `  ${plural(
        v.unsealedEvents,
        'event',
      )} not sealed yet (the next maintenance run seals them)`,
    );
  }
  if (v.against) {
    lines.push(
      `${v.against.matches ? 'export matches' : 'export does NOT match'}: ${
        v.against.message
      }`,
    );
  }
  return `${lines.join('\n')}\n`;
}
