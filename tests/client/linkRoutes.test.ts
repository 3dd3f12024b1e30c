import { describe, expect, it } from 'vitest';
import { routeLinks } from '../../client/canvas/linkRoutes';
import { linkPath } from '../../shared/layouts/linkRoute';

const card = (id: string, x: number, y: number) => ({ id, position: { x, y }, height: 168 });
const link = (id: string, from: string, to: string) => ({ id, from, to, createdAt: 0 });

describe('routes kept between renders', () => {
  const cards = [card('a', 0, 0), card('b', 680, 0), card('c', 0, 2000), card('d', 680, 2000)];
  const links = [link('ab', 'a', 'b'), link('cd', 'c', 'd')];

  it('keeps the route of a line whose cards did not move and that no moved card comes near', () => {
    const first = routeLinks(cards, links, null);
    const moved = cards.map((c) => (c.id === 'c' ? card('c', 0, 2100) : c));
    const second = routeLinks(moved, links, first);
    expect(second.byLink.get('ab')).toBe(first.byLink.get('ab'));
    expect(second.byLink.get('cd')).not.toBe(first.byLink.get('cd'));
  });

  it('routes a line again when a card is dragged into its way, round the card', () => {
    const first = routeLinks(cards, links, null);
    const inTheWay = [...cards, card('e', 340, -40)];
    const second = routeLinks(inTheWay, links, first);
    const before = first.byLink.get('ab');
    const after = second.byLink.get('ab');
    expect(after).not.toBe(before);
    // The straight line through the new card is gone: it arcs or goes round.
    expect(after && linkPath(after.ends)).not.toBe(before && linkPath(before.ends));
  });
});
