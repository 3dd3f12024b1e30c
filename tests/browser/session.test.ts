import type { Locator, Page } from 'playwright-core';
import { describe, expect, it, onTestFailed } from 'vitest';
import { hasChromium } from '../helpers/chromium';
import { connected, VISIBLE } from './boardSeed';
import { serverAndChromium } from './serverAndChromium';

/**
 * The foundation issue end to end, in real Chromium against the real server process:
 * a facilitator starts a session on a projector-sized board, a participant joins from a
 * phone-sized page and sends a ripple, the facilitator accepts it from the inbox, and it
 * shows on the board and the presenter view within a second. Then the server is killed
 * (SIGKILL, no graceful save) and restarted, and after a reload every screen still has it.
 * Queries go by role and label, so they also prove the controls have accessible names.
 */

const RIPPLE = 'De dorpsondersteuner heeft nu vaste financiering';

const onMap = (page: Page): Locator => page.getByRole('group', { name: `Rimpeling, 1e orde: ${RIPPLE}` });

describe.skipIf(!hasChromium)('a live REM session across phone, board and presenter', () => {
  const env = serverAndChromium();

  async function open(viewport: { width: number; height: number }, mobile = false): Promise<Page> {
    const context = await env.context({
      viewport,
      baseURL: env.server().baseUrl,
      isMobile: mobile,
      hasTouch: mobile,
      locale: 'nl-NL',
    });
    return context.newPage();
  }

  it('a ripple sent from a phone reaches the board and presenter, and survives a server crash', async () => {
    onTestFailed(() => console.error(`--- server output ---\n${env.server().output()}`));

    // The facilitator starts a session from the home page on a laptop.
    const board = await open({ width: 1280, height: 800 });
    await board.goto('/');
    await board.getByLabel('Naam van de sessie').fill('Terugblik Samen Gezond Dorp');
    await board.getByRole('button', { name: 'Sessie starten' }).click();
    await board.waitForURL(/\/s\/[a-z0-9]+\/board$/);
    await connected(board).waitFor(VISIBLE);
    await board.getByRole('heading', { name: 'Terugblik Samen Gezond Dorp' }).waitFor(VISIBLE);
    // A new session opens with its set-up (issue #20); this evening needs none of it.
    await board
      .getByRole('region', { name: 'Sessie instellen' })
      .getByRole('button', { name: 'Sluiten' })
      .click();

    const joinCode = (await board.getByText(/^[A-Z0-9]{3}-[A-Z0-9]{3}$/).textContent()) ?? '';
    const joinHref = await board.getByRole('link', { name: /\/j\/[A-Z0-9]{6}$/ }).getAttribute('href');
    const presenterHref = await board
      .getByRole('link', { name: 'Presentatiescherm openen' })
      .getAttribute('href');
    expect(joinCode).toMatch(/^[A-Z0-9]{3}-[A-Z0-9]{3}$/);
    if (!joinHref || !presenterHref) throw new Error('The board shows no join or presenter link.');
    await board.getByRole('img', { name: 'QR-code om mee te doen' }).waitFor(VISIBLE);

    // The presenter view opens on a second screen.
    const presenter = await open({ width: 1280, height: 800 });
    await presenter.goto(sameServer(presenterHref));
    await connected(presenter).waitFor(VISIBLE);

    // A participant opens the join link on a phone (the link names the LAN address; we use 127.0.0.1).
    const phone = await open({ width: 390, height: 844 }, true);
    const scripts: string[] = [];
    phone.on('request', (request) => {
      if (request.resourceType() === 'script') scripts.push(request.url());
    });
    await phone.goto(sameServer(joinHref));
    expect(await phone.getByLabel('Deelnamecode').inputValue()).toBe(joinCode.replace('-', ''));
    await phone.getByLabel('Je naam (mag leeg blijven)').fill('Fatima');
    await phone.getByRole('button', { name: 'Meedoen' }).click();
    await phone.waitForURL(/\/s\/[a-z0-9]+\/phone$/);
    await phone.getByLabel('Wat is er veranderd?').fill(RIPPLE);
    await phone.getByRole('button', { name: 'Verder' }).click();
    await phone.getByRole('button', { name: 'Versturen' }).click();
    const own = phone.getByRole('region', { name: 'Jouw rimpelingen' }).getByRole('listitem');
    await own.filter({ hasText: RIPPLE }).filter({ hasText: 'Wacht op de begeleider' }).waitFor(VISIBLE);

    // Moderation is on: the ripple waits in the board's inbox; the facilitator puts it on the map.
    const accept = board.getByRole('button', { name: 'Op de kaart', description: RIPPLE });
    await accept.waitFor(VISIBLE);
    expect(await onMap(presenter).count()).toBe(0);
    const acceptedAt = Date.now();
    await accept.click();
    await Promise.all([onMap(board).waitFor(VISIBLE), onMap(presenter).waitFor(VISIBLE)]);
    expect(Date.now() - acceptedAt).toBeLessThan(1000);
    await own.filter({ hasText: RIPPLE }).filter({ hasText: 'Staat op de kaart' }).waitFor(VISIBLE);

    // The presenter view only shows: the board's editing controls are not there.
    expect(await board.getByRole('button', { name: 'Rimpeling toevoegen' }).count()).toBe(1);
    expect(await presenter.getByRole('button', { name: 'Rimpeling toevoegen' }).count()).toBe(0);
    expect(await presenter.getByRole('button', { name: 'Bewerken' }).count()).toBe(0);

    // The phone never loaded the canvas code.
    expect(await phone.locator('.react-flow').count()).toBe(0);
    expect(scripts.length).toBeGreaterThan(0);
    for (const url of scripts) {
      const body = await (await fetch(url)).text();
      expect(body, `${url} is React Flow code`).not.toContain('react-flow__');
    }

    // The server dies without saving anything on the way out, and comes back.
    await env.server().kill();
    await board.getByRole('status').filter({ hasText: 'Verbinding kwijt' }).waitFor(VISIBLE);
    await env.server().restart();

    for (const page of [board, presenter, phone]) await page.reload();
    await Promise.all([connected(board).waitFor(VISIBLE), connected(presenter).waitFor(VISIBLE)]);
    await Promise.all([onMap(board).waitFor(VISIBLE), onMap(presenter).waitFor(VISIBLE)]);
    await own.filter({ hasText: RIPPLE }).filter({ hasText: 'Staat op de kaart' }).waitFor(VISIBLE);
    expect(await board.getByRole('button', { name: 'Op de kaart', description: RIPPLE }).count()).toBe(0);
  });

  /** The same path and fragment on the test server (join links carry the machine's LAN address). */
  function sameServer(href: string): string {
    const url = new URL(href, env.server().baseUrl);
    return `${env.server().baseUrl}${url.pathname}${url.hash}`;
  }
});
