import { readFeatures, type TextFeatures } from './features';
import { type FeatureValue, featureVector, type KindScales, UNSCALED } from './model';

/** A ripple whose code a facilitator confirmed or corrected in this session. */
export interface CodedExample {
  text: string;
  code: string;
}

/**
 * How the session's own examples vote: the facilitator's confirmed
 * codes speak the session's language and vocabulary, which no corpus can. Nearest
 * neighbours over the same features the model reads, content words only, so that two
 * ripples do not look alike for sharing "de" and "het".
 */
export interface ExampleVote {
  /** Per code id, the summed cosine similarity of its examples among the nearest. */
  votes: Map<string, number>;
  /** The best cosine similarity to any example: how much the examples know about this text. */
  nearest: number;
  /** How many examples the votes came from (of codes in the codebook). */
  count: number;
}

/** Neighbours that vote. A few, so one odd example does not decide alone. */
export const NEIGHBOURS = 5;
const CONTENT_KINDS: ReadonlySet<string> = new Set(['w', 'c', 'p', 'b']);

interface ExampleIndex {
  vocabulary: ReadonlySet<string>;
  codes: string[];
  postings: Map<string, Array<{ example: number; value: number }>>;
}

/**
 * Indexed once per examples array and codebook (its list of code ids, which callers keep
 * per codebook): the server and the board pass the same array for a batch of ripples.
 */
const indexes = new WeakMap<readonly CodedExample[], WeakMap<readonly string[], ExampleIndex>>();

/** A text's content features, at unit length. */
export function contentVector(features: TextFeatures): FeatureValue[] {
  return contentOf(featureVector(features, CONTENT_KINDS, null));
}

/**
 * The content features of a feature vector (a model's `featureVector`, whose keyword
 * features are left out here), each kind's scale undone and scaled to unit length again:
 * the values of `contentVector` of the same text, without reading its features a second time.
 */
export function contentOf(vector: readonly FeatureValue[], scales: KindScales = UNSCALED): FeatureValue[] {
  const content: FeatureValue[] = [];
  let norm = 0;
  for (const feature of vector) {
    const kind = feature.key[0] as string;
    if (!feature.isContent || !CONTENT_KINDS.has(kind)) continue;
    const value = feature.value / (scales.get(kind) ?? 1);
    content.push({ ...feature, value });
    norm += value * value;
  }
  const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
  for (const feature of content) feature.value *= scale;
  return content;
}

function indexExamples(
  examples: readonly CodedExample[],
  codeIds: readonly string[],
  vocabulary: ReadonlySet<string>,
): ExampleIndex {
  let byCodes = indexes.get(examples);
  if (!byCodes) {
    byCodes = new WeakMap();
    indexes.set(examples, byCodes);
  }
  const cached = byCodes.get(codeIds);
  if (cached && cached.vocabulary === vocabulary) return cached;
  const known = new Set(codeIds);
  const index: ExampleIndex = { vocabulary, codes: [], postings: new Map() };
  for (const example of examples) {
    if (!example || typeof example.text !== 'string' || !known.has(example.code)) continue;
    const id = index.codes.length;
    index.codes.push(example.code);
    for (const { key, value } of contentVector(readFeatures(example.text, vocabulary))) {
      const list = index.postings.get(key);
      if (list) list.push({ example: id, value });
      else index.postings.set(key, [{ example: id, value }]);
    }
  }
  byCodes.set(codeIds, index);
  return index;
}

/**
 * The examples' vote for a text: its nearest examples by cosine similarity, each voting
 * for its code with its similarity.
 *
 * @example
 * voteOfExamples(contentVector(readFeatures('De buurt runt de moestuin zelf', vocabulary)), [{ text: 'Bewoners runnen het café zelf', code: 'ownership' }], codes, vocabulary);
 * // { votes: Map { 'ownership' → 0.3… }, nearest: 0.3…, count: 1 }
 */
export function voteOfExamples(
  content: readonly FeatureValue[],
  examples: readonly CodedExample[],
  codeIds: readonly string[],
  vocabulary: ReadonlySet<string>,
): ExampleVote {
  const votes = new Map<string, number>();
  if (examples.length === 0) return { votes, nearest: 0, count: 0 };
  const index = indexExamples(examples, codeIds, vocabulary);
  const similarity = new Float64Array(index.codes.length);
  for (const { key, value } of content) {
    for (const posting of index.postings.get(key) ?? []) {
      similarity[posting.example] = (similarity[posting.example] ?? 0) + value * posting.value;
    }
  }
  const nearest = nearestOf(similarity);
  for (const i of nearest) {
    const code = index.codes[i] ?? '';
    votes.set(code, (votes.get(code) ?? 0) + (similarity[i] ?? 0));
  }
  return { votes, nearest: similarity[nearest[0] ?? -1] ?? 0, count: index.codes.length };
}

/** The NEIGHBOURS most similar examples with a positive similarity, best first (ties: lower index). */
function nearestOf(similarity: Float64Array): number[] {
  const best: number[] = [];
  for (let i = 0; i < similarity.length; i++) {
    const value = similarity[i] ?? 0;
    if (value <= 0) continue;
    if (best.length === NEIGHBOURS && value <= (similarity[best[NEIGHBOURS - 1] ?? 0] ?? 0)) continue;
    let at = best.length;
    while (at > 0 && (similarity[best[at - 1] ?? 0] ?? 0) < value) at--;
    best.splice(at, 0, i);
    if (best.length > NEIGHBOURS) best.pop();
  }
  return best;
}
