import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFailed } from 'vitest';
import { setRippleStatus } from '../../shared/doc/commands';
import type { SessionExport } from '../../shared/export/sessionExport';
import { hasChromium } from '../helpers/chromium';
import {
  boardMenuAction,
  createSession,
  FACILITATOR,
  facilitatorClient,
  type SeededSession,
  seed,
  VISIBLE_SLOW,
} from './boardSeed';
import { serverAndChromium } from './serverAndChromium';

/**
 * Several sessions, one story, as a facilitator does it: a session continues in a new one
 * from the board, and two session files become one map on the home page, with the likely
 * duplicate shown side by side. Every ripple shows the session it came from.
 */

describe.skipIf(!hasChromium)('several sessions, one story', () => {
  const env = serverAndChromium();

  /** A session with `texts` on the map, linked in a chain. */
  async function sessionWith(title: string, texts: string[]): Promise<SeededSession> {
    const session = await createSession(env.server().baseUrl, title);
    const client = await facilitatorClient(env.server().baseUrl, session);
    env.track(client);
    const ids = texts.map((_, i) => `${title.toLowerCase()}-${i}`);
    seed(
      client.doc,
      texts.map((text, i) => ({ id: ids[i] as string, text })),
      ids.slice(1).map((id, i) => [ids[i] as string, id]),
    );
    for (const id of ids) setRippleStatus(client.doc, FACILITATOR, id, 'accepted');
    await new Promise((resolve) => setTimeout(resolve, 300));
    return session;
  }

  async function exportOf(session: { id: string; facilitatorKey: string }): Promise<SessionExport> {
    const response = await fetch(`${env.server().baseUrl}/api/sessions/${session.id}/export.json`, {
      headers: { 'x-kringen-key': session.facilitatorKey },
    });
    return (await response.json()) as SessionExport;
  }

  it('continues a session in a new one from the board: same map, a new join code, each card says where it came from', async () => {
    onTestFailed(() => console.error(env.server().output().slice(-3000)));
    const march = await sessionWith('Maart', [
      'De buurtcoach heeft vaste financiering',
      'Er is een wekelijks spreekuur',
    ]);
    const context = await env.browser().newContext({
      viewport: { width: 1280, height: 800 },
      baseURL: env.server().baseUrl,
    });
    const page = await context.newPage();
    try {
      await page.goto(march.boardUrl);
      await boardMenuAction(page, 'Bewaren en terugkijken');
      const name = page.getByRole('textbox', { name: 'Naam van de nieuwe sessie' });
      await name.waitFor(VISIBLE_SLOW);
      expect(await name.inputValue()).toBe('Maart – vervolg');
      await name.fill('Juni');
      await page.getByRole('button', { name: 'Nieuwe sessie beginnen' }).click();
      await page.waitForURL((url) => url.pathname.endsWith('/board') && !url.pathname.includes(march.id));
      await page.getByRole('heading', { name: 'Juni' }).waitFor(VISIBLE_SLOW);
      const origin = page.locator('.ripple-card__origin').first();
      await origin.waitFor(VISIBLE_SLOW);
      expect(await origin.textContent()).toMatch(/^uit Maart, \d{4}-\d\d-\d\d$/);
      expect(await page.locator('.map-card').count()).toBe(2);
      // The origin line stays inside its card.
      const [line, card] = await Promise.all([
        origin.boundingBox(),
        page.locator('.map-card').first().boundingBox(),
      ]);
      expect(line && card && line.x + line.width <= card.x + card.width + 1).toBe(true);
      // The new session is a session of its own, and its files say where each ripple came from.
      const newId = new URL(page.url()).pathname.split('/')[2] as string;
      const key = await page.evaluate((id) => localStorage.getItem(`kringen:key:board:${id}`), newId);
      expect(key).toBeTruthy();
    } finally {
      await context.close();
    }
  });

  it('merges two session files on the home page, proposing the duplicate side by side, keeping both authors', async () => {
    onTestFailed(() => console.error(env.server().output().slice(-3000)));
    const north = await sessionWith('Noord', [
      'De buurtcoach heeft nu vaste financiering',
      'Kinderen spelen weer op het plein',
    ]);
    const south = await sessionWith('Zuid', [
      'De buurtcoach heeft vaste financiering gekregen',
      'Er is een repaircafé',
    ]);
    const dir = tmpdir();
    const files = [join(dir, `noord-${north.id}.json`), join(dir, `zuid-${south.id}.json`)];
    await writeFile(files[0] as string, JSON.stringify(await exportOf(north)));
    await writeFile(files[1] as string, JSON.stringify(await exportOf(south)));

    const context = await env.browser().newContext({
      viewport: { width: 1280, height: 800 },
      baseURL: env.server().baseUrl,
    });
    const page = await context.newPage();
    try {
      await page.goto('/');
      await page.getByLabel('Sessiebestanden (JSON), twee of meer').setInputFiles(files);
      await page.getByText('2 sessies, 4 rimpelingen. 1 paar lijkt op elkaar.').waitFor(VISIBLE_SLOW);
      const pair = page.locator('.merge-sessions__pair');
      expect(await pair.locator('blockquote').allTextContents()).toEqual([
        expect.stringContaining('De buurtcoach heeft nu vaste financiering'),
        expect.stringContaining('De buurtcoach heeft vaste financiering gekregen'),
      ]);
      // Side by side: the two quotes share a row and do not overlap.
      const [left, right] = await pair
        .locator('blockquote')
        .evaluateAll((nodes) => nodes.map((n) => n.getBoundingClientRect().toJSON() as DOMRect));
      expect(left && right && Math.abs(left.top - right.top) < 2 && left.right <= right.left).toBe(true);
      await pair.getByRole('radio', { name: 'Samenvoegen (beide schrijvers blijven)' }).check();
      await page.getByRole('textbox', { name: 'Naam van de samengevoegde sessie' }).fill('Noord en Zuid');
      await page.getByRole('button', { name: 'Maak één kaart' }).click();
      await page.getByRole('heading', { name: 'Noord en Zuid' }).waitFor(VISIBLE_SLOW);
      await page.locator('.map-card').nth(2).waitFor(VISIBLE_SLOW);
      expect(await page.locator('.map-card').count()).toBe(3);

      const mergedId = new URL(page.url()).pathname.split('/')[2] as string;
      const key = (await page.evaluate(
        (id) => localStorage.getItem(`kringen:key:board:${id}`),
        mergedId,
      )) as string;
      const merged = await exportOf({ id: mergedId, facilitatorKey: JSON.parse(key) as string });
      expect(merged.ripples.map((r) => `${r.origin?.title}: ${r.text}`).sort()).toEqual([
        'Noord: De buurtcoach heeft nu vaste financiering',
        'Noord: Kinderen spelen weer op het plein',
        'Zuid: Er is een repaircafé',
      ]);
      expect(merged.links).toHaveLength(2);
      const csv = await fetch(
        `${env.server().baseUrl}/api/sessions/${mergedId}/ripples.csv?dialect=rfc4180`,
        {
          headers: { 'x-kringen-key': JSON.parse(key) as string },
        },
      ).then((r) => r.text());
      expect(csv.split('\r\n')[0]).toMatch(
        /,origin_session,origin_date,source,interview_pair,interview_sent_by$/,
      );
      expect(csv).toContain(',Zuid,');
    } finally {
      await context.close();
    }
  });

  it('merges sessions of this device, ticked under "Mijn sessies" on the home page', async () => {
    onTestFailed(() => console.error(env.server().output().slice(-3000)));
    const west = await sessionWith('West', [
      'Er is een moestuin bij de school',
      'De wijkagent loopt vaker binnen',
    ]);
    const east = await sessionWith('Oost', ['Er is een moestuin bij de basisschool', 'Ouderen eten samen']);
    const context = await env.browser().newContext({
      viewport: { width: 1280, height: 800 },
      baseURL: env.server().baseUrl,
    });
    const page = await context.newPage();
    try {
      // Each board opened once on this device: both are in its list, with their keys.
      for (const session of [west, east]) {
        await page.goto(session.boardUrl);
        await page.getByRole('heading', { name: session === west ? 'West' : 'Oost' }).waitFor(VISIBLE_SLOW);
        // The board puts itself in the device's list once it knows its role.
        await page.waitForFunction(
          (id) => (localStorage.getItem('kringen:my-sessions') ?? '').includes(id),
          session.id,
        );
      }
      await page.goto('/');
      const mine = page.getByRole('group', { name: 'Of kies sessies die je op dit apparaat begeleidde' });
      await mine.getByRole('checkbox', { name: 'West' }).check();
      await mine.getByRole('checkbox', { name: 'Oost' }).check();
      await page.getByText('2 sessies, 4 rimpelingen. 1 paar lijkt op elkaar.').waitFor(VISIBLE_SLOW);
      await page.getByRole('button', { name: 'Maak één kaart' }).click();
      await page.getByRole('heading', { name: 'Samen: West + Oost' }).waitFor(VISIBLE_SLOW);
      await page.locator('.map-card').nth(3).waitFor(VISIBLE_SLOW);
      expect(await page.locator('.map-card').count()).toBe(4);
    } finally {
      await context.close();
    }
  });
});
