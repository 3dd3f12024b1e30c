import type { Language } from './stem';
import type { Token } from './tokenize';

export type RippleValence = 'positive' | 'negative' | 'mixed';

/**
 * Small hand-made lists of evaluative words (folded). Valence is a suggestion the
 * facilitator confirms; it only reads clear evaluative words and stays `null` otherwise.
 * Stems are matched as word beginnings ("verbeter" covers "verbeterd", "verbetering").
 */
const POSITIVE: Record<Language, readonly string[]> = {
  nl: [
    'gegroeid',
    'groei',
    'verbeter',
    'beter',
    'positief',
    'blij',
    'trots',
    'succes',
    'gelukt',
    'mooi',
    'fijn',
    'gezellig',
    'enthousias',
    'waardevol',
    'waarder',
    'sterker',
    'versterk',
    'goed',
    'prettig',
    'plezier',
    'inspirer',
    'dankbaar',
    'geweldig',
    'opgelucht',
  ],
  en: [
    'grew',
    'grow',
    'improv',
    'better',
    'positive',
    'happy',
    'proud',
    'success',
    'great',
    'good',
    'enthusias',
    'valuable',
    'stronger',
    'strengthen',
    'inspir',
    'grateful',
    'enjoy',
    'nice',
    'wonderful',
    'appreciat',
  ],
};

const NEGATIVE: Record<Language, readonly string[]> = {
  nl: [
    'mislukt',
    'lastig',
    'moeilijk',
    'probleem',
    'problemen',
    'jammer',
    'teleurgesteld',
    'teleurstel',
    'gestopt',
    'weggevallen',
    'kwijt',
    'boos',
    'frustr',
    'wantrouw',
    'spanning',
    'slecht',
    'verloren',
    'kapot',
    'afgehaakt',
    'zwaar',
    'helaas',
    'eenzaam',
    'negatief',
    'gefaald',
    'onvrede',
    'klacht',
    'verdwenen',
  ],
  en: [
    'fail',
    'difficult',
    'hard',
    'problem',
    'unfortunately',
    'sadly',
    'stopped',
    'lost',
    'frustrat',
    'distrust',
    'tension',
    'bad',
    'worse',
    'lonely',
    'broken',
    'disappoint',
    'angry',
    'complain',
    'quit',
    'dropped out',
  ],
};

/** Words that turn the next evaluative word around: "niet gelukt", "minder eenzaam", "not good". */
const NEGATORS = new Set([
  'niet',
  'geen',
  'nooit',
  'minder',
  'zonder',
  'not',
  'no',
  'never',
  'less',
  'without',
  'didnt',
  'doesnt',
  'wasnt',
  'isnt',
  'dont',
  'cant',
  'wont',
]);
const NEGATION_REACH = 2;

const startsWithAny = (word: string, stems: readonly string[]) => stems.some((stem) => word.startsWith(stem));

/**
 * Suggests whether a ripple describes a good change, a bad one, or both.
 *
 * @example
 * suggestValence(tokenize('Minder eenzaam en veel gezelliger')); // 'positive'
 */
export function suggestValence(tokens: readonly Token[]): RippleValence | null {
  let positive = 0;
  let negative = 0;
  tokens.forEach((token, index) => {
    const isPositive = startsWithAny(token.word, POSITIVE.nl) || startsWithAny(token.word, POSITIVE.en);
    const isNegative = startsWithAny(token.word, NEGATIVE.nl) || startsWithAny(token.word, NEGATIVE.en);
    if (isPositive === isNegative) return;
    let negated = false;
    for (let i = Math.max(0, index - NEGATION_REACH); i < index; i++) {
      if (NEGATORS.has(tokens[i]?.word ?? '')) negated = true;
    }
    if (isPositive !== negated) positive++;
    else negative++;
  });
  if (positive > 0 && negative > 0) return 'mixed';
  if (positive > 0) return 'positive';
  if (negative > 0) return 'negative';
  return null;
}
