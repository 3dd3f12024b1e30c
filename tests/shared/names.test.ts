import { describe, expect, it } from 'vitest';
import { nameMask } from '../../shared/export/names';
import type { Ripple } from '../../shared/model/ripple';

const ripple = (
  id: string,
  createdAt: number,
  authorId: string,
  authorName: string,
  extra: Partial<Ripple> = {},
) =>
  ({
    id,
    createdAt,
    authorId,
    authorName,
    coAuthors: [],
    text: '',
    story: '',
    involved: '',
    ...extra,
  }) as Ripple;

describe('nameMask', () => {
  const ripples = [
    ripple('b', 2, 'p-bo', 'Bo', { coAuthors: [{ id: 'p-an', name: 'Anna de Vries' }] }),
    ripple('a', 1, 'p-an', 'Anna de Vries'),
    ripple('c', 3, 'p-x', ''),
    ripple('d', 4, 'p-jan', 'Jan'),
  ];

  it('keeps everything with "keep"', () => {
    const mask = nameMask(ripples, 'keep', 'nl');
    expect(mask.name('p-an', 'Anna de Vries')).toBe('Anna de Vries');
    expect(mask.text('Anna de Vries belde')).toBe('Anna de Vries belde');
  });

  it('numbers named people by their first ripple, one number per person, and leaves the anonymous out', () => {
    const mask = nameMask(ripples, 'pseudonymise', 'nl');
    expect(mask.name('p-an', 'Anna de Vries')).toBe('Deelnemer 1');
    expect(mask.name('p-bo', 'Bo')).toBe('Deelnemer 2');
    expect(mask.name('p-jan', 'Jan')).toBe('Deelnemer 3');
    expect(mask.name('p-x', '')).toBe('');
    expect(nameMask(ripples, 'pseudonymise', 'en').name('p-jan', 'Jan')).toBe('Participant 3');
  });

  it('replaces whole names inside texts, longest first, in any case, but not inside other words', () => {
    const mask = nameMask(ripples, 'pseudonymise', 'nl');
    expect(mask.text('Met anna de vries en Jan naar de Janssen-markt')).toBe(
      'Met Deelnemer 1 en Deelnemer 3 naar de Janssen-markt',
    );
    // "Bo" is too short to look for inside texts: it would eat "Bos" and "bo-ter".
    expect(mask.text('Bo en Bos')).toBe('Bo en Bos');
    expect(nameMask(ripples, 'drop', 'nl').text('Jan hielp')).toBe('[naam] hielp');
    expect(nameMask(ripples, 'drop', 'en').name('p-jan', 'Jan')).toBe('');
  });
});
