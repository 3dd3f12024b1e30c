import type { Page } from 'playwright-core';
import { describe, expect, it, onTestFailed } from 'vitest';
import { addRipple, updateMeta } from '../../shared/doc/commands';
import { hasChromium } from '../helpers/chromium';
import { sleep } from '../helpers/yClient';
import {
  createSession,
  FACILITATOR,
  facilitatorClient,
  joinSession,
  participant,
  participantClient,
} from './boardSeed';
import { serverAndChromium } from './serverAndChromium';

/**
 * Ripple texts, names, session titles and prompts full of HTML and script render as text
 * on every screen: board, presenter and phone (the SVG export escapes them too: see
 * tests/shared/export/mapSvg.test.ts; the CSV neutralises formulas: sessionExport.test.ts).
 * Each payload would set `window.__xss` or open a dialog if it ever ran.
 */
const PAYLOADS = [
  '<img src=x onerror="window.__xss=1">',
  '<script>window.__xss=2</script>',
  '"><svg onload="window.__xss=3">',
  'javascript:window.__xss=4',
  '=HYPERLINK("http://kwaad.example","klik")',
];
const TITLE = '<b onmouseover="window.__xss=5">Sessie</b>';

describe.skipIf(!hasChromium)('hostile content renders as text everywhere', () => {
  const env = serverAndChromium();

  async function open(viewport: { width: number; height: number }, mobile = false) {
    const context = await env.context({
      viewport,
      baseURL: env.server().baseUrl,
      isMobile: mobile,
      hasTouch: mobile,
    });
    const page = await context.newPage();
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    return { page, dialogs };
  }

  async function assertInert(page: Page, dialogs: string[], expectText: string[]) {
    await sleep(300);
    expect(await page.evaluate(() => (window as { __xss?: unknown }).__xss)).toBeUndefined();
    expect(dialogs).toEqual([]);
    expect(await page.locator('img[src="x"], svg[onload], b[onmouseover]').count()).toBe(0);
    const text = await page.evaluate(() => document.body.textContent ?? '');
    for (const expected of expectText) expect(text).toContain(expected);
  }

  it('on the board, the presenter and the phone', async () => {
    onTestFailed(() => console.error(`--- server output ---\n${env.server().output()}`));
    const session = await createSession(env.server().baseUrl, TITLE, '<i>programma</i>');
    const board = await facilitatorClient(env.server().baseUrl, session);
    updateMeta(board.doc, FACILITATOR, {
      prompt: '<img src=x onerror="window.__xss=6">Wat ging minder goed?',
      moderation: false,
    });
    for (const [i, text] of PAYLOADS.entries()) {
      addRipple(board.doc, FACILITATOR, { text, authorName: '<u>naam</u>' }, { id: `x${i}` });
    }

    // A phone joins with a hostile name and sends a hostile ripple of its own.
    const phoneId = await joinSession(
      env.server().baseUrl,
      session.joinCode,
      '<img src=x onerror="window.__xss=7">Ans',
    );
    const mobile = participantClient(env.server().baseUrl, session.id, phoneId);
    await mobile.synced;
    addRipple(mobile.doc, participant(phoneId), { text: PAYLOADS[0] as string }, { id: 'p0' });
    await sleep(300);

    const shown = [PAYLOADS[0] as string, PAYLOADS[1] as string];
    const boardPage = await open({ width: 1920, height: 1080 });
    await boardPage.page.goto(`/s/${session.id}/board#key=${session.facilitatorKey}`);
    await boardPage.page
      .getByText(PAYLOADS[1] as string)
      .first()
      .waitFor({ timeout: 15_000 });
    await assertInert(boardPage.page, boardPage.dialogs, [...shown, TITLE]);

    const presenter = await open({ width: 1920, height: 1080 });
    await presenter.page.goto(`/s/${session.id}/present#key=${session.viewerKey}`);
    await presenter.page
      .getByText(PAYLOADS[1] as string)
      .first()
      .waitFor({ timeout: 15_000 });
    await assertInert(presenter.page, presenter.dialogs, [...shown, TITLE]);

    // The phone, with the stored identity of the hostile-named participant.
    const phone = await open({ width: 390, height: 844 }, true);
    await phone.page.goto('/');
    await phone.page.evaluate(
      ([id, identity]) => localStorage.setItem(`kringen:participant:${id}`, identity as string),
      [
        session.id,
        JSON.stringify({
          participantId: phoneId.participantId,
          secret: phoneId.secret,
          name: phoneId.name,
          title: TITLE,
        }),
      ],
    );
    await phone.page.goto(`/s/${session.id}/phone`);
    await phone.page.getByText('Wat ging minder goed?').first().waitFor({ timeout: 15_000 });
    await assertInert(phone.page, phone.dialogs, [PAYLOADS[0] as string]);

    for (const c of [board, mobile]) c.destroy();
  }, 90_000);
});
