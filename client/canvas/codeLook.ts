import type { Codebook } from '../../shared/codebooks';
import type { Language } from '../../shared/model/ripple';
import type { CodeLook } from './toCards';

const UNKNOWN: Omit<CodeLook, 'label'> = { color: '#6b7280', pattern: 'solid' };

/** The colour, pattern and label of each code of the session's codebook, in `language`. */
export function codeLooks(codebook: Codebook, language: Language): (code: string) => CodeLook {
  const byId = new Map(
    codebook.codes.map((c) => [c.id, { label: c.label[language], color: c.color, pattern: c.pattern }]),
  );
  return (code) => byId.get(code) ?? { ...UNKNOWN, label: code };
}
