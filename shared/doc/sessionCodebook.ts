import { type Codebook, DEFAULT_CODEBOOK_ID, getBuiltinCodebook } from '../codebooks';
import type { SessionMeta } from '../model/ripple';

// The classifier indexes a codebook once per object; documents hand out fresh objects on
// every read, so custom codebooks are cached by content to keep that index warm.
const customCache = new Map<string, Codebook>();

/**
 * The codebook a session codes with: a custom one by that id, else the built-in one, else
 * the default (the five working elements).
 */
export function sessionCodebook(meta: Pick<SessionMeta, 'codebook' | 'customCodebooks'>): Codebook {
  const custom = meta.customCodebooks.find((codebook) => codebook.id === meta.codebook);
  if (custom) {
    const key = JSON.stringify(custom);
    let cached = customCache.get(key);
    if (!cached) {
      if (customCache.size > 100) customCache.clear();
      cached = custom;
      customCache.set(key, cached);
    }
    return cached;
  }
  return getBuiltinCodebook(meta.codebook) ?? (getBuiltinCodebook(DEFAULT_CODEBOOK_ID) as Codebook);
}
