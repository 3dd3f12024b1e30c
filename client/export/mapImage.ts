import regularFont from '@fontsource/atkinson-hyperlegible/files/atkinson-hyperlegible-latin-400-normal.woff2?inline';
import boldFont from '@fontsource/atkinson-hyperlegible/files/atkinson-hyperlegible-latin-700-normal.woff2?inline';
import type * as Y from 'yjs';
import { sessionCodebook } from '../../shared/doc/sessionCodebook';
import { docToView } from '../../shared/doc/viewModel';
import { type MapDecorations, type MapNode, nodeHeight, renderMapSvg } from '../../shared/export/mapSvg';
import { type NamePolicy, nameMask } from '../../shared/export/names';
import type { Language } from '../../shared/model/ripple';
import { translate } from '../i18n/useT';

/** Where the board shows each ripple right now (top-left corners), and the layout's axis or rings. */
export interface MapLayout {
  positions: ReadonlyMap<string, { x: number; y: number }>;
  decorations?: MapDecorations;
}

// The font travels inside the file, so the picture looks the same in any viewer and on the canvas.
const FONT_CSS = `@font-face{font-family:'Atkinson Hyperlegible';font-weight:400;src:url(${regularFont}) format('woff2')}
@font-face{font-family:'Atkinson Hyperlegible';font-weight:700;src:url(${boldFont}) format('woff2')}`;

/** Ripples without a place in the layout get one below the map, in rows. */
function placeRest(nodes: MapNode[], placed: number): void {
  let x = 0;
  let y = nodes.slice(0, placed).reduce((max, n) => Math.max(max, n.y + nodeHeight(n.text)), 0) + 80;
  let rowHeight = 0;
  for (const node of nodes.slice(placed)) {
    node.x = x;
    node.y = y;
    rowHeight = Math.max(rowHeight, nodeHeight(node.text));
    x += 280;
    if (x > 280 * 6) {
      x = 0;
      y += rowHeight + 40;
      rowHeight = 0;
    }
  }
}

/**
 * The map on the board as an SVG document, in the reader's language, with participants'
 * names as `names` says (pseudonyms numbered as in the JSON and CSV of the same session).
 */
export function mapSvg(
  doc: Y.Doc,
  layout: MapLayout,
  language: Language,
  now = new Date(),
  names: NamePolicy = 'keep',
): string {
  const view = docToView(doc);
  const mask = nameMask(view.ripples, names, view.meta.language);
  const onMap = view.ripples.filter((r) => r.status === 'accepted');
  const withPlace = onMap.filter((r) => layout.positions.has(r.id));
  const without = onMap.filter((r) => !layout.positions.has(r.id));
  const nodes: MapNode[] = [...withPlace, ...without].map((r) => ({
    id: r.id,
    text: mask.text(r.text),
    code: r.code,
    order: r.order,
    author: r.showAuthor ? mask.name(r.authorId, r.authorName) : '',
    x: layout.positions.get(r.id)?.x ?? 0,
    y: layout.positions.get(r.id)?.y ?? 0,
  }));
  placeRest(nodes, withPlace.length);
  const t = (key: Parameters<typeof translate>[1], params?: Record<string, string | number>) =>
    translate(language, key, params);
  return renderMapSvg({
    title: view.meta.title,
    programme: view.meta.programme,
    dateLabel: now.toLocaleDateString(language === 'nl' ? 'nl-NL' : 'en-GB', { dateStyle: 'long' }),
    language,
    codebook: sessionCodebook(view.meta),
    nodes,
    links: view.links,
    ...(layout.decorations ? { decorations: layout.decorations } : {}),
    fontCss: FONT_CSS,
    labels: {
      legend: t('export.legend'),
      notCoded: t('export.notCoded'),
      order: (n) => t('export.order', { n }),
    },
  });
}

/** Chromium's canvas limits: 16,384 px a side and about 268 million pixels. */
export const CANVAS_MAX_SIDE = 16_384;
export const CANVAS_MAX_AREA = 268_435_456;

/** The size a PNG can really have: the wanted width, scaled down to fit the canvas limits. */
export function fitCanvas(
  svgWidth: number,
  svgHeight: number,
  wantedWidth: number,
): { width: number; height: number } {
  let scale = wantedWidth / svgWidth;
  scale = Math.min(scale, CANVAS_MAX_SIDE / svgWidth, CANVAS_MAX_SIDE / svgHeight);
  scale = Math.min(scale, Math.sqrt(CANVAS_MAX_AREA / (svgWidth * svgHeight)));
  return {
    width: Math.max(1, Math.floor(svgWidth * scale)),
    height: Math.max(1, Math.floor(svgHeight * scale)),
  };
}

/** Rasterises the SVG at `wantedWidth` pixels wide (never larger than a canvas can hold). */
export async function svgToPng(
  svg: string,
  wantedWidth: number,
): Promise<{ blob: Blob; width: number; height: number }> {
  const size = /width="(\d+)" height="(\d+)"/.exec(svg);
  const svgWidth = Number(size?.[1] ?? 1000);
  const svgHeight = Number(size?.[2] ?? 1000);
  const { width, height } = fitCanvas(svgWidth, svgHeight, wantedWidth);
  const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
  try {
    const image = new Image();
    image.decoding = 'async';
    image.src = url;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = width;
    canvas.height = height;
    const context = canvas.getContext('2d');
    if (!context) throw new Error('no 2d canvas');
    context.fillStyle = '#ffffff';
    context.fillRect(0, 0, width, height);
    context.drawImage(image, 0, 0, width, height);
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
    if (!blob) throw new Error('the browser could not make a PNG of this size');
    return { blob, width, height };
  } finally {
    URL.revokeObjectURL(url);
  }
}

export function download(name: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
