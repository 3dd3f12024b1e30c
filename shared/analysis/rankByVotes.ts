/**
 * The ripples with dots, most dots first (ties by text, so every screen shows the same
 * order), each with its place: equal counts share a place ("1, 2, 2, 4").
 *
 * @example
 * rankByVotes([{ text: 'b', votes: 1 }, { text: 'a', votes: 3 }]); // [{ text: 'a', votes: 3, rank: 1 }, { text: 'b', votes: 1, rank: 2 }]
 */
export function rankByVotes<T extends { text: string; votes: number }>(
  ripples: readonly T[],
): Array<T & { rank: number }> {
  const sorted = ripples
    .filter((r) => r.votes > 0)
    .sort((a, b) => b.votes - a.votes || a.text.localeCompare(b.text));
  return sorted.map((r) => ({ ...r, rank: sorted.findIndex((other) => other.votes === r.votes) + 1 }));
}
