/**
 * A session title as a file name: "Terugblik Gezond Dorp" → "terugblik-gezond-dorp".
 * Accents are dropped rather than the letter ("één" → "een"); empty titles become "sessie".
 */
export function fileSlug(title: string): string {
  const base = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\w\s-]/g, '')
    .trim()
    .toLowerCase()
    .replace(/[\s_]+/g, '-')
    .slice(0, 60);
  return base || 'sessie';
}
