import type { Codebook } from '../codebooks';
import { secondCode } from '../doc/codeRefs';
import type { Ripple, SessionMeta } from '../model/ripple';

export interface CrossTable {
  /** Main codes in codebook order, then '' for not coded. */
  rows: string[];
  /** Second codes in codebook order, then '' for none. */
  columns: string[];
  /** counts[row][column]: ripples on the map with that main code and that second code. */
  counts: number[][];
}

/**
 * The report's double coding as one table: main code (e.g. working element) × second code
 * (e.g. borging strategy), over the ripples on the map. Confirmed codes only.
 *
 * @example
 * crossTable(ripples, meta, workingElements, borging).counts[0][0]; // ripples coded needs × key_people
 */
export function crossTable(
  ripples: readonly Pick<Ripple, 'status' | 'code' | 'extraCodes'>[],
  meta: Pick<SessionMeta, 'secondCodebook'>,
  main: Codebook,
  second: Codebook,
): CrossTable {
  const rows = [...main.codes.map((c) => c.id), ''];
  const columns = [...second.codes.map((c) => c.id), ''];
  const counts = rows.map(() => columns.map(() => 0));
  // A code the codebook does not know counts with the uncoded, in the last row or column.
  const indexIn = (list: string[], code: string | null) => {
    const at = list.indexOf(code ?? '');
    return at === -1 ? list.length - 1 : at;
  };
  for (const ripple of ripples) {
    if (ripple.status !== 'accepted') continue;
    const cells = counts[indexIn(rows, ripple.code)];
    const column = indexIn(columns, secondCode(ripple, meta));
    if (cells) cells[column] = (cells[column] ?? 0) + 1;
  }
  return { rows, columns, counts };
}
