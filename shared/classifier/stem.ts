import { stemmer as dutchStem } from '@orama/stemmers/dutch';
import { stemmer as englishStem } from '@orama/stemmers/english';

export type Language = 'nl' | 'en';

/**
 * Dutch diminutive endings, longest first. Snowball's Dutch stemmer leaves them alone
 * ("kopje" → "kopj"), yet phone-typed ripples are full of them ("gesprekje", "groepjes").
 */
const DIMINUTIVES = ['etjes', 'etje', 'tjes', 'pjes', 'jes', 'tje', 'pje', 'je'];
/** Past-tense and participle endings Snowball keeps ("luisterden" → "luisterd"). */
const VERB_ENDINGS = ['den', 'ten', 'de', 'te', 'd', 't'];

/**
 * Bounded caches: the same few hundred words recur in every session, so the stemmer runs
 * once per distinct word. Cleared wholesale when full; results never depend on the cache.
 */
const CACHE_LIMIT = 20_000;
const keyCache: Record<Language, Map<string, readonly string[]>> = { nl: new Map(), en: new Map() };

/**
 * The stems a folded word may stand for. Two words are taken as forms of one word when
 * their stem sets meet. Dutch gets extra candidates because Snowball alone maps
 * "wens" and "wensen", or "geluisterd" and "luisteren", to different stems.
 *
 * @example
 * wordKeys('geluisterd', 'nl').includes(wordKeys('luisteren', 'nl')[0]); // true
 */
export function wordKeys(word: string, language: Language): readonly string[] {
  const cache = keyCache[language];
  const cached = cache.get(word);
  if (cached) return cached;
  const keys = language === 'nl' ? dutchKeys(word) : [englishStem(word)];
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(word, keys);
  return keys;
}

/** Separable-verb particles: their participles put "ge" inside ("aangepast", "opgehaald"). */
const PARTICLES = [
  'aan',
  'af',
  'bij',
  'door',
  'in',
  'los',
  'mee',
  'na',
  'om',
  'op',
  'over',
  'terug',
  'toe',
  'uit',
  'vast',
  'voor',
];

/**
 * The one stem of a Dutch word as written, without the extra candidates of `wordKeys`.
 *
 * @example
 * mainKey('inloop'); // 'inlop'
 */
export function mainKey(word: string): string {
  return dutchKey(word);
}

function dutchKeys(word: string): readonly string[] {
  const candidates = new Set<string>([word]);
  for (const ending of DIMINUTIVES) {
    if (word.endsWith(ending) && word.length - ending.length >= 3) {
      const base = word.slice(0, -ending.length);
      candidates.add(base);
      // "mannetje" → "mann" → "man"
      if (base.at(-1) === base.at(-2)) candidates.add(base.slice(0, -1));
    }
  }
  // Participles: "geluisterd" → "luisterd", "aangepast" → "aanpast". Only words that end
  // like a participle, so nouns such as "gesprek" or "gevoel" keep their "ge".
  if (/(?:d|t|en)$/.test(word)) {
    if (word.startsWith('ge') && word.length >= 6) candidates.add(word.slice(2));
    for (const particle of PARTICLES) {
      if (word.startsWith(`${particle}ge`) && word.length - particle.length >= 6) {
        candidates.add(particle + word.slice(particle.length + 2));
      }
    }
  }
  for (const candidate of [...candidates]) {
    for (const ending of VERB_ENDINGS) {
      if (candidate.endsWith(ending) && candidate.length - ending.length >= 4) {
        candidates.add(candidate.slice(0, -ending.length));
      }
    }
  }
  const keys = new Set<string>();
  for (const candidate of candidates) keys.add(dutchKey(candidate));
  // A bare noun and its plural stem differently ("wens" → "wen", "wensen" → "wens"):
  // also stem the word as if it had the plural ending.
  if (!/[aeiou]$/.test(word)) keys.add(dutchKey(`${word}en`));
  return [...keys];
}

/**
 * Snowball's stem with Dutch spelling alternations evened out: a long vowel is written
 * double in a closed syllable only ("haal" / "halen"), and a consonant doubles before an
 * ending ("stel" / "stellen"), and s/f voice to z/v before one ("huis" / "huizen"). Applied to both sides of every comparison.
 */
function dutchKey(word: string): string {
  return (
    dutchStem(word)
      .replace(/([aeou])\1/g, '$1')
      .replace(/([^aeiou])\1$/, '$1')
      // "huis" / "huizen", "brief" / "brieven"
      .replace(/z$/, 's')
      .replace(/v$/, 'f')
  );
}
