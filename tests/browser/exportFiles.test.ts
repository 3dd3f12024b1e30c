import { readFile } from 'node:fs/promises';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import type { BrowserContext, Page } from 'playwright-core';
import { beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { WORKING_ELEMENTS } from '../../shared/codebooks';
import { hasChromium } from '../helpers/chromium';
import type { TestClient } from '../helpers/yClient';
import {
  boardMenuAction,
  connected,
  createSession,
  facilitatorClient,
  type SeededSession,
  VISIBLE_SLOW,
} from './boardSeed';
import {
  LINKS,
  pngSize,
  RIPPLES,
  SPECIAL,
  seedPhase,
  seedPlan,
  serverExport,
  waitForServer,
} from './exportSeed';
import { serverAndChromium } from './serverAndChromium';

/**
 * The research-export issue's "Done when", file by file, in real Chromium against the real
 * server process: a session of 200 ripples and 250 links is exported from the board's
 * "Bewaren" panel as PNG (A4), SVG, JSON and the four CSVs, captured as real downloads and
 * checked byte by byte and pixel by pixel. The JSON validates against the published schema
 * and round-trips through the import endpoint. (Import refusal, the giant map, analysis,
 * print and replay: exportReplay.test.ts.)
 */

/** RFC 4180 parser (quoted cells with "" escapes, CRLF rows). */
function parseCsv(text: string, separator: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === separator) {
      row.push(cell);
      cell = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += ch;
  }
  if (cell || row.length > 0) throw new Error('the CSV does not end with CRLF');
  return rows;
}

const unescapeXml = (text: string) =>
  text.replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code)));

describe.skipIf(!hasChromium)('exporting a 200-ripple session from the board', () => {
  const env = serverAndChromium();
  let context: BrowserContext;
  let page: Page;
  let session: SeededSession;
  let client: TestClient;
  const plan = seedPlan();
  const files = new Map<string, { name: string; bytes: Buffer }>();

  beforeAll(async () => {
    session = await createSession(env.server().baseUrl, 'Terugblik Gezond Dorp – één jaar later');
    client = env.track(await facilitatorClient(env.server().baseUrl, session));
    seedPhase(client, plan);
    await waitForServer(env.server().baseUrl, session, RIPPLES, LINKS);
    context = await env.context({
      viewport: { width: 1920, height: 1080 },
      baseURL: env.server().baseUrl,
      locale: 'nl-NL',
      acceptDownloads: true,
    });
    page = await context.newPage();
    await page.goto(session.boardUrl);
    await connected(page).waitFor(VISIBLE_SLOW);
    await boardMenuAction(page, 'Bewaren en terugkijken');
    await page.getByRole('heading', { name: 'Bewaren en delen' }).waitFor(VISIBLE_SLOW);
  });

  /** Clicks a button in the panel and returns the file the browser downloaded. */
  async function download(button: string, key: string) {
    const [file] = await Promise.all([
      page.waitForEvent('download', { timeout: 45_000 }),
      page.getByRole('button', { name: button, exact: true }).click(),
    ]);
    const path = await file.path();
    const entry = { name: file.suggestedFilename(), bytes: await readFile(path) };
    files.set(key, entry);
    return entry;
  }

  const status = () => page.locator('.export-panel__status');

  it('PNG (A4): 3508 px wide, not blank, every link drawn, the legend colours, progress shown', async () => {
    onTestFailed(() => console.error(`--- server output ---\n${env.server().output()}`));
    // Record every text the status line shows while the picture is made.
    await status().evaluate((el) => {
      const seen: string[] = [];
      (window as unknown as { statusTexts: string[] }).statusTexts = seen;
      new MutationObserver(() => seen.push(el.textContent ?? '')).observe(el, {
        childList: true,
        subtree: true,
        characterData: true,
      });
    });
    expect(await page.getByLabel('Formaat').inputValue()).toBe('a4');
    const started = Date.now();
    const png = await download('PNG downloaden', 'png');
    const took = Date.now() - started;
    expect(png.name).toBe('terugblik-gezond-dorp-een-jaar-later.png');
    const { width, height } = pngSize(png.bytes);
    expect(width).toBe(3508);
    expect(height).toBeGreaterThan(0);
    await status()
      .filter({ hasText: `Klaar: ${png.name} (3508 × ${height} px)` })
      .waitFor(VISIBLE_SLOW);
    const seen = await page.evaluate(() => (window as unknown as { statusTexts: string[] }).statusTexts);
    expect(seen).toContain('De kaart wordt getekend…');
    expect(seen).toContain('Het plaatje wordt gemaakt…');
    console.info(
      `PNG A4 of ${RIPPLES} ripples: ${width} × ${height} px, ${png.bytes.length} bytes, ${took} ms`,
    );

    // The SVG the PNG was drawn from tells where the links and the legend are.
    const svg = (await download('SVG downloaden', 'svg')).bytes.toString('utf8');
    const svgWidth = Number(/<svg[^>]* width="(\d+)"/.exec(svg)?.[1]);
    const scale = width / svgWidth;
    const shift = /<g transform="translate\(([-\d.]+) ([-\d.]+)\)">/.exec(svg);
    const [dx, dy] = [Number(shift?.[1]), Number(shift?.[2])];
    const cards = [
      ...svg.matchAll(
        /<g class="ripple" transform="translate\(([-\d.]+) ([-\d.]+)\)">[\s\S]*?<rect width="(\d+)" height="(\d+)"/g,
      ),
    ].map((m) => ({ x: Number(m[1]) + dx, y: Number(m[2]) + dy, w: Number(m[3]), h: Number(m[4]) }));
    expect(cards).toHaveLength(RIPPLES);
    // A link is one cubic curve, or a detour round other cards: several, one after another.
    const links = [...svg.matchAll(/<path class="link" d="(M[-\d. ]+(?: C[-\d. ]+)+)"/g)].map((m) =>
      (m[1]?.match(/-?[\d.]+/g) ?? []).map(Number),
    );
    expect(links).toHaveLength(LINKS);
    // Points along each link (in PNG pixels) that no card covers, where the stroke must show.
    const probes = links.map((p) => {
      const points: Array<[number, number]> = [];
      for (let i = 2; i + 5 < p.length; i += 6) {
        const [x1 = 0, y1 = 0, c1x = 0, c1y = 0, c2x = 0, c2y = 0, x2 = 0, y2 = 0] = p.slice(i - 2, i + 6);
        for (let t = 0.02; t < 0.99; t += 0.04) {
          const u = 1 - t;
          const x = u ** 3 * x1 + 3 * u * u * t * c1x + 3 * u * t * t * c2x + t ** 3 * x2 + dx;
          const y = u ** 3 * y1 + 3 * u * u * t * c1y + 3 * u * t * t * c2y + t ** 3 * y2 + dy;
          const covered = cards.some(
            (c) => x > c.x - 6 && x < c.x + c.w + 6 && y > c.y - 6 && y < c.y + c.h + 6,
          );
          if (!covered) points.push([Math.round(x * scale), Math.round(y * scale)]);
        }
      }
      return points;
    });
    const swatches = [
      ...svg.matchAll(
        /<rect class="legend-swatch" x="([-\d.]+)" y="([-\d.]+)" width="(\d+)" height="(\d+)" rx="\d+" fill="(#[0-9A-Fa-f]{6})"/g,
      ),
    ].map((m) => ({
      x: Number(m[1]) * scale,
      y: Number(m[2]) * scale,
      w: Number(m[3]) * scale,
      h: Number(m[4]) * scale,
      fill: m[5] ?? '',
    }));
    const codeColours = WORKING_ELEMENTS.codes.map((c) => c.color.toUpperCase());
    expect(swatches.map((s) => s.fill.toUpperCase())).toEqual(expect.arrayContaining(codeColours));

    // Decode the downloaded file in the browser and look at its pixels.
    const checker = await context.newPage();
    const result = await checker.evaluate(
      async ({ base64, probes, swatches, codeColours }) => {
        const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
        const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
        const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
        const ctx = canvas.getContext('2d');
        if (!ctx) throw new Error('no canvas');
        ctx.drawImage(bitmap, 0, 0);
        const { data, width, height } = ctx.getImageData(0, 0, bitmap.width, bitmap.height);
        const rgb = (hex: string) => [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16));
        const distance = (x: number, y: number, [r = 0, g = 0, b = 0]: number[]) => {
          if (x < 0 || y < 0 || x >= width || y >= height) return 999;
          const i = (y * width + x) * 4;
          return Math.hypot((data[i] ?? 0) - r, (data[i + 1] ?? 0) - g, (data[i + 2] ?? 0) - b);
        };
        let nonWhite = 0;
        for (let i = 0; i < data.length; i += 4)
          if ((data[i] ?? 0) + (data[i + 1] ?? 0) + (data[i + 2] ?? 0) < 720) nonWhite++;
        const stroke = rgb('#334155');
        const near = (x: number, y: number, colour: number[], radius: number, limit: number) => {
          for (let oy = -radius; oy <= radius; oy++)
            for (let ox = -radius; ox <= radius; ox++)
              if (distance(x + ox, y + oy, colour) < limit) return true;
          return false;
        };
        const visible = probes.filter((points) => points.length > 0);
        const drawn = visible.filter((points) => points.some(([x, y]) => near(x, y, stroke, 1, 60)));
        const legend = codeColours.map((hex) => {
          const swatch = swatches.find((s) => s.fill.toUpperCase() === hex);
          if (!swatch) return { hex, pixels: 0 };
          let pixels = 0;
          for (let y = Math.ceil(swatch.y); y < swatch.y + swatch.h; y++)
            for (let x = Math.ceil(swatch.x); x < swatch.x + swatch.w; x++)
              if (distance(x, y, rgb(hex)) < 24) pixels++;
          return { hex, pixels };
        });
        return {
          width,
          height,
          nonWhite,
          total: width * height,
          visible: visible.length,
          drawn: drawn.length,
          legend,
        };
      },
      { base64: png.bytes.toString('base64'), probes, swatches, codeColours },
    );
    await checker.close();
    expect(result.width).toBe(3508);
    expect(result.nonWhite / result.total).toBeGreaterThan(0.05);
    // Nearly every link runs somewhere between cards; each of those shows its stroke there.
    expect(result.visible).toBeGreaterThan(LINKS * 0.8);
    expect(result.drawn).toBe(result.visible);
    for (const { hex, pixels } of result.legend) expect(pixels, `legend swatch ${hex}`).toBeGreaterThan(20);
  });

  it('SVG: every ripple text (escaped), every link, title, programme, legend, embedded font, no script', async () => {
    const svgFile = files.get('svg') ?? (await download('SVG downloaden', 'svg'));
    expect(svgFile.name).toBe('terugblik-gezond-dorp-een-jaar-later.svg');
    const svg = svgFile.bytes.toString('utf8');
    const titles = [...svg.matchAll(/<g class="ripple"[^>]*>\s*<title>([^<]*)<\/title>/g)].map((m) =>
      unescapeXml(m[1] ?? ''),
    );
    expect(titles.sort()).toEqual(plan.ripples.map((r) => r.text).sort());
    expect(svg).not.toMatch(/<script/i);
    expect(svg).toContain('&#60;script&#62;');
    expect(svg.match(/class="link"/g)).toHaveLength(LINKS);
    expect(svg).toContain('Terugblik Gezond Dorp – één jaar later');
    expect(svg).toContain('Samen Gezond Dorp');
    expect(svg).toContain('Legenda: Werkzame elementen');
    for (const code of WORKING_ELEMENTS.codes) expect(svg).toContain(code.label.nl);
    expect(svg).toMatch(
      /@font-face\{font-family:'Atkinson Hyperlegible';font-weight:400;src:url\(data:font\/woff2;base64,/,
    );
    expect(svg).not.toMatch(/class="react-flow|<button|<foreignObject/);
    // It is well-formed XML a browser can draw.
    const parsed = await page.evaluate(
      (text) =>
        new DOMParser().parseFromString(text, 'image/svg+xml').querySelector('parsererror')?.textContent ??
        'ok',
      svg,
    );
    expect(parsed).toBe('ok');
  });

  it('JSON: validates against the schema, matches the server, round-trips through import', async () => {
    const file = await download('Sessiebestand (JSON)', 'json');
    expect(file.name).toBe('terugblik-gezond-dorp-een-jaar-later.kringen.json');
    const data = JSON.parse(file.bytes.toString('utf8')) as Record<string, unknown> & {
      ripples: Array<{ id: string; text: string; code: string | null }>;
      links: unknown[];
    };
    const schema = JSON.parse(await readFile('docs/kringen-export.schema.json', 'utf8'));
    const ajv = new Ajv({ allErrors: true, strict: false });
    addFormats(ajv);
    const validate = ajv.compile(schema);
    expect(validate(data), JSON.stringify(validate.errors?.slice(0, 5))).toBe(true);
    expect(data.ripples).toHaveLength(RIPPLES);
    expect(data.links).toHaveLength(LINKS);
    const byId = new Map(data.ripples.map((r) => [r.id, r]));
    for (const r of plan.ripples) {
      expect(byId.get(r.id)?.text).toBe(r.text);
      expect(byId.get(r.id)?.code).toBe(r.code);
    }

    const { exportedAt: _a, ...fromBrowser } = data;
    const { exportedAt: _b, ...fromServer } = await serverExport(
      env.server().baseUrl,
      session.id,
      session.facilitatorKey,
    );
    expect(fromBrowser).toEqual(fromServer);

    const imported = await fetch(`${env.server().baseUrl}/api/sessions/import`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: file.bytes,
    });
    expect(imported.status).toBe(201);
    const created = (await imported.json()) as { id: string; facilitatorKey: string };
    expect(created.id).not.toBe(session.id);
    const { exportedAt: _c, ...again } = await serverExport(
      env.server().baseUrl,
      created.id,
      created.facilitatorKey,
    );
    expect(again).toEqual(fromBrowser);
  });

  it('CSV: one row per ripple, Dutch characters intact, formulas neutralised, Excel and RFC 4180', async () => {
    const excel = await download('Spreadsheet voor Excel (CSV)', 'csv-excel');
    const plain = await download('CSV voor R, Python of NVivo', 'csv-plain');
    const linksExcel = await download('Verbindingen voor Excel (CSV)', 'links-excel');
    const linksPlain = await download('Verbindingen, gewone CSV', 'links-plain');
    expect(excel.name).toBe('terugblik-gezond-dorp-een-jaar-later-rimpelingen-excel.csv');
    expect(plain.name).toBe('terugblik-gezond-dorp-een-jaar-later-rimpelingen.csv');
    expect(linksExcel.name).toBe('terugblik-gezond-dorp-een-jaar-later-verbindingen-excel.csv');
    expect(linksPlain.name).toBe('terugblik-gezond-dorp-een-jaar-later-verbindingen.csv');

    // Excel: UTF-8 with a BOM, `;`; plain: no BOM, `,`. Both decode as strict UTF-8.
    expect(excel.bytes.subarray(0, 3).toString('hex')).toBe('efbbbf');
    expect(linksExcel.bytes.subarray(0, 3).toString('hex')).toBe('efbbbf');
    expect(plain.bytes[0]).not.toBe(0xef);
    const decode = (b: Buffer) => new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(b);
    const sheets = [
      { rows: parseCsv(decode(excel.bytes).slice(1), ';'), separator: ';' },
      { rows: parseCsv(decode(plain.bytes), ','), separator: ',' },
    ];
    for (const { rows } of sheets) {
      const [header, ...body] = rows;
      expect(header?.slice(0, 3)).toEqual(['id', 'text', 'story']);
      expect(body).toHaveLength(RIPPLES);
      for (const row of body) expect(row).toHaveLength(header?.length ?? 0);
      const col = (name: string) => header?.indexOf(name) ?? -1;
      const byId = new Map(body.map((row) => [row[0], row]));
      for (const r of plan.ripples) {
        const row = byId.get(r.id);
        const expected = /^[=+\-@]/.test(r.text) ? `'${r.text}` : r.text;
        expect(row?.[col('text')]).toBe(expected);
        expect(row?.[col('code')]).toBe(r.code ?? '');
      }
      // No typed cell may start a formula.
      for (const row of body)
        for (const name of ['text', 'story', 'author_name', 'involved', 'when_value'])
          expect(row[col(name)] ?? '').not.toMatch(/^[=+\-@\t\r]/);
      expect(byId.get('r003')?.[col('text')]).toBe(`'${SPECIAL[3]}`);
      expect(byId.get('r007')?.[col('text')]).toBe(SPECIAL[7]);
      expect(byId.get('r008')?.[col('text')]).toBe(SPECIAL[8]);
      const vision = WORKING_ELEMENTS.codes.find((c) => c.id === 'vision')?.label.nl;
      expect(byId.get('r001')?.[col('code_label')]).toBe(vision);
    }
    const excelText = decode(excel.bytes);
    expect(excelText).toContain('ideeënavond');
    expect(excelText).toContain('één');
    expect(excelText.split('\r\n')[0]).toContain('id;text;story');

    for (const { bytes, separator, bom } of [
      { bytes: linksExcel.bytes, separator: ';', bom: true },
      { bytes: linksPlain.bytes, separator: ',', bom: false },
    ]) {
      const text = decode(bytes);
      const [header, ...body] = parseCsv(bom ? text.slice(1) : text, separator);
      expect(header).toEqual(['from', 'to', 'from_text', 'to_text']);
      expect(body).toHaveLength(LINKS);
      expect(new Set(body.map((row) => `${row[0]}->${row[1]}`))).toEqual(
        new Set(plan.links.map(([a, b]) => `${a}->${b}`)),
      );
    }
  });
});
