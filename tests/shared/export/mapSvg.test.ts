import { describe, expect, it } from 'vitest';
import { WORKING_ELEMENTS } from '../../../shared/codebooks';
import { escapeXml, type MapNode, nodeHeight, renderMapSvg, wrapText } from '../../../shared/export/mapSvg';
import { cardHeight, textWidth } from '../../../shared/layouts/cardSize';
import { NODE_SIZE } from '../../../shared/layouts/geometry';

const labels = { legend: 'Legenda', notCoded: 'Niet gecodeerd', order: (n: number) => `${n}e orde` };

function map(nodes: MapNode[], links: Array<{ from: string; to: string }> = []) {
  return renderMapSvg({
    title: 'Terugblik <Gezond> Dorp',
    programme: 'Dorpsondersteuner',
    dateLabel: '24 november 2026',
    language: 'nl',
    codebook: WORKING_ELEMENTS,
    nodes,
    links,
    labels,
  });
}

const node = (id: string, text: string, x: number, y: number, code: string | null = null): MapNode => ({
  id,
  text,
  code,
  order: 1,
  author: '',
  x,
  y,
});

describe('the map as SVG', () => {
  it('holds every ripple text, every link, the title and a legend in colour and pattern', () => {
    const svg = map(
      [
        node('a', 'De dorpsondersteuner heeft vaste financiering', 0, 0, 'needs'),
        node('b', 'Buren kennen elkaar beter', 400, 0, 'connection'),
      ],
      [{ from: 'a', to: 'b' }],
    );
    expect(svg).toContain('<title>De dorpsondersteuner heeft vaste financiering</title>');
    expect(svg).toContain('<title>Buren kennen elkaar beter</title>');
    expect(svg.match(/class="link"/g)).toHaveLength(1);
    expect(svg).toMatch(/class="link"[^>]*stroke="#334155"/);
    expect(svg).toContain('Terugblik &#60;Gezond&#62; Dorp');
    for (const code of WORKING_ELEMENTS.codes) {
      expect(svg).toContain(`fill="${code.color}"`);
      expect(svg).toContain(code.label.nl);
    }
    expect(svg).toContain(`url(#pat-${WORKING_ELEMENTS.codes[1]?.pattern})`);
  });

  it('renders hostile text as text', () => {
    const svg = map([node('x', '<script>alert(1)</script><img src=x onerror=alert(2)>', 0, 0)]);
    expect(svg).not.toContain('<script');
    expect(svg).not.toContain('<img');
    expect(svg).toContain('&#60;script&#62;');
  });

  it('wraps long text and grows the box with it, never cutting it, and never taller than the board card', () => {
    const lines = wrapText('een '.repeat(60), 220);
    expect(lines.length).toBeGreaterThan(3);
    expect(nodeHeight('kort')).toBeLessThan(nodeHeight('een '.repeat(20)));
    const long = 'De dorpsondersteuner heeft nu structurele financiering van de gemeente gekregen. '.repeat(
      6,
    );
    const svg = map([node('long', long, 0, 0)]);
    expect(svg).not.toContain('…');
    // Every word is drawn (the drawing's lines put together give the text back).
    const drawn = [...svg.matchAll(/font-size="15" fill="#0f172a">([^<]*)</g)].map((m) => m[1]).join(' ');
    expect(drawn).toBe(long.trim());
    // The board's card for the same words (19.2 px type) is at least as tall: its layout keeps pictures apart.
    const board = cardHeight({
      text: long,
      chips: [{ text: '1e orde' }, { text: 'Niet gecodeerd' }],
      author: null,
      origin: null,
    });
    expect(nodeHeight(long, '1e orde · Niet gecodeerd')).toBeLessThanOrEqual(board);
    expect(nodeHeight('kort')).toBeLessThanOrEqual(NODE_SIZE.height);
    expect(wrapText('x'.repeat(200), 220).every((l) => l.length <= 40)).toBe(true);
  });

  it('wraps a long code name inside its card', () => {
    const svg = map([{ ...node('a', 'Bewoners beslissen mee.', 0, 0), code: 'ownership' }]);
    const heads = [...svg.matchAll(/font-size="12" font-weight="700" fill="#334155">([^<]*)</g)].map(
      (m) => m[1] ?? '',
    );
    expect(heads.length).toBeGreaterThan(1);
    for (const head of heads) expect(textWidth(head, true) * 12).toBeLessThanOrEqual(280 - 34);
  });

  it('escapes every XML special character', () => {
    expect(escapeXml(`<a href="x">'&'</a>`)).toBe('&#60;a href=&#34;x&#34;&#62;&#39;&#38;&#39;&#60;/a&#62;');
  });

  it('lays the legend out for a narrow map: no name runs into the next column or out of the picture', () => {
    const svg = map([node('a', 'Een kaart van één rimpeling', 0, 0)]);
    const width = Number(/width="(\d+)"/.exec(svg)?.[1]);
    const entries = [...svg.matchAll(/class="legend-label" x="([\d.]+)" y="([\d.]+)"[^>]*>([^<]*)</g)].map(
      (m) => ({
        x: Number(m[1]),
        y: Number(m[2]),
        right: Number(m[1]) + textWidth(m[3] ?? '') * 16,
      }),
    );
    expect(entries.length).toBeGreaterThan(5);
    for (const entry of entries) {
      expect(entry.right).toBeLessThanOrEqual(width);
      // The next entry on the same line starts after this one's name ends.
      const next = entries
        .filter((e) => Math.abs(e.y - entry.y) < 1 && e.x > entry.x)
        .sort((a, b) => a.x - b.x)[0];
      if (next) expect(entry.right).toBeLessThan(next.x - 36);
    }
  });
});
