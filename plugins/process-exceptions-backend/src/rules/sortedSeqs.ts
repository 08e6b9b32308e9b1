/** Ascending, without duplicates. */
export function sortedSeqs(seqs: Iterable<number>): number[] {
  return [...new Set(seqs)].sort((a, b) => a - b);
}
