import { describe, expect, it } from 'vitest';
import { WORKING_ELEMENTS } from '../../../shared/codebooks';
import { escapeXml, type MapNode, nodeHeight, renderMapSvg, wrapText } from '../../../shared/export/mapSvg';
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

  it('wraps long text, grows the box with it up to the board card size, and cuts the rest', () => {
    const lines = wrapText('een '.repeat(60), 220);
    expect(lines.length).toBeGreaterThan(3);
    expect(nodeHeight('kort')).toBeLessThan(nodeHeight('een '.repeat(20)));
    expect(nodeHeight('een '.repeat(200))).toBeLessThanOrEqual(NODE_SIZE.height);
    expect(map([node('long', 'woord '.repeat(200), 0, 0)])).toContain('…');
    expect(wrapText('x'.repeat(200), 220).every((l) => l.length <= 40)).toBe(true);
  });

  it('escapes every XML special character', () => {
    expect(escapeXml(`<a href="x">'&'</a>`)).toBe('&#60;a href=&#34;x&#34;&#62;&#39;&#38;&#39;&#60;/a&#62;');
  });
});
