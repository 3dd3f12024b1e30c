import type { Codebook } from '../codebooks';
import { NODE_SIZE } from '../layouts/geometry';

/**
 * The map as a standalone SVG document, drawn from data rather than copied from the
 * screen: the whole map (not the viewport), every link, a title block and a legend, no UI
 * chrome. Screen-capture libraries drop React Flow edges and clip to the viewport; a
 * drawing made from the same positions the board uses has neither problem, and every
 * text is XML-escaped, so a ripple cannot inject markup into a report.
 */

export interface MapNode {
  id: string;
  text: string;
  code: string | null;
  order: number;
  author: string;
  x: number;
  y: number;
}

export interface MapDecorations {
  /** A horizontal time axis at `y`, with ticks and labelled phase bands (timeline layout). */
  axis?: {
    y: number;
    ticks: Array<{ x: number; label: string }>;
    bands: Array<{ x0: number; x1: number; label: string }>;
  };
  /** Concentric rings around (cx, cy) with labels (ripple rings layout). */
  rings?: { cx: number; cy: number; radii: number[]; labels: string[]; centre: string };
}

export interface MapSvgInput {
  title: string;
  programme: string;
  /** Shown under the title, already formatted for the reader. */
  dateLabel: string;
  language: 'nl' | 'en';
  codebook: Codebook;
  nodes: MapNode[];
  links: Array<{ from: string; to: string }>;
  decorations?: MapDecorations;
  /** `@font-face` rules with the font embedded as a data URI, so the file renders the same anywhere. */
  fontCss?: string;
  /** Labels in the reader's language. */
  labels: { legend: string; notCoded: string; order: (n: number) => string };
}

/** The board's card size: the layouts space cards by it, so the drawing never overlaps. */
export const NODE_WIDTH = NODE_SIZE.width;
const NODE_MAX_HEIGHT = NODE_SIZE.height;
const FONT_SIZE = 15;
const LINE_HEIGHT = 20;
const PADDING = 12;
/** Average advance of Atkinson Hyperlegible, in em: enough to wrap without measuring in a DOM. */
const CHAR_EM = 0.55;
const FONT_FAMILY = "'Atkinson Hyperlegible', 'DejaVu Sans', Arial, sans-serif";

/** Escapes text for XML content and attributes. */
// XML 1.0 forbids these control characters; a crafted ripple could carry them.
// biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
const XML_FORBIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g;

export function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (ch) => `&#${ch.charCodeAt(0)};`).replace(XML_FORBIDDEN, '');
}

/** Greedy word wrap at an estimated width; very long words are cut. */
export function wrapText(text: string, width: number, fontSize = FONT_SIZE): string[] {
  const perLine = Math.max(8, Math.floor(width / (fontSize * CHAR_EM)));
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    for (let rest = word; rest.length > 0; ) {
      const piece = rest.slice(0, perLine);
      rest = rest.slice(perLine);
      if (!line) line = piece;
      else if (line.length + 1 + piece.length <= perLine) line = `${line} ${piece}`;
      else {
        lines.push(line);
        line = piece;
      }
    }
  }
  if (line) lines.push(line);
  return lines.length > 0 ? lines : [''];
}

const MAX_LINES = Math.floor((NODE_MAX_HEIGHT - PADDING * 2 - 22) / LINE_HEIGHT);

/** The lines a card shows: wrapped, and cut with "…" where the card is full (the whole text is in its title). */
function cardLines(text: string): string[] {
  const lines = wrapText(text, NODE_WIDTH - PADDING * 2 - 8);
  if (lines.length <= MAX_LINES) return lines;
  const kept = lines.slice(0, MAX_LINES);
  kept[MAX_LINES - 1] = `${(kept[MAX_LINES - 1] ?? '').replace(/\s*\S{0,3}$/, '')}…`;
  return kept;
}

/** Height of a card for `text`, the same formula the drawing uses; never taller than the board's card. */
export function nodeHeight(text: string): number {
  return Math.min(NODE_MAX_HEIGHT, PADDING * 2 + 22 + cardLines(text).length * LINE_HEIGHT);
}

const PATTERNS: Record<string, string> = {
  dots: '<circle cx="3" cy="3" r="1.4" fill="#000" fill-opacity=".35"/>',
  stripes: '<path d="M0 6 L6 0" stroke="#000" stroke-opacity=".35" stroke-width="1.5"/>',
  grid: '<path d="M0 0 H6 M0 0 V6" stroke="#000" stroke-opacity=".35"/>',
  waves: '<path d="M0 3 Q1.5 0 3 3 T6 3" fill="none" stroke="#000" stroke-opacity=".35"/>',
  cross: '<path d="M0 0 L6 6 M6 0 L0 6" stroke="#000" stroke-opacity=".35"/>',
  rings: '<circle cx="3" cy="3" r="2" fill="none" stroke="#000" stroke-opacity=".35"/>',
  diagonal: '<path d="M0 0 L6 6" stroke="#000" stroke-opacity=".35" stroke-width="1.5"/>',
  checks:
    '<rect width="3" height="3" fill="#000" fill-opacity=".3"/><rect x="3" y="3" width="3" height="3" fill="#000" fill-opacity=".3"/>',
  zigzag: '<path d="M0 4 L1.5 2 L3 4 L4.5 2 L6 4" fill="none" stroke="#000" stroke-opacity=".35"/>',
  triangles: '<path d="M0 6 L3 1 L6 6 Z" fill="#000" fill-opacity=".3"/>',
  bricks: '<path d="M0 0 H6 M0 3 H6 M3 0 V3" stroke="#000" stroke-opacity=".35"/>',
};

function patternFill(codebook: Codebook, code: string | null): { fill: string; overlay: string | null } {
  const entry = codebook.codes.find((c) => c.id === code);
  if (!entry) return { fill: '#8a8f98', overlay: null };
  return { fill: entry.color, overlay: entry.pattern in PATTERNS ? `pat-${entry.pattern}` : null };
}

/**
 * Draws the map. Node positions are the top-left corners the board uses; the drawing's
 * size follows the content, with the title block above and the legend below.
 *
 * @example
 * const svg = renderMapSvg({ title, programme, dateLabel, language: 'nl', codebook, nodes, links, labels });
 */
export function renderMapSvg(input: MapSvgInput): string {
  const { codebook, language, labels } = input;
  const boxes = new Map(input.nodes.map((n) => [n.id, { ...n, h: nodeHeight(n.text) }]));
  let minX = Number.POSITIVE_INFINITY;
  let minY = Number.POSITIVE_INFINITY;
  let maxX = Number.NEGATIVE_INFINITY;
  let maxY = Number.NEGATIVE_INFINITY;
  const grow = (x0: number, y0: number, x1: number, y1: number) => {
    minX = Math.min(minX, x0);
    minY = Math.min(minY, y0);
    maxX = Math.max(maxX, x1);
    maxY = Math.max(maxY, y1);
  };
  for (const b of boxes.values()) grow(b.x, b.y, b.x + NODE_WIDTH, b.y + b.h);
  const { axis, rings } = input.decorations ?? {};
  if (axis) for (const t of axis.ticks) grow(t.x - 40, axis.y - 10, t.x + 40, axis.y + 40);
  if (axis) for (const band of axis.bands) grow(band.x0, axis.y, band.x1, axis.y + 70);
  if (rings) for (const r of rings.radii) grow(rings.cx - r, rings.cy - r, rings.cx + r, rings.cy + r);
  if (!Number.isFinite(minX)) grow(0, 0, 800, 400);

  const margin = 60;
  const header = 130;
  const legendRows = Math.ceil((codebook.codes.length + 1) / 3);
  const legendHeight = 60 + legendRows * 34;
  const width = Math.max(maxX - minX + margin * 2, 1000);
  const height = maxY - minY + margin * 2 + header + legendHeight;
  const dx = margin - minX + (width - (maxX - minX + margin * 2)) / 2;
  const dy = margin + header - minY;
  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${Math.ceil(width)}" height="${Math.ceil(height)}" viewBox="0 0 ${Math.ceil(width)} ${Math.ceil(height)}" font-family="${escapeXml(FONT_FAMILY)}">`,
  );
  out.push(`<title>${escapeXml(input.title)}</title>`);
  out.push('<defs>');
  if (input.fontCss) out.push(`<style>${input.fontCss.replace(/</g, '')}</style>`);
  out.push(
    '<marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse"><path d="M0 0 L10 5 L0 10 Z" fill="#334155"/></marker>',
  );
  for (const [name, body] of Object.entries(PATTERNS)) {
    out.push(
      `<pattern id="pat-${name}" width="6" height="6" patternUnits="userSpaceOnUse">${body}</pattern>`,
    );
  }
  out.push('</defs>');
  out.push(`<rect width="100%" height="100%" fill="#ffffff"/>`);
  out.push(
    `<text x="${margin}" y="58" font-size="34" font-weight="700" fill="#0f172a">${escapeXml(input.title)}</text>`,
  );
  const sub = [input.programme, input.dateLabel].filter(Boolean).join(' · ');
  out.push(`<text x="${margin}" y="94" font-size="20" fill="#334155">${escapeXml(sub)}</text>`);
  out.push(`<g transform="translate(${dx.toFixed(1)} ${dy.toFixed(1)})">`);

  if (rings) {
    rings.radii.forEach((r, i) => {
      out.push(
        `<circle cx="${rings.cx}" cy="${rings.cy}" r="${r}" fill="none" stroke="#cbd5e1" stroke-width="2"/>`,
      );
      const label = rings.labels[i];
      if (label)
        out.push(
          `<text x="${rings.cx}" y="${rings.cy - r + 22}" text-anchor="middle" font-size="16" fill="#64748b">${escapeXml(label)}</text>`,
        );
    });
    out.push(`<circle cx="${rings.cx}" cy="${rings.cy}" r="60" fill="#0f172a"/>`);
    out.push(
      `<text x="${rings.cx}" y="${rings.cy + 6}" text-anchor="middle" font-size="16" fill="#fff">${escapeXml(rings.centre.slice(0, 24))}</text>`,
    );
  }
  if (axis) {
    for (const band of axis.bands) {
      out.push(
        `<rect x="${band.x0}" y="${axis.y + 28}" width="${Math.max(0, band.x1 - band.x0)}" height="30" fill="#e2e8f0"/>`,
      );
      out.push(
        `<text x="${(band.x0 + band.x1) / 2}" y="${axis.y + 48}" text-anchor="middle" font-size="15" fill="#334155">${escapeXml(band.label)}</text>`,
      );
    }
    const xs = axis.ticks.map((t) => t.x);
    if (xs.length > 0)
      out.push(
        `<line x1="${Math.min(...xs)}" x2="${Math.max(...xs)}" y1="${axis.y}" y2="${axis.y}" stroke="#334155" stroke-width="2"/>`,
      );
    for (const t of axis.ticks) {
      out.push(
        `<line x1="${t.x}" x2="${t.x}" y1="${axis.y - 6}" y2="${axis.y + 6}" stroke="#334155" stroke-width="2"/>`,
      );
      out.push(
        `<text x="${t.x}" y="${axis.y + 22}" text-anchor="middle" font-size="14" fill="#334155">${escapeXml(t.label)}</text>`,
      );
    }
  }

  // Links first, under the nodes; stroke inline so any viewer draws them.
  for (const link of input.links) {
    const from = boxes.get(link.from);
    const to = boxes.get(link.to);
    if (!from || !to) continue;
    const x1 = from.x + NODE_WIDTH;
    const y1 = from.y + from.h / 2;
    const x2 = to.x;
    const y2 = to.y + to.h / 2;
    const bend = Math.max(40, Math.abs(x2 - x1) / 2);
    out.push(
      `<path class="link" d="M${x1} ${y1} C${x1 + bend} ${y1} ${x2 - bend} ${y2} ${x2} ${y2}" fill="none" stroke="#334155" stroke-width="2.5" marker-end="url(#arrow)"/>`,
    );
  }

  for (const node of boxes.values()) {
    const { fill, overlay } = patternFill(codebook, node.code);
    const codeLabel = codebook.codes.find((c) => c.id === node.code)?.label[language] ?? labels.notCoded;
    out.push(`<g class="ripple" transform="translate(${node.x} ${node.y})">`);
    // The whole text once more, unwrapped: for screen readers, search and text extraction.
    out.push(`<title>${escapeXml(node.text)}</title>`);
    out.push(
      `<rect width="${NODE_WIDTH}" height="${node.h}" rx="10" fill="#fff" stroke="#1e293b" stroke-width="1.5"/>`,
    );
    out.push(`<rect width="12" height="${node.h}" rx="4" fill="${fill}"/>`);
    if (overlay) out.push(`<rect width="12" height="${node.h}" rx="4" fill="url(#${overlay})"/>`);
    out.push(
      `<text x="${PADDING + 10}" y="${PADDING + 12}" font-size="12" font-weight="700" fill="#334155">${escapeXml(`${labels.order(node.order)} · ${codeLabel}`)}</text>`,
    );
    cardLines(node.text).forEach((line, i) => {
      out.push(
        `<text x="${PADDING + 10}" y="${PADDING + 36 + i * LINE_HEIGHT}" font-size="${FONT_SIZE}" fill="#0f172a">${escapeXml(line)}</text>`,
      );
    });
    out.push('</g>');
  }
  out.push('</g>');

  // Legend: colour plus pattern plus name, so it reads in black and white too.
  const legendY = height - legendHeight + 20;
  out.push(
    `<text x="${margin}" y="${legendY + 10}" font-size="20" font-weight="700" fill="#0f172a">${escapeXml(labels.legend)}: ${escapeXml(codebook.label[language])}</text>`,
  );
  const entries = [
    ...codebook.codes.map((c) => ({ id: c.id, label: c.label[language] })),
    { id: null, label: labels.notCoded },
  ];
  const columnWidth = (width - margin * 2) / 3;
  entries.forEach((entry, i) => {
    const x = margin + (i % 3) * columnWidth;
    const y = legendY + 30 + Math.floor(i / 3) * 34;
    const { fill, overlay } = patternFill(codebook, entry.id);
    out.push(
      `<rect class="legend-swatch" x="${x}" y="${y}" width="26" height="22" rx="4" fill="${fill}" stroke="#1e293b"/>`,
    );
    if (overlay) out.push(`<rect x="${x}" y="${y}" width="26" height="22" rx="4" fill="url(#${overlay})"/>`);
    out.push(
      `<text x="${x + 36}" y="${y + 17}" font-size="16" fill="#0f172a">${escapeXml(entry.label)}</text>`,
    );
  });
  out.push('</svg>');
  return out.join('\n');
}
