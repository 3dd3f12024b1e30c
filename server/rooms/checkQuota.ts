import type * as Y from 'yjs';
import type { DocChange } from '../../shared/doc/changes';
import type { PriorState } from '../../shared/doc/priorState';
import { readRipple } from '../../shared/doc/read';
import { roots } from '../../shared/doc/schema';
import { mapKeyCount } from '../../shared/doc/yjsInternals';
import type { CloseName } from '../../shared/protocol/closeCodes';

export interface RoomQuota {
  maxRippleText: number;
  maxRipples: number;
  maxLinks: number;
}

/**
 * The server's configurable limits on what one update may leave behind. A limit only
 * refuses growth: a session that is already over a lowered limit can still shrink.
 */
export function checkQuota(
  changes: readonly DocChange[],
  before: PriorState,
  after: Y.Doc,
  quota: RoomQuota,
): { name: CloseName; detail: string } | null {
  const { ripples, links } = roots(after);
  // Y.Map#size walks every entry; the internal map's size (deleted keys included) is an
  // upper bound that costs nothing, so the walk only happens near the limit.
  if (mapKeyCount(ripples) > quota.maxRipples && ripples.size > quota.maxRipples) {
    if (ripples.size > before.rippleCount)
      return { name: 'tooManyRipples', detail: `${ripples.size} ripples > ${quota.maxRipples}` };
  }
  if (mapKeyCount(links) > quota.maxLinks && links.size > quota.maxLinks) {
    if (links.size > before.linkCount)
      return { name: 'tooManyLinks', detail: `${links.size} links > ${quota.maxLinks}` };
  }
  for (const { path, key } of changes) {
    const id = path.length === 1 && path[0] === 'ripples' ? key : path[0] === 'ripples' ? path[1] : null;
    if (!id) continue;
    const text = readRipple(after, id)?.text ?? '';
    if (text.length > quota.maxRippleText) {
      return {
        name: 'textTooLong',
        detail: `ripple ${id}: ${text.length} characters > ${quota.maxRippleText}`,
      };
    }
  }
  return null;
}
