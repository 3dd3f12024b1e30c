import { describe, expect, it } from 'vitest';
import { fileSlug } from '../../shared/util/fileSlug';

describe('file names from session titles', () => {
  it.each([
    ['Terugblik Gezond Dorp', 'terugblik-gezond-dorp'],
    ['Één café in Enschede', 'een-cafe-in-enschede'],
    ['<script>', 'script'],
    ['   ', 'sessie'],
    ['../../etc/passwd', 'etcpasswd'],
  ])('%j → %s', (title, slug) => {
    expect(fileSlug(title)).toBe(slug);
  });
});
