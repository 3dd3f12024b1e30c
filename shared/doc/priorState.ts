import type * as Y from 'yjs';
import type { CodedExample } from '../classifier';
import { isValidInterviewEntry, parseDraft, parsePair } from '../interview/parseInterview';
import { readDraft, readInterview, readPair, readPairs } from '../interview/readInterview';
import type { Draft, InterviewSettings, Pair } from '../model/interview';
import type { Ripple, SessionMeta } from '../model/ripple';
import type { DocChange } from './changes';
import type { InterviewReader } from './permissions';
import { readMeta, readRippleMap } from './read';
import { roots } from './schema';
import { exampleOf } from './suggestions';

const sameExample = (a: CodedExample | null | undefined, b: CodedExample | null | undefined): boolean =>
  a?.code === b?.code && a?.text === b?.text;

/** What the permission rules need of a ripple as it was: whose it is and whether it waits. */
export type PriorRipple = Pick<Ripple, 'authorId' | 'status'>;

/**
 * The part of a document that the permission rules and limits read as it was *before* an
 * update: each ripple's author and status, the session settings, and which ripples and
 * links existed. The server keeps one next to its live document and refreshes it after
 * every change, so it can apply an update first and judge it afterwards, without holding
 * a second copy of the document to try it on. It also keeps the ripples with a confirmed
 * code, the classifier's examples, so a new ripple's suggestion does not read them all.
 */
/** The interview roots' parsers, for the rules (see `InterviewReader` in permissions.ts). */
const INTERVIEW_READER: InterviewReader = {
  isValidEntry: isValidInterviewEntry,
  pair: readPair,
  pairs: readPairs,
  draft: readDraft,
};

export class PriorState {
  /** How the rules read the interview roots of the document they judge. */
  readonly interviewReader: InterviewReader = INTERVIEW_READER;

  /** Every key of the ripples map: its author and status, or 'invalid' when unreadable. */
  private readonly ripples = new Map<string, PriorRipple | 'invalid'>();
  private readonly links = new Set<string>();
  /** The ripples with a confirmed code, as classifier examples, and their list while unchanged. */
  private readonly coded = new Map<string, CodedExample>();
  private codedList: readonly CodedExample[] | null = null;
  private readonly pairs = new Map<string, Pair | 'invalid'>();
  private readonly drafts = new Map<string, Draft | 'invalid'>();
  private currentMeta: SessionMeta;
  private currentInterview: InterviewSettings;

  constructor(private readonly doc: Y.Doc) {
    for (const id of roots(doc).ripples.keys()) this.refreshRipple(id);
    for (const id of roots(doc).links.keys()) this.links.add(id);
    for (const id of roots(doc).pairs.keys()) this.refreshPlain('pairs', id);
    for (const id of roots(doc).drafts.keys()) this.refreshPlain('drafts', id);
    this.currentMeta = readMeta(doc);
    this.currentInterview = readInterview(doc);
  }

  /** The interview round settings as they were. */
  get interview(): InterviewSettings {
    return this.currentInterview;
  }

  /** The pair under `id`: null when there was none, 'invalid' when unreadable. */
  pair(id: string): Pair | 'invalid' | null {
    return this.pairs.get(id) ?? null;
  }

  /** The draft under `id`: null when there was none, 'invalid' when unreadable. */
  draft(id: string): Draft | 'invalid' | null {
    return this.drafts.get(id) ?? null;
  }

  get meta(): SessionMeta {
    return this.currentMeta;
  }

  /** The ripple under `id`: null when there was none, 'invalid' when its content did not read as a ripple. */
  ripple(id: string): PriorRipple | 'invalid' | null {
    return this.ripples.get(id) ?? null;
  }

  /**
   * The session's confirmed codes as classifier examples (what `confirmedExamples` reads),
   * with the ripples that `changes` (the transaction under way) touched read as they are
   * now. While none of them changes, the same array: the classifier indexes it once.
   */
  examples(changes: readonly DocChange[] = []): readonly CodedExample[] {
    let now: Map<string, CodedExample> | null = null;
    for (const { path, key } of changes) {
      if (path[0] !== 'ripples') continue;
      const id = path[1] ?? key;
      if (id === null || id === undefined) continue;
      const example = exampleOf(roots(this.doc).ripples.get(id));
      if (sameExample(example, this.coded.get(id))) continue;
      now ??= new Map(this.coded);
      if (example) now.set(id, example);
      else now.delete(id);
    }
    if (now) return [...now.values()];
    this.codedList ??= [...this.coded.values()];
    return this.codedList;
  }

  get rippleCount(): number {
    return this.ripples.size;
  }

  get linkCount(): number {
    return this.links.size;
  }

  /** Catches up with `changes` (from `changesOfTransaction`), which the document now holds. */
  refresh(changes: readonly DocChange[]): void {
    let metaChanged = false;
    let interviewChanged = false;
    for (const { path, key } of changes) {
      const [root, id] = path;
      if (root === 'meta') metaChanged = true;
      else if (root === 'interview') interviewChanged = true;
      else if ((root === 'pairs' || root === 'drafts') && path.length === 1 && key !== null)
        this.refreshPlain(root, key);
      else if (root === 'ripples') {
        const rippleId = id ?? key;
        if (rippleId !== undefined && rippleId !== null) this.refreshRipple(rippleId);
      } else if (root === 'links' && path.length === 1 && key !== null) {
        if (roots(this.doc).links.has(key)) this.links.add(key);
        else this.links.delete(key);
      }
    }
    if (metaChanged) this.currentMeta = readMeta(this.doc);
    if (interviewChanged) this.currentInterview = readInterview(this.doc);
  }

  private refreshPlain(root: 'pairs' | 'drafts', id: string): void {
    const value = roots(this.doc)[root].get(id);
    if (root === 'pairs') {
      if (value === undefined) this.pairs.delete(id);
      else {
        const parsed = parsePair(value);
        this.pairs.set(id, parsed.ok && parsed.value.id === id ? parsed.value : 'invalid');
      }
      return;
    }
    if (value === undefined) this.drafts.delete(id);
    else {
      const parsed = parseDraft(value);
      this.drafts.set(id, parsed.ok && parsed.value.id === id ? parsed.value : 'invalid');
    }
  }

  private refreshRipple(id: string): void {
    const map = roots(this.doc).ripples.get(id);
    const example = exampleOf(map);
    if (!sameExample(example, this.coded.get(id))) {
      if (example) this.coded.set(id, example);
      else this.coded.delete(id);
      this.codedList = null;
    }
    if (map === undefined) {
      this.ripples.delete(id);
      return;
    }
    const ripple = readRippleMap(map);
    this.ripples.set(id, ripple ? { authorId: ripple.authorId, status: ripple.status } : 'invalid');
  }
}
