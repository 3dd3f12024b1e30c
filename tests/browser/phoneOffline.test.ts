import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it, onTestFailed } from 'vitest';
import { setRippleStatus } from '../../shared/doc/commands';
import { readRipples } from '../../shared/doc/read';
import { hasChromium } from '../helpers/chromium';
import { type TestClient, waitFor } from '../helpers/yClient';
import { createSession, FACILITATOR, facilitatorClient, type SeededSession, VISIBLE_SLOW } from './boardSeed';
import { serverAndChromium } from './serverAndChromium';

/**
 * Issue 5, point 5: a phone on Wi-Fi that drops. What is typed offline stays on the phone
 * (IndexedDB), survives a reload while still offline (the service worker serves the page),
 * and reaches the board exactly once when the connection returns. And when the server
 * refuses a change made offline (the facilitator handled the ripple meanwhile: close 4403),
 * the phone starts over with a fresh document without losing the typed text.
 */

describe.skipIf(!hasChromium)('a phone on a connection that drops', () => {
  const env = serverAndChromium();
  const logs: string[] = [];

  async function sessionWithBoard(): Promise<{ session: SeededSession; board: TestClient }> {
    const session = await createSession(env.server().baseUrl, 'Terugblik Buurtkracht', 'Buurtkracht');
    const board = env.track(await facilitatorClient(env.server().baseUrl, session));
    return { session, board };
  }

  async function openPhone(): Promise<{ context: BrowserContext; phone: Page }> {
    const context = await env.context({
      viewport: { width: 390, height: 844 },
      baseURL: env.server().baseUrl,
      isMobile: true,
      hasTouch: true,
      locale: 'nl-NL',
    });
    const phone = await context.newPage();
    phone.on('console', (message) => logs.push(`[phone ${message.type()}] ${message.text()}`));
    phone.on('pageerror', (error) => logs.push(`[phone error] ${error.message}`));
    return { context, phone };
  }

  /** Joins through the join link and waits until the service worker holds the app for offline starts. */
  async function join(phone: Page, session: SeededSession): Promise<void> {
    await phone.goto(`/j/${session.joinCode.replace('-', '')}`);
    await phone.getByRole('button', { name: 'Meedoen' }).click();
    await phone.waitForURL(/\/s\/[a-z0-9]+\/phone$/);
    await phone.getByRole('status').filter({ hasText: 'Alles is verstuurd' }).waitFor(VISIBLE_SLOW);
    await phone.waitForFunction(
      async () => {
        if (!navigator.serviceWorker.controller) return false;
        const cache = await caches.open('kringen-v1');
        const keys = (await cache.keys()).map((r) => new URL(r.url).pathname);
        const scripts = [...document.querySelectorAll<HTMLScriptElement>('script[src]')].map(
          (s) => new URL(s.src).pathname,
        );
        return keys.includes('/__shell') && scripts.every((s) => keys.includes(s));
      },
      undefined,
      { timeout: 15_000, polling: 100 },
    );
  }

  async function addRipple(phone: Page, text: string): Promise<void> {
    await phone.getByLabel('Wat is er veranderd?').fill(text);
    await phone.getByRole('button', { name: 'Verder' }).click();
    await phone.getByRole('heading', { name: 'Klopt dit?' }).waitFor(VISIBLE_SLOW);
    await phone.getByRole('button', { name: 'Versturen' }).click();
  }

  const ownItem = (phone: Page, text: string) =>
    phone.getByRole('region', { name: 'Jouw rimpelingen' }).getByRole('listitem').filter({ hasText: text });
  const countOnBoard = (board: TestClient, text: string) =>
    readRipples(board.doc).filter((r) => r.text === text).length;

  it('a ripple typed offline survives a reload while offline and reaches the board exactly once', async () => {
    onTestFailed(() => console.error(`--- server output ---\n${env.server().output()}\n${logs.join('\n')}`));
    const { session, board } = await sessionWithBoard();
    const { context, phone } = await openPhone();
    await join(phone, session);

    await context.setOffline(true);
    await phone.getByRole('status').filter({ hasText: 'Geen verbinding' }).waitFor(VISIBLE_SLOW);
    const text = 'De buurtkamer is nu ook op zaterdag open';
    await addRipple(phone, text);
    await ownItem(phone, text).filter({ hasText: 'Nog op je telefoon' }).waitFor(VISIBLE_SLOW);
    await phone.screenshot({ path: '/tmp/kringen-shots/phone-offline-390.png', fullPage: true });

    // Reload without a connection: the service worker serves the page, IndexedDB the ripple.
    await phone.reload();
    await ownItem(phone, text).filter({ hasText: 'Nog op je telefoon' }).waitFor(VISIBLE_SLOW);
    await phone
      .getByRole('status')
      .filter({ hasText: 'Je rimpeling staat veilig op je telefoon' })
      .waitFor(VISIBLE_SLOW);
    await phone.getByRole('heading', { name: 'Terugblik Buurtkracht' }).waitFor(VISIBLE_SLOW);
    expect(countOnBoard(board, text)).toBe(0);

    await context.setOffline(false);
    await waitFor(() => countOnBoard(board, text) === 1, 15_000, 'the ripple on the board');
    await phone.getByRole('status').filter({ hasText: 'Alles is verstuurd' }).waitFor(VISIBLE_SLOW);
    await ownItem(phone, text).filter({ hasText: 'Wacht op de begeleider' }).waitFor(VISIBLE_SLOW);

    // Reloading again (online) sends nothing twice.
    await phone.reload();
    await phone.getByRole('status').filter({ hasText: 'Alles is verstuurd' }).waitFor(VISIBLE_SLOW);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(countOnBoard(board, text)).toBe(1);
    expect(await ownItem(phone, text).count()).toBe(1);
  });

  it('an offline edit the server refuses (4403) starts over fresh and keeps the typed text', async () => {
    onTestFailed(() => console.error(`--- server output ---\n${env.server().output()}\n${logs.join('\n')}`));
    const { session, board } = await sessionWithBoard();
    const { context, phone } = await openPhone();
    await join(phone, session);
    const original = 'Er is een wandelgroep voor ouderen';
    await addRipple(phone, original);
    await waitFor(() => countOnBoard(board, original) === 1, 10_000, 'the ripple on the board');

    // Offline, the participant rewrites the waiting ripple; meanwhile the facilitator accepts it.
    await context.setOffline(true);
    await phone.getByRole('status').filter({ hasText: 'Geen verbinding' }).waitFor(VISIBLE_SLOW);
    const item = ownItem(phone, original);
    await item.getByRole('button', { name: 'Aanpassen' }).click();
    const edited = 'Er zijn nu twee wandelgroepen voor ouderen';
    await phone.getByLabel('Je rimpeling').fill(edited);
    await phone.getByRole('button', { name: 'Opslaan' }).click();
    await ownItem(phone, edited).waitFor(VISIBLE_SLOW);
    const id = readRipples(board.doc).find((r) => r.text === original)?.id ?? '';
    expect(setRippleStatus(board.doc, FACILITATOR, id, 'accepted').ok).toBe(true);

    // Back online the edit is refused; the phone starts over and sends the new text as a new ripple.
    await context.setOffline(false);
    await waitFor(() => countOnBoard(board, edited) === 1, 15_000, 'the edited text on the board').catch(
      async (error) => {
        await phone.screenshot({ path: '/tmp/kringen-shots/phone-debug-4403.png', fullPage: true });
        throw error;
      },
    );
    const ripples = readRipples(board.doc);
    expect(ripples.find((r) => r.id === id)).toMatchObject({ text: original, status: 'accepted' });
    expect(ripples.find((r) => r.text === edited)).toMatchObject({ status: 'pending' });
    await ownItem(phone, original).filter({ hasText: 'Staat op de kaart' }).waitFor(VISIBLE_SLOW);
    await ownItem(phone, edited).filter({ hasText: 'Wacht op de begeleider' }).waitFor(VISIBLE_SLOW);
    await phone.getByText('als nieuwe rimpeling verstuurd').waitFor(VISIBLE_SLOW);
    expect(env.server().output()).toContain('forbidden-change');

    // The refused update is gone for good: a reload does not send it again.
    await phone.reload();
    await phone.getByRole('status').filter({ hasText: 'Alles is verstuurd' }).waitFor(VISIBLE_SLOW);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(countOnBoard(board, edited)).toBe(1);
    expect(readRipples(board.doc).find((r) => r.id === id)?.text).toBe(original);
  });
});
