import type * as v from 'valibot';

/**
 * Where in the input a valibot issue is, as a reader writes it: `ripples[3].intended`,
 * `meta.title`. `whole` stands for the input itself (an issue with no path).
 */
export function issuePath(issue: v.BaseIssue<unknown> | undefined, whole = ''): string {
  let out = '';
  for (const item of issue?.path ?? []) {
    out += typeof item.key === 'number' ? `[${item.key}]` : out ? `.${String(item.key)}` : String(item.key);
  }
  return out || whole;
}
