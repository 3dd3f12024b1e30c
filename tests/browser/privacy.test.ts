import { readFile } from 'node:fs/promises';
import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it, onTestFailed } from 'vitest';
import { addRipple, mergeRipples, setRippleStatus } from '../../shared/doc/commands';
import { readRipples } from '../../shared/doc/read';
import { hasChromium } from '../helpers/chromium';
import { waitFor } from '../helpers/yClient';
import {
  boardMenuAction,
  createSession,
  FACILITATOR,
  facilitatorClient,
  joinSession,
  participant,
  participantClient,
  type SeededSession,
  VISIBLE_SLOW,
} from './boardSeed';
import { serverAndChromium } from './serverAndChromium';

/**
 * Privacy from the board, as a facilitator does it: the names choice in "Bewaren" shapes
 * every file (JSON, both CSVs, SVG) and the replay; "Sessie verwijderen" deletes the
 * session from the server, and everyone in it is told. Dutch at 1280×800, English too.
 */
const ANNEGIEN = 'Annegien Wolterbeek';
const BAREND = 'Barend Oosterhuis';
const COR = 'Cor Dijkstra';

describe.skipIf(!hasChromium)('privacy on the board', () => {
  const env = serverAndChromium();

  /** A phone joined under `name`: a stock y-websocket client with its participant identity, synced. */
  async function joinPhone(session: SeededSession, name: string) {
    const joined = await joinSession(env.server().baseUrl, session.joinCode, name);
    const client = env.track(participantClient(env.server().baseUrl, session.id, joined));
    await client.synced;
    return { actor: participant(joined), client };
  }

  /** A session where three named phones added ripples (one names another; two are merged), accepted. */
  async function namedSession(title: string): Promise<SeededSession> {
    const session = await createSession(env.server().baseUrl, title);
    const board = await facilitatorClient(env.server().baseUrl, session);
    env.track(board);
    for (const [name, text, id] of [
      [ANNEGIEN, `${BAREND} bracht de buren samen in het buurthuis`, 'a'],
      [BAREND, 'De buren koken nu elke week samen', 'b'],
      [COR, 'Buren koken samen', 'c'],
    ] as const) {
      const phone = await joinPhone(session, name);
      addRipple(phone.client.doc, phone.actor, { text, authorName: name }, { id });
    }
    await waitFor(() => readRipples(board.doc).length === 3, 10_000, 'three ripples on the board');
    mergeRipples(board.doc, FACILITATOR, 'c', 'b');
    for (const id of ['a', 'b']) setRippleStatus(board.doc, FACILITATOR, id, 'accepted');
    addRipple(board.doc, FACILITATOR, { text: 'Vulling om de kaart te vullen' });
    return session;
  }

  async function openBoard(
    session: SeededSession,
    language: 'nl' | 'en',
  ): Promise<{ context: BrowserContext; page: Page }> {
    const context = await env.browser().newContext({
      viewport: { width: 1280, height: 800 },
      baseURL: env.server().baseUrl,
      acceptDownloads: true,
    });
    await context.addInitScript(
      (lang) => localStorage.setItem('kringen:language', JSON.stringify(lang)),
      language,
    );
    const page = await context.newPage();
    await page.goto(session.boardUrl);
    await boardMenuAction(page, language === 'nl' ? 'Bewaren en terugkijken' : /save and look back/i);
    return { context, page };
  }

  async function download(page: Page, button: string | RegExp): Promise<string> {
    const [file] = await Promise.all([
      page.waitForEvent('download', { timeout: 45_000 }),
      page.getByRole('button', { name: button, exact: typeof button === 'string' }).click(),
    ]);
    return (await readFile(await file.path())).toString('utf8');
  }

  it('exports with pseudonyms or without names from the Bewaren panel: no name in any file or in the replay', async () => {
    onTestFailed(() => console.error(`--- server output ---\n${env.server().output().slice(-3000)}`));
    const session = await namedSession('Koken in de buurt');
    const { context, page } = await openBoard(session, 'nl');
    try {
      await page.getByRole('heading', { name: 'Bewaren en delen' }).waitFor(VISIBLE_SLOW);
      const kept = await download(page, 'Sessiebestand (JSON)');
      expect(kept).toContain(ANNEGIEN);

      await page.getByRole('radio', { name: /Met schuilnamen/ }).check();
      const files = [
        await download(page, 'Sessiebestand (JSON)'),
        await download(page, 'Spreadsheet voor Excel (CSV)'),
        await download(page, 'CSV voor R, Python of NVivo'),
        await download(page, 'SVG downloaden'),
      ];
      for (const file of files) {
        for (const name of [ANNEGIEN, BAREND, COR, 'Annegien', 'Barend', 'Dijkstra'])
          expect(file).not.toContain(name);
      }
      // One person, one pseudonym, also inside a text that named them and for a co-author.
      const json = JSON.parse(files[0] as string) as {
        ripples: { id: string; text: string; authorName: string; coAuthors: { name: string }[] }[];
      };
      const byId = new Map(json.ripples.map((r) => [r.id, r]));
      expect(byId.get('a')?.authorName).toBe('Deelnemer 1');
      expect(byId.get('b')?.authorName).toBe('Deelnemer 2');
      expect(byId.get('a')?.text).toBe('Deelnemer 2 bracht de buren samen in het buurthuis');
      expect(byId.get('b')?.coAuthors.map((c) => c.name)).toEqual(['Deelnemer 3']);
      // The picture draws texts, not authors: the name inside a text is replaced there too.
      expect(files[3]).toContain('Deelnemer 2');

      await page.getByRole('radio', { name: 'Zonder namen' }).check();
      const dropped = await download(page, 'Sessiebestand (JSON)');
      for (const word of ['Annegien', 'Barend', 'Deelnemer']) expect(dropped).not.toContain(word);
      expect(dropped).toContain('[naam] bracht de buren samen');

      // The replay asks the server for the history with pseudonyms, and draws what it gets.
      await page.getByRole('radio', { name: /Met schuilnamen/ }).check();
      const answer = page.waitForResponse(
        (r) => r.url().includes('export.json?at=') && r.url().includes('names=pseudonymise'),
      );
      await page.getByRole('button', { name: 'Terugkijken', exact: true }).click();
      const replayed = await (await answer).text();
      expect(replayed).toContain('Deelnemer 2 bracht de buren samen');
      for (const name of ['Annegien', 'Barend', 'Dijkstra']) expect(replayed).not.toContain(name);
      await page.getByRole('img', { name: 'De kaart op dat moment' }).waitFor(VISIBLE_SLOW);
      expect(await page.getByRole('radio', { name: /Met schuilnamen/ }).isChecked()).toBe(true);
    } finally {
      await context.close();
    }
  });

  it('deletes the session from the board after a confirmation; a phone in it is told; nothing is left on the server', async () => {
    onTestFailed(() => console.error(`--- server output ---\n${env.server().output().slice(-3000)}`));
    const session = await namedSession('Weg ermee');
    const { context, page } = await openBoard(session, 'nl');
    try {
      // A phone in the session.
      const { client: watcher } = await joinPhone(session, 'Cor');

      const button = page.getByRole('button', { name: 'Sessie verwijderen' });
      await button.scrollIntoViewIfNeeded();
      expect(await button.isDisabled()).toBe(true);
      await page.getByRole('checkbox', { name: /Ja, ik wil deze sessie/ }).check();
      await button.click();
      await page.getByText('De sessie is verwijderd. Er is niets meer van bewaard.').waitFor(VISIBLE_SLOW);
      // The board itself hears that its session is gone.
      await page
        .getByText(/Deze sessie is verwijderd/)
        .first()
        .waitFor(VISIBLE_SLOW);
      expect((await watcher.closed).code).toBe(4410);
      const gone = await fetch(`${env.server().baseUrl}/api/sessions/${session.id}`, {
        headers: { 'x-kringen-key': session.facilitatorKey },
      });
      expect(gone.status).toBe(404);
      await page.getByRole('button', { name: 'Naar de startpagina' }).click();
      await page.waitForURL(`${env.server().baseUrl}/`);
    } finally {
      await context.close();
    }
  });

  it('speaks English: the names choice and the delete section', async () => {
    const session = await namedSession('Cooking together');
    const { context, page } = await openBoard(session, 'en');
    try {
      await page.getByRole('group', { name: "Participants' names in what you save" }).waitFor(VISIBLE_SLOW);
      await page.getByRole('radio', { name: /With pseudonyms/ }).check();
      const json = await download(page, /session file/i);
      expect(json).not.toContain('Annegien');
      await page.getByRole('heading', { name: 'Delete session' }).waitFor(VISIBLE_SLOW);
      expect(await page.getByRole('button', { name: 'Delete session' }).isDisabled()).toBe(true);
    } finally {
      await context.close();
    }
  });
});
