import { type Codebook, getBuiltinCodebook } from '../codebooks';
import type { CodeRef, Ripple, SessionMeta } from '../model/ripple';

type CodebookMeta = Pick<SessionMeta, 'customCodebooks'>;

/**
 * A codebook by id: one of the session's own, else a built-in one. A code keeps the
 * label and colour of the codebook it came from, also after the session switched to
 * another main codebook.
 */
export function findCodebook(meta: CodebookMeta, id: string): Codebook | undefined {
  return meta.customCodebooks.find((c) => c.id === id) ?? getBuiltinCodebook(id);
}

/** The ripple's code from the session's second codebook, or null. */
export function secondCode(
  ripple: Pick<Ripple, 'extraCodes'>,
  meta: Pick<SessionMeta, 'secondCodebook'>,
): string | null {
  return ripple.extraCodes.find((c) => c.codebook === meta.secondCodebook)?.code ?? null;
}

/** `extraCodes` with the code from `codebook` set to `code` (or removed, for null); others kept in place. */
export function withCodeFrom(
  extraCodes: readonly CodeRef[],
  codebook: string,
  code: string | null,
): CodeRef[] {
  const others = extraCodes.filter((c) => c.codebook !== codebook);
  return code === null ? others : [...others, { codebook, code }];
}
