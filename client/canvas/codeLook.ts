import type { Codebook } from '../../shared/codebooks';
import { findCodebook } from '../../shared/doc/codeRefs';
import type { CodeRef, Language, SessionMeta } from '../../shared/model/ripple';
import type { CodeLook } from './toCards';

const UNKNOWN: Omit<CodeLook, 'label'> = { color: '#6b7280', pattern: 'solid' };

/** The colour, pattern and label of each code of the session's codebook, in `language`. */
export function codeLooks(codebook: Codebook, language: Language): (code: string) => CodeLook {
  const byId = new Map(
    codebook.codes.map((c) => [c.id, { label: c.label[language], color: c.color, pattern: c.pattern }]),
  );
  return (code) => byId.get(code) ?? { ...UNKNOWN, label: code };
}

/**
 * Looks for a ripple's further codes, each from the codebook it came from (a kept code
 * from an earlier main codebook shows that codebook's label and colour, never its raw
 * id); the second codebook's code first.
 */
export function extraCodeLooks(
  meta: Pick<SessionMeta, 'customCodebooks' | 'secondCodebook'>,
  language: Language,
): (codes: readonly CodeRef[]) => CodeLook[] {
  const looks = new Map<string, (code: string) => CodeLook>();
  const lookIn = (codebook: string) => {
    let look = looks.get(codebook);
    if (!look) {
      const found = findCodebook(meta, codebook);
      look = found ? codeLooks(found, language) : (code) => ({ ...UNKNOWN, label: code });
      looks.set(codebook, look);
    }
    return look;
  };
  return (codes) =>
    [...codes]
      .sort((a, b) => Number(b.codebook === meta.secondCodebook) - Number(a.codebook === meta.secondCodebook))
      .map((ref) => lookIn(ref.codebook)(ref.code));
}
