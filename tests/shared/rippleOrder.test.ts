import { describe, expect, it } from 'vitest';
import { computeOrders, wouldCreateCycle } from '../../shared/doc/rippleOrder';

const links = (...pairs: string[]) =>
  pairs.map((pair) => {
    const [from = '', to = ''] = pair.split('>');
    return { from, to };
  });

describe('ripple order', () => {
  it.each([
    ['a ripple with no cause is first order', ['a'], links(), { a: 1 }],
    ['a chain counts up from the programme', ['a', 'b', 'c'], links('a>b', 'b>c'), { a: 1, b: 2, c: 3 }],
    [
      'a ripple with several causes takes its nearest one',
      ['a', 'b', 'c', 'd'],
      links('a>b', 'b>c', 'c>d', 'a>d'),
      { a: 1, b: 2, c: 3, d: 2 },
    ],
    ['links to ripples not on the map are ignored', ['a', 'b'], links('a>x', 'x>b'), { a: 1, b: 1 }],
    [
      'a loop made by concurrent links does not hang and counts as first order',
      ['a', 'b'],
      links('a>b', 'b>a'),
      { a: 1, b: 1 },
    ],
  ])('%s', (_name, ids, edges, expected) => {
    expect(Object.fromEntries(computeOrders(ids, edges))).toEqual(expected);
  });
});

describe('cycle check', () => {
  it.each([
    ['a self-link', links(), 'a', 'a', true],
    ['closing a chain into a loop', links('a>b', 'b>c'), 'c', 'a', true],
    ['a shortcut along the chain', links('a>b', 'b>c'), 'a', 'c', false],
    ['linking two separate trees', links('a>b', 'c>d'), 'b', 'c', false],
  ])('%s → %s', (_name, edges, from, to, expected) => {
    expect(wouldCreateCycle(edges, from, to)).toBe(expected);
  });
});
