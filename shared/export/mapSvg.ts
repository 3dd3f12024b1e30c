import type { Codebook } from '../codebooks';
import { textWidth } from '../layouts/cardSize';
import { NODE_SIZE } from '../layouts/geometry';
import { indexCards, type LinkBox, linkEnds, linkPath } from '../layouts/linkRoute';

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
  rings?: {
    cx: number;
    cy: number;
    radii: number[];
    labels: string[];
    centre: string;
    /** The programme's disc (the board's CENTRE_RADIUS); 60 when not given. */
    centreRadius?: number;
    /** One sector per code, angles clockwise from 12 o'clock, with the name where the board puts it. */
    sectors?: Array<{
      start: number;
      label: string;
      color: string;
      x: number;
      y: number;
      anchor: 'start' | 'middle' | 'end';
      baseline: 'hanging' | 'middle' | 'auto';
    }>;
    /** Everything the rings draw (rings and names), around the centre, so nothing is cut at the edge. */
    extent?: { x: number; y: number; width: number; height: number };
  };
  /** The timeline's tray of ripples with no date yet, with its name. */
  tray?: { x: number; y: number; width: number; height: number; label: string };
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
const NODE_MIN_HEIGHT = 96;
const FONT_SIZE = 15;
const LINE_HEIGHT = 20;
const PADDING = 12;
const FONT_FAMILY = "'Atkinson Hyperlegible', 'DejaVu Sans', Arial, sans-serif";

/** Escapes text for XML content and attributes. */
// XML 1.0 forbids these control characters; a crafted ripple could carry them.
// biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
const XML_FORBIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g;

export function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (ch) => `&#${ch.charCodeAt(0)};`).replace(XML_FORBIDDEN, '');
}

/**
 * Greedy word wrap at `width` px, with Atkinson Hyperlegible's measured advances
 * (shared/layouts/cardSize.ts); a word longer than a line is broken where it fills one.
 */
export function wrapText(text: string, width: number, fontSize = FONT_SIZE, bold = false): string[] {
  const max = width / fontSize;
  const space = textWidth(' ', bold);
  const lines: string[] = [];
  let line = '';
  let used = 0;
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const w = textWidth(word, bold);
    if (line && used + space + w <= max) {
      line = `${line} ${word}`;
      used += space + w;
      continue;
    }
    if (line) lines.push(line);
    line = '';
    used = 0;
    if (w <= max) {
      line = word;
      used = w;
      continue;
    }
    for (const char of word) {
      const c = textWidth(char, bold);
      if (line && used + c > max) {
        lines.push(line);
        line = '';
        used = 0;
      }
      line += char;
      used += c;
    }
  }
  if (line) lines.push(line);
  return lines.length > 0 ? lines : [''];
}

const TEXT_WIDTH = NODE_WIDTH - PADDING * 2 - 10;
const HEAD_SIZE = 12;
const HEAD_LINE = 16;
const AUTHOR_SIZE = 13;

/** A card's heading (order and code) as lines: a long code name wraps inside the card. */
const headLines = (head: string) => wrapText(head, TEXT_WIDTH, HEAD_SIZE, true);
/** A card's text as lines: the whole text, never cut (the card grows, as on the board). */
const cardLines = (text: string) => wrapText(text, TEXT_WIDTH);

/**
 * Height of a card for its heading, text and author: the same measures the drawing uses.
 * At the picture's 15 px type a card is never taller than the board's card at 19.2 px, so
 * the board's layout (which placed the board's cards apart) keeps the picture's apart too.
 */
export function nodeHeight(text: string, head = '', author = ''): number {
  const authorLines = author ? wrapText(`— ${author}`, TEXT_WIDTH, AUTHOR_SIZE).length : 0;
  return Math.max(
    NODE_MIN_HEIGHT,
    PADDING * 2 +
      headLines(head).length * HEAD_LINE +
      8 +
      cardLines(text).length * LINE_HEIGHT +
      authorLines * 18,
  );
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
  const headOf = (n: MapNode) =>
    `${labels.order(n.order)} · ${codebook.codes.find((c) => c.id === n.code)?.label[language] ?? labels.notCoded}`;
  const boxes = new Map(
    input.nodes.map((n) => [n.id, { ...n, head: headOf(n), h: nodeHeight(n.text, headOf(n), n.author) }]),
  );
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
  const { axis, rings, tray } = input.decorations ?? {};
  if (axis) for (const t of axis.ticks) grow(t.x - 40, axis.y - 10, t.x + 40, axis.y + 40);
  if (axis) for (const band of axis.bands) grow(band.x0, axis.y, band.x1, axis.y + 70);
  if (rings) for (const r of rings.radii) grow(rings.cx - r, rings.cy - r, rings.cx + r, rings.cy + r);
  if (rings?.extent)
    grow(
      rings.cx + rings.extent.x,
      rings.cy + rings.extent.y,
      rings.cx + rings.extent.x + rings.extent.width,
      rings.cy + rings.extent.y + rings.extent.height,
    );
  if (tray) grow(tray.x, tray.y, tray.x + tray.width, tray.y + tray.height);

  // Each line leaves its cause on the side facing its effect (as on the board), and the
  // picture is grown to hold its whole curve (its control points bound it), arrowhead too.
  const linkBox = (b: { x: number; y: number; h: number }): LinkBox => ({
    position: { x: b.x, y: b.y },
    height: b.h,
  });
  const linkBoxes = new Map([...boxes].map(([id, b]) => [id, linkBox(b)]));
  const others = indexCards([...linkBoxes.values()]);
  const paths: string[] = [];
  for (const link of input.links) {
    const from = linkBoxes.get(link.from);
    const to = linkBoxes.get(link.to);
    if (!from || !to) continue;
    const d = linkPath(linkEnds(from, to, others));
    paths.push(d);
    const numbers = d.match(/-?[\d.]+/g)?.map(Number) ?? [];
    for (let i = 0; i + 1 < numbers.length; i += 2) {
      const x = numbers[i] as number;
      const y = numbers[i + 1] as number;
      grow(x - 12, y - 12, x + 12, y + 12);
    }
  }
  if (!Number.isFinite(minX)) grow(0, 0, 800, 400);

  const margin = 60;
  const header = 130;
  const width = Math.max(maxX - minX + margin * 2, 1000);
  // The legend takes as many columns as its longest name allows on this width (one on a narrow map).
  const entries = [
    ...codebook.codes.map((c) => ({ id: c.id as string | null, label: c.label[language] })),
    { id: null, label: labels.notCoded },
  ];
  const LEGEND_SIZE = 16;
  const widest = Math.max(...entries.map((e) => textWidth(e.label) * LEGEND_SIZE)) + 36 + 24;
  const columns = Math.max(1, Math.min(3, Math.floor((width - margin * 2) / widest)));
  const columnWidth = (width - margin * 2) / columns;
  const entryLines = entries.map((e) => wrapText(e.label, columnWidth - 36 - 24, LEGEND_SIZE));
  const rowHeights: number[] = [];
  entryLines.forEach((lines, i) => {
    const row = Math.floor(i / columns);
    rowHeights[row] = Math.max(rowHeights[row] ?? 0, Math.max(34, lines.length * 20 + 14));
  });
  const legendHeight = 60 + rowHeights.reduce((a, b) => a + b, 0);
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
    const outer = Math.max(...rings.radii, 0);
    const centreRadius = rings.centreRadius ?? 60;
    rings.radii.forEach((r, i) => {
      out.push(
        `<circle cx="${rings.cx}" cy="${rings.cy}" r="${r}" fill="none" stroke="#cbd5e1" stroke-width="2"/>`,
      );
      const label = rings.labels[i];
      if (label)
        out.push(
          `<text class="ring-label" x="${rings.cx}" y="${rings.cy - r + 22}" text-anchor="middle" font-size="16" fill="#64748b">${escapeXml(label)}</text>`,
        );
    });
    for (const sector of rings.sectors ?? []) {
      const sin = Math.sin(sector.start);
      const cos = Math.cos(sector.start);
      out.push(
        `<line class="sector" x1="${(rings.cx + centreRadius * sin).toFixed(1)}" y1="${(rings.cy - centreRadius * cos).toFixed(1)}" x2="${(rings.cx + outer * sin).toFixed(1)}" y2="${(rings.cy - outer * cos).toFixed(1)}" stroke="${sector.color}" stroke-width="3" stroke-dasharray="10 8"/>`,
      );
    }
    out.push(`<circle cx="${rings.cx}" cy="${rings.cy}" r="${centreRadius}" fill="#0f172a"/>`);
    // The programme's whole name, wrapped to fit the disc, smaller for a long name.
    const size = Math.max(14, Math.min(30, centreRadius / 6));
    let lines = wrapText(rings.centre, centreRadius * 1.5, size, true);
    let fontSize = size;
    while (lines.length * fontSize * 1.2 > centreRadius * 1.4 && fontSize > 10) {
      fontSize -= 2;
      lines = wrapText(rings.centre, centreRadius * 1.5, fontSize, true);
    }
    const top = rings.cy - ((lines.length - 1) * fontSize * 1.2) / 2;
    lines.forEach((line, i) => {
      out.push(
        `<text class="centre-title" x="${rings.cx}" y="${(top + i * fontSize * 1.2).toFixed(1)}" text-anchor="middle" dominant-baseline="central" font-size="${fontSize}" font-weight="700" fill="#fff">${escapeXml(line)}</text>`,
      );
    });
  }
  if (tray) {
    out.push(
      `<rect class="tray" x="${tray.x}" y="${tray.y}" width="${tray.width}" height="${tray.height}" rx="12" fill="#fff7ed" stroke="#c2410c" stroke-width="2" stroke-dasharray="8 6"/>`,
    );
    out.push(
      `<text class="tray-label" x="${tray.x + 16}" y="${tray.y + 30}" font-size="18" font-weight="700" fill="#9a3412">${escapeXml(tray.label)}</text>`,
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
  for (const d of paths)
    out.push(
      `<path class="link" d="${d}" fill="none" stroke="#334155" stroke-width="2.5" marker-end="url(#arrow)"/>`,
    );

  for (const node of boxes.values()) {
    const { fill, overlay } = patternFill(codebook, node.code);
    out.push(`<g class="ripple" transform="translate(${node.x} ${node.y})">`);
    // The whole text once more, unwrapped: for screen readers, search and text extraction.
    out.push(`<title>${escapeXml(node.text)}</title>`);
    out.push(
      `<rect width="${NODE_WIDTH}" height="${node.h}" class="card" rx="10" fill="#fff" stroke="#1e293b" stroke-width="1.5"/>`,
    );
    out.push(`<rect width="12" height="${node.h}" rx="4" fill="${fill}"/>`);
    if (overlay) out.push(`<rect width="12" height="${node.h}" rx="4" fill="url(#${overlay})"/>`);
    let y = PADDING + 12;
    for (const line of headLines(node.head)) {
      out.push(
        `<text x="${PADDING + 10}" y="${y}" font-size="${HEAD_SIZE}" font-weight="700" fill="#334155">${escapeXml(line)}</text>`,
      );
      y += HEAD_LINE;
    }
    y += 8 + LINE_HEIGHT - HEAD_LINE;
    for (const line of cardLines(node.text)) {
      out.push(
        `<text x="${PADDING + 10}" y="${y}" font-size="${FONT_SIZE}" fill="#0f172a">${escapeXml(line)}</text>`,
      );
      y += LINE_HEIGHT;
    }
    if (node.author)
      for (const line of wrapText(`— ${node.author}`, TEXT_WIDTH, AUTHOR_SIZE)) {
        out.push(
          `<text x="${PADDING + 10}" y="${y}" font-size="${AUTHOR_SIZE}" fill="#475569">${escapeXml(line)}</text>`,
        );
        y += 18;
      }
    out.push('</g>');
  }
  // The sector names over the cards, on a white halo, so no card hides a name.
  if (rings)
    for (const sector of rings.sectors ?? []) {
      const baseline =
        sector.baseline === 'hanging' ? 'hanging' : sector.baseline === 'middle' ? 'central' : 'auto';
      out.push(
        `<text class="sector-label" x="${(rings.cx + sector.x).toFixed(1)}" y="${(rings.cy + sector.y).toFixed(1)}" text-anchor="${sector.anchor}" dominant-baseline="${baseline}" font-size="56" font-weight="700" fill="${sector.color}" stroke="#fff" stroke-width="10" stroke-linejoin="round" paint-order="stroke">${escapeXml(sector.label)}</text>`,
      );
    }
  out.push('</g>');

  // Legend: colour plus pattern plus name, so it reads in black and white too.
  const legendY = height - legendHeight + 20;
  out.push(
    `<text x="${margin}" y="${legendY + 10}" font-size="20" font-weight="700" fill="#0f172a">${escapeXml(labels.legend)}: ${escapeXml(codebook.label[language])}</text>`,
  );
  let rowTop = legendY + 30;
  entries.forEach((entry, i) => {
    const column = i % columns;
    if (i > 0 && column === 0) rowTop += rowHeights[Math.floor(i / columns) - 1] ?? 34;
    const x = margin + column * columnWidth;
    const { fill, overlay } = patternFill(codebook, entry.id);
    out.push(
      `<rect class="legend-swatch" x="${x}" y="${rowTop}" width="26" height="22" rx="4" fill="${fill}" stroke="#1e293b"/>`,
    );
    if (overlay)
      out.push(`<rect x="${x}" y="${rowTop}" width="26" height="22" rx="4" fill="url(#${overlay})"/>`);
    (entryLines[i] ?? []).forEach((line, j) => {
      out.push(
        `<text class="legend-label" x="${x + 36}" y="${rowTop + 17 + j * 20}" font-size="${LEGEND_SIZE}" fill="#0f172a">${escapeXml(line)}</text>`,
      );
    });
  });
  out.push('</svg>');
  return out.join('\n');
}
