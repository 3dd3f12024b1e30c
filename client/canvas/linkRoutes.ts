import { NODE_SIZE } from '../../shared/layouts/geometry';
import { CLEARANCE } from '../../shared/layouts/linkDetour';
import { indexCards, type LinkBox, type LinkEnds, linkEnds, linkPath } from '../../shared/layouts/linkRoute';
import type { Link } from '../../shared/model/ripple';

/** A line's route and the rectangle its path stays within (its points and control points). */
interface Route {
  from: LinkBox;
  to: LinkBox;
  ends: LinkEnds;
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** The routes of a map's lines, and the cards they were worked out around. */
export interface Routes {
  cards: ReadonlyMap<string, LinkBox>;
  byLink: ReadonlyMap<string, Route>;
}

/** More cards moved than this (a new layout, a first render) and every line is routed afresh. */
const MANY_MOVED = 40;

const sameBox = (a: LinkBox | undefined, b: LinkBox | undefined) =>
  !!a && !!b && a.position.x === b.position.x && a.position.y === b.position.y && a.height === b.height;

function routeOf(from: LinkBox, to: LinkBox, index: ReturnType<typeof indexCards>): Route {
  const ends = linkEnds(from, to, index);
  const numbers =
    linkPath(ends)
      .match(/-?[\d.]+(e-?\d+)?/g)
      ?.map(Number) ?? [];
  let x0 = Number.POSITIVE_INFINITY;
  let y0 = Number.POSITIVE_INFINITY;
  let x1 = Number.NEGATIVE_INFINITY;
  let y1 = Number.NEGATIVE_INFINITY;
  for (let i = 0; i + 1 < numbers.length; i += 2) {
    x0 = Math.min(x0, numbers[i] as number);
    x1 = Math.max(x1, numbers[i] as number);
    y0 = Math.min(y0, numbers[i + 1] as number);
    y1 = Math.max(y1, numbers[i + 1] as number);
  }
  return { from, to, ends, x0, y0, x1, y1 };
}

/**
 * Every line's route (linkRoute.ts), keeping from `previous` each route that is still
 * good: its two cards did not move and no card that moved (or came) reaches into the
 * rectangle its path stays within. Routing a line round the cards costs a search; while a
 * card is dragged, only its own lines and the lines it comes near are routed again, not
 * every line of a big map each frame. A route kept may be longer than a fresh one would
 * be (a card that moved away left a shorter way), never behind a card.
 */
export function routeLinks(
  cards: readonly (LinkBox & { id: string })[],
  links: readonly Link[],
  previous: Routes | null,
): Routes {
  const boxes = new Map(cards.map((card) => [card.id, card as LinkBox]));
  const moved: LinkBox[] = [];
  for (const [id, box] of boxes) if (!sameBox(previous?.cards.get(id), box)) moved.push(box);
  const fresh = !previous || moved.length > MANY_MOVED;
  const index = indexCards(cards);
  const near = (route: Route) =>
    moved.some(
      (box) =>
        box.position.x - CLEARANCE < route.x1 &&
        route.x0 < box.position.x + NODE_SIZE.width + CLEARANCE &&
        box.position.y - CLEARANCE < route.y1 &&
        route.y0 < box.position.y + box.height + CLEARANCE,
    );
  const byLink = new Map<string, Route>();
  for (const link of links) {
    const from = boxes.get(link.from);
    const to = boxes.get(link.to);
    if (!from || !to) continue;
    const kept = fresh ? undefined : previous?.byLink.get(link.id);
    byLink.set(
      link.id,
      kept && sameBox(kept.from, from) && sameBox(kept.to, to) && !near(kept)
        ? kept
        : routeOf(from, to, index),
    );
  }
  return { cards: boxes, byLink };
}
