import { wouldCreateCycle } from '../doc/rippleOrder';
import { LIMITS } from '../model/limits';
import { type Link, linkId, mergedCoAuthors, type RippleOrigin, type Vote } from '../model/ripple';
import type { ExportedRipple, SessionExport } from './sessionExport';

/**
 * Several sessions, one story: REM maps grow over repeated sessions (every few months, or one
 * per region). Two ways in: continuing a session in a new one, and merging two or more
 * sessions' exports into one map. Either way every ripple remembers the session it was first
 * mapped in (`origin`), and nothing is lost that the facilitator did not drop.
 */

/** Where the ripples of `data` were first mapped: the session's title and day. */
export function originOf(data: SessionExport): RippleOrigin {
  return {
    title: data.session.title.slice(0, LIMITS.title) || '—',
    date: new Date(data.session.createdAt).toISOString().slice(0, 10),
  };
}

/** Every ripple stamped with its origin; one that came from elsewhere already keeps its own. */
function stamped(data: SessionExport): ExportedRipple[] {
  const origin = originOf(data);
  return data.ripples.map((ripple) => ({ ...ripple, origin: ripple.origin ?? origin }));
}

/**
 * A new session that goes on from `data`: the same map, settings, phases and codebooks, each
 * ripple marked with the session it came from; a fresh start for the things that belong to
 * one evening (the vote, the session's phase).
 */
export function continueSession(data: SessionExport, title: string, now: Date): SessionExport {
  return {
    ...data,
    exportedAt: now.toISOString(),
    session: {
      ...data.session,
      title: title.slice(0, LIMITS.title),
      createdAt: now.getTime(),
      sessionPhase: 'interviews',
      votingOpen: false,
      votesRevealed: false,
    },
    ripples: stamped(data).map((ripple) => ({ ...ripple, votes: 0 })),
    votes: [],
  };
}

/** Two ripples from different sessions that probably tell the same, for the facilitator to judge. */
export interface DuplicateProposal {
  /** The ripple that stays (the older file's). */
  keep: string;
  /** The ripple that may be merged into it or dropped. */
  other: string;
  /** 0–1: how much of their wording they share. */
  similarity: number;
}

export interface MergePlan {
  /** Every ripple of every file, ids made unique, links and votes kept. */
  merged: SessionExport;
  /** Likely duplicates, most alike first; each ripple is in at most one. */
  duplicates: DuplicateProposal[];
}

/** The similarity from which two ripples are proposed as duplicates. */
export const DUPLICATE_THRESHOLD = 0.5;

/** Character trigrams of the words, lower-cased and without accents or punctuation. */
function trigrams(text: string): Set<string> {
  const words = text
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
  const grams = new Set<string>();
  const padded = ` ${words} `;
  for (let i = 0; i + 3 <= padded.length; i++) grams.add(padded.slice(i, i + 3));
  return grams;
}

/** Jaccard similarity of the two texts' trigram sets (0 when either is empty). */
export function textSimilarity(a: string, b: string): number {
  return jaccard(trigrams(a), trigrams(b));
}

function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  for (const gram of a) if (b.has(gram)) shared++;
  return shared / (a.size + b.size - shared);
}

/**
 * Puts the files' maps together as one. Ids that two files share are renamed in the later
 * file (with its links and votes), voters of each file stay apart, the first file's settings
 * and codebook lead, and phases and custom codebooks of every file are kept.
 */
export function mergeExports(files: readonly SessionExport[], title: string, now: Date): MergePlan {
  const [first] = files;
  if (!first) throw new Error('merging needs at least one session');
  const ripples: ExportedRipple[] = [];
  const links = new Map<string, Link>();
  const votes: Vote[] = [];
  const taken = new Set<string>();
  const fileOf = new Map<string, number>();
  files.forEach((file, index) => {
    const rename = new Map<string, string>();
    for (const ripple of stamped(file)) {
      let id = ripple.id;
      for (let n = 2; taken.has(id); n++) id = `${ripple.id.slice(0, LIMITS.id - 4)}-${n}`;
      taken.add(id);
      rename.set(ripple.id, id);
      fileOf.set(id, index);
      ripples.push({ ...ripple, id, proposedCauses: ripple.proposedCauses.map((c) => rename.get(c) ?? c) });
    }
    for (const link of file.links) {
      const from = rename.get(link.from);
      const to = rename.get(link.to);
      if (from && to) links.set(linkId(from, to), { ...link, id: linkId(from, to), from, to });
    }
    for (const vote of file.votes) {
      const rippleId = rename.get(vote.rippleId);
      // A voter of one session is not the same voter in another.
      const voterId = index === 0 ? vote.voterId : `${index + 1}.${vote.voterId}`.slice(0, 80);
      if (rippleId) votes.push({ ...vote, voterId, rippleId });
    }
  });

  const phases = new Map(first.session.phases.map((phase) => [phase.id, phase]));
  const codebooks = new Map(first.session.customCodebooks.map((book) => [book.id, book]));
  for (const file of files.slice(1)) {
    for (const phase of file.session.phases) if (!phases.has(phase.id)) phases.set(phase.id, phase);
    for (const book of file.session.customCodebooks)
      if (!codebooks.has(book.id)) codebooks.set(book.id, book);
  }
  const merged: SessionExport = {
    ...first,
    exportedAt: now.toISOString(),
    session: {
      ...first.session,
      title: title.slice(0, LIMITS.title),
      createdAt: now.getTime(),
      phases: [...phases.values()].slice(0, LIMITS.phases),
      customCodebooks: [...codebooks.values()].slice(0, LIMITS.customCodebooks),
      sessionPhase: 'mapping',
      votingOpen: false,
      votesRevealed: false,
    },
    ripples,
    links: [...links.values()],
    votes,
  };
  return { merged, duplicates: proposeDuplicates(ripples, fileOf) };
}

/** Pairs of ripples from different files whose wording is alike, greedily, most alike first. */
function proposeDuplicates(
  ripples: readonly ExportedRipple[],
  fileOf: ReadonlyMap<string, number>,
): DuplicateProposal[] {
  const grams = ripples.map((ripple) => trigrams(ripple.text));
  // Only pairs that share a trigram are compared: an index instead of every pair.
  const byGram = new Map<string, number[]>();
  grams.forEach((set, i) => {
    for (const gram of set) {
      const list = byGram.get(gram);
      if (list) list.push(i);
      else byGram.set(gram, [i]);
    }
  });
  const pairs: Array<{ a: number; b: number; similarity: number }> = [];
  ripples.forEach((ripple, a) => {
    const shared = new Map<number, number>();
    for (const gram of grams[a] ?? []) {
      for (const b of byGram.get(gram) ?? []) if (b > a) shared.set(b, (shared.get(b) ?? 0) + 1);
    }
    for (const [b, count] of shared) {
      const other = ripples[b] as ExportedRipple;
      if (fileOf.get(ripple.id) === fileOf.get(other.id)) continue;
      const sizeA = grams[a]?.size ?? 0;
      const sizeB = grams[b]?.size ?? 0;
      const similarity = count / (sizeA + sizeB - count);
      if (similarity >= DUPLICATE_THRESHOLD) pairs.push({ a, b, similarity });
    }
  });
  pairs.sort((x, y) => y.similarity - x.similarity || x.a - y.a || x.b - y.b);
  const used = new Set<number>();
  const proposals: DuplicateProposal[] = [];
  for (const { a, b, similarity } of pairs) {
    if (used.has(a) || used.has(b)) continue;
    used.add(a);
    used.add(b);
    const keep = ripples[a] as ExportedRipple;
    const other = ripples[b] as ExportedRipple;
    proposals.push({ keep: keep.id, other: other.id, similarity: Math.round(similarity * 100) / 100 });
  }
  return proposals;
}

/** What the facilitator decided for a proposed pair. */
export type DuplicateChoice = 'both' | 'merge' | 'drop';

/**
 * Applies the facilitator's choices to a merge plan (a pair without a choice keeps both):
 * `merge` folds the other ripple into the one that stays (its authors become co-authors, its
 * story is added, its links and dots move over, a code it had fills an empty one); `drop`
 * removes it with its links and dots. Every other ripple is in the result.
 */
export function resolveDuplicates(
  plan: MergePlan,
  choices: Readonly<Record<string, DuplicateChoice>>,
): SessionExport {
  const ripples = new Map(plan.merged.ripples.map((ripple) => [ripple.id, { ...ripple }]));
  let links = [...plan.merged.links];
  let votes = [...plan.merged.votes];
  for (const { keep, other } of plan.duplicates) {
    const choice = choices[other] ?? 'both';
    const kept = ripples.get(keep);
    const gone = ripples.get(other);
    if (choice === 'both' || !kept || !gone) continue;
    ripples.delete(other);
    if (choice === 'drop') {
      links = links.filter((link) => link.from !== other && link.to !== other);
      votes = votes.filter((vote) => vote.rippleId !== other);
      continue;
    }
    kept.coAuthors = mergedCoAuthors(kept, gone, LIMITS.coAuthors);
    if (gone.story && !kept.story.includes(gone.story))
      kept.story = [kept.story, gone.story].filter(Boolean).join('\n\n').slice(0, LIMITS.rippleStory);
    kept.code ??= gone.code;
    kept.suggestedCode ??= gone.suggestedCode;
    if (gone.status === 'accepted') kept.status = 'accepted';
    const moved = links.filter((link) => link.from === other || link.to === other);
    links = links.filter((link) => link.from !== other && link.to !== other);
    for (const link of moved) {
      const from = link.from === other ? keep : link.from;
      const to = link.to === other ? keep : link.to;
      const id = linkId(from, to);
      if (from === to || links.some((l) => l.id === id) || wouldCreateCycle(links, from, to)) continue;
      links.push({ ...link, id, from, to });
    }
    votes = votes.map((vote) => (vote.rippleId === other ? { ...vote, rippleId: keep } : vote));
  }
  const counts = new Map<string, number>();
  for (const vote of votes) counts.set(vote.rippleId, (counts.get(vote.rippleId) ?? 0) + 1);
  return {
    ...plan.merged,
    ripples: [...ripples.values()].map((ripple) => ({ ...ripple, votes: counts.get(ripple.id) ?? 0 })),
    links,
    votes,
  };
}
