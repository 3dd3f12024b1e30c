import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { addRipple as addRippleCommand, linkRipples, updateMeta } from '../../shared/doc/commands';
import { readRipples, readVotes } from '../../shared/doc/read';
import { hasChromium } from '../helpers/chromium';
import { type TestClient, waitFor } from '../helpers/yClient';
import { axe } from './axe';
import {
  createSession,
  FACILITATOR,
  facilitatorClient,
  type SeededSession,
  SHOTS,
  VISIBLE,
} from './boardSeed';
import { serverAndChromium } from './serverAndChromium';

/**
 * Issue 5 on a 390×844 phone against the real server: joining by typed code and by the
 * join link, the guided add flow with every optional answer and a preview, the
 * facilitator's question on the phone, dot-voting with a limit and moving a dot, the
 * read-only map — and axe-core (WCAG 2.2 AA) on each of those pages, plus 320 px width and
 * 200 % text without sideways scrolling. The facilitator is a stock y-websocket client.
 */

describe.skipIf(!hasChromium)('a participant on a phone', () => {
  const env = serverAndChromium();
  let session: SeededSession;
  let board: TestClient;
  const logs: string[] = [];

  beforeAll(async () => {
    session = await createSession(env.server().baseUrl, 'Terugblik Gezond Dorp', 'Gezond Dorp');
    board = env.track(await facilitatorClient(env.server().baseUrl, session));
    updateMeta(board.doc, FACILITATOR, {
      prompt: 'Wat ging er minder goed?',
      phases: [
        { id: 'start', label: 'Opstart', start: null, end: null },
        { id: 'uitvoering', label: 'Uitvoering', start: null, end: null },
      ],
      spanStart: '2025-01',
      spanEnd: '2025-12',
      dotsPerParticipant: 2,
    });
    for (const text of [
      'Er is een buurtkamer',
      'Buren helpen elkaar vaker',
      'De huisarts verwijst naar de buurtkamer',
    ])
      addRippleCommand(board.doc, FACILITATOR, { text });
  });

  async function openPhone(width = 390): Promise<Page> {
    const context = await env.context({
      viewport: { width, height: 844 },
      baseURL: env.server().baseUrl,
      isMobile: true,
      hasTouch: true,
      locale: 'nl-NL',
      // axe-core is injected as a script; the app's CSP (script-src 'self') would block it.
      bypassCSP: true,
    });
    const page = await context.newPage();
    page.on('pageerror', (error) => logs.push(`[phone error] ${error.message}`));
    return page;
  }

  /** Every visible button, link, input and select is at least 44×44 CSS px (radios: their label). */
  async function smallTargets(page: Page): Promise<string[]> {
    return page.evaluate(() => {
      const out: string[] = [];
      for (const el of document.querySelectorAll<HTMLElement>('button, a[href], input, select, textarea')) {
        const target =
          el instanceof HTMLInputElement && el.type === 'radio' ? (el.closest('label') ?? el) : el;
        const box = target.getBoundingClientRect();
        if (box.width === 0 && box.height === 0) continue;
        if (box.width < 44 || box.height < 44)
          out.push(`${el.tagName} "${target.textContent?.trim()}" ${box.width}×${box.height}`);
      }
      return out;
    });
  }

  const scrollsSideways = (page: Page) =>
    page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);

  async function checkPage(page: Page, name: string): Promise<void> {
    expect(await axe(page), `axe on ${name}`).toEqual([]);
    expect(await smallTargets(page), `touch targets on ${name}`).toEqual([]);
    expect(await scrollsSideways(page), `sideways scroll on ${name}`).toBe(false);
    await page.screenshot({ path: `${SHOTS}/phone-${name}-390.png`, fullPage: true });
  }

  async function joinByLink(page: Page, name = ''): Promise<void> {
    await page.goto(`/j/${session.joinCode}`);
    if (name) await page.getByLabel('Je naam (mag leeg blijven)').fill(name);
    await page.getByRole('button', { name: 'Meedoen' }).click();
    await page.waitForURL(/\/s\/[a-z0-9]+\/phone$/);
    await page.getByRole('status').filter({ hasText: 'Alles is verstuurd' }).waitFor(VISIBLE);
  }

  it('joins by a typed code, forgiving case, spaces and dashes, and keeps the same person after a reload', async () => {
    onTestFailed(() => console.error(`${env.server().output()}\n${logs.join('\n')}`));
    const phone = await openPhone();
    await phone.goto('/join');
    await checkPage(phone, 'join');
    const typed = ` ${session.joinCode.toLowerCase().replace('-', ' - ')} `;
    await phone.getByLabel('Deelnamecode').fill(typed);
    await phone.getByRole('button', { name: 'Meedoen' }).click();
    await phone.waitForURL(`**/s/${session.id}/phone`);
    await phone.getByRole('heading', { name: 'Terugblik Gezond Dorp' }).waitFor(VISIBLE);
    const pid = await phone.evaluate((id) => localStorage.getItem(`kringen:participant:${id}`), session.id);
    await phone.reload();
    await phone.getByRole('heading', { name: 'Terugblik Gezond Dorp' }).waitFor(VISIBLE);
    expect(await phone.evaluate((id) => localStorage.getItem(`kringen:participant:${id}`), session.id)).toBe(
      pid,
    );
  });

  it('adds a ripple with every optional answer, after a preview, under the facilitator’s question', async () => {
    onTestFailed(() => console.error(`${env.server().output()}\n${logs.join('\n')}`));
    const phone = await openPhone();
    await joinByLink(phone, 'Fatima');
    await phone.getByText('Wat ging er minder goed?').waitFor(VISIBLE);
    await checkPage(phone, 'add');

    const text = 'Het inloopspreekuur werd minder goed bezocht in de zomer';
    await phone.getByLabel('Wat is er veranderd?').fill(text);
    await phone.getByRole('button', { name: 'Meer vertellen (hoeft niet)' }).click();
    await phone.getByRole('heading', { name: 'Wil je er iets bij vertellen?' }).waitFor(VISIBLE);
    await phone.getByLabel('Waar kwam het uit voort?').selectOption({ label: 'Er is een buurtkamer' });
    await phone.getByLabel('Wanneer was het?').selectOption({ label: 'juli 2025' });
    await phone.getByRole('group', { name: 'Was dit de bedoeling?' }).getByLabel('Nee').check();
    await phone
      .getByRole('group', { name: 'Was het goed of minder goed?' })
      .getByLabel('Minder goed')
      .check();
    await phone.getByLabel('Wie deden mee of merkten er iets van?').fill('ouderen in de wijk');
    await checkPage(phone, 'details');
    await phone.getByRole('button', { name: 'Bekijken' }).click();

    await phone.getByRole('heading', { name: 'Klopt dit?' }).waitFor(VISIBLE);
    for (const shown of [
      text,
      'Er is een buurtkamer',
      'juli 2025',
      'Nee',
      'Minder goed',
      'ouderen in de wijk',
    ])
      await phone.locator('.preview').getByText(shown, { exact: true }).waitFor(VISIBLE);
    await checkPage(phone, 'preview');
    expect(readRipples(board.doc).some((r) => r.text === text)).toBe(false);
    await phone.getByRole('button', { name: 'Versturen' }).click();

    await waitFor(() => readRipples(board.doc).some((r) => r.text === text), 5000, 'the ripple on the board');
    const cause = readRipples(board.doc).find((r) => r.text === 'Er is een buurtkamer');
    expect(readRipples(board.doc).find((r) => r.text === text)).toMatchObject({
      authorName: 'Fatima',
      status: 'pending',
      proposedCauses: [cause?.id],
      when: { kind: 'month', value: '2025-07' },
      intended: 'unintended',
      valence: 'negative',
      involved: 'ouderen in de wijk',
    });
    const own = phone.getByRole('region', { name: 'Jouw rimpelingen' }).getByRole('listitem');
    await own.filter({ hasText: text }).filter({ hasText: 'Wacht op de begeleider' }).waitFor(VISIBLE);

    // A phase instead of a month, and the project itself as the cause, the shortest way.
    const second = 'Er kwam een tweede buurtkamer';
    await phone.getByLabel('Wat is er veranderd?').fill(second);
    await phone.getByRole('button', { name: 'Meer vertellen (hoeft niet)' }).click();
    await phone
      .getByLabel('Waar kwam het uit voort?')
      .selectOption({ label: 'Het project zelf: Gezond Dorp' });
    await phone.getByLabel('Wanneer was het?').selectOption({ label: 'Uitvoering' });
    await phone.getByRole('button', { name: 'Bekijken' }).click();
    await phone.getByRole('button', { name: 'Versturen' }).click();
    await waitFor(() => readRipples(board.doc).some((r) => r.text === second), 5000, 'the second ripple');
    expect(readRipples(board.doc).find((r) => r.text === second)).toMatchObject({
      proposedCauses: [],
      when: { kind: 'phase', value: 'uitvoering' },
    });
    await phone.setViewportSize({ width: 320, height: 700 });
    await phone.evaluate(() => {
      document.documentElement.style.fontSize = '200%';
    });
    expect(await scrollsSideways(phone)).toBe(false);
    expect(await axe(phone)).toEqual([]);
    await phone.screenshot({ path: `${SHOTS}/phone-add-320-200pct.png`, fullPage: true });
  });

  it('votes with at most the set number of dots and moves one', async () => {
    onTestFailed(() => console.error(`${env.server().output()}\n${logs.join('\n')}`));
    const phone = await openPhone();
    await joinByLink(phone);
    await phone.getByRole('button', { name: 'Stemmen' }).click();
    await phone.getByText('Stemmen kan nu niet').waitFor(VISIBLE);

    updateMeta(board.doc, FACILITATOR, { votingOpen: true });
    await phone.getByText('Je hebt nog 2 van de 2 stippen.').waitFor(VISIBLE);
    const item = (text: string) => phone.getByRole('listitem').filter({ hasText: text });
    await item('Er is een buurtkamer').getByRole('button', { name: 'Stip zetten' }).click();
    await item('Buren helpen elkaar vaker').getByRole('button', { name: 'Stip zetten' }).click();
    await phone.getByText('Al je stippen staan').waitFor(VISIBLE);
    expect(await item('De huisarts verwijst').getByRole('button', { name: 'Stip zetten' }).isDisabled()).toBe(
      true,
    );
    await checkPage(phone, 'vote');

    const pid = await phone.evaluate(
      (id) =>
        (JSON.parse(localStorage.getItem(`kringen:participant:${id}`) ?? '{}') as { participantId: string })
          .participantId,
      session.id,
    );
    const mine = () => readVotes(board.doc).filter((v) => v.voterId === pid);
    const textOf = (rippleId: string) => readRipples(board.doc).find((r) => r.id === rippleId)?.text;
    await waitFor(() => mine().length === 2, 5000, 'two dots on the board');

    // Move a dot: take it off one ripple, put it on another.
    await item('Buren helpen elkaar vaker').getByRole('button', { name: 'Stip weghalen' }).click();
    await phone.getByText('Je hebt nog 1 van de 2 stippen.').waitFor(VISIBLE);
    await item('De huisarts verwijst').getByRole('button', { name: 'Stip zetten' }).click();
    await waitFor(
      () => mine().length === 2 && mine().some((v) => textOf(v.rippleId)?.startsWith('De huisarts')),
      5000,
      'the moved dot',
    );
    expect(
      mine()
        .map((v) => textOf(v.rippleId))
        .sort(),
    ).toEqual(['De huisarts verwijst naar de buurtkamer', 'Er is een buurtkamer']);
    updateMeta(board.doc, FACILITATOR, { votingOpen: false });
    await phone.getByText('Stemmen kan nu niet').waitFor(VISIBLE);
  });

  it('reads the map as a list grouped by order or theme, and as a zoomable picture', async () => {
    onTestFailed(() => console.error(`${env.server().output()}\n${logs.join('\n')}`));
    // One link, so the picture has a line (with its arrowhead) to draw.
    const idOf = (text: string) => readRipples(board.doc).find((r) => r.text === text)?.id ?? '';
    linkRipples(
      board.doc,
      FACILITATOR,
      idOf('Er is een buurtkamer'),
      idOf('De huisarts verwijst naar de buurtkamer'),
    );
    const phone = await openPhone();
    await joinByLink(phone);
    await phone.getByRole('button', { name: 'Kaart' }).click();
    await phone.getByRole('heading', { name: '1e orde' }).waitFor(VISIBLE);
    await phone.getByText('Buren helpen elkaar vaker').waitFor(VISIBLE);
    await checkPage(phone, 'map-list');
    await phone.getByLabel('Sorteren').selectOption('code');
    await phone.getByRole('heading', { name: /Nog geen thema/ }).waitFor(VISIBLE);
    await phone.getByRole('button', { name: 'Plaatje' }).click();
    await phone.getByRole('img', { name: /De kaart als plaatje/ }).waitFor(VISIBLE);
    // The picture starts whole (as wide as the phone), every line with its arrowhead.
    const picture = phone.locator('.map-picture__viewport');
    expect(await picture.evaluate((el) => el.scrollWidth <= el.clientWidth + 1)).toBe(true);
    const lines = phone.locator('.map-picture__links line');
    expect(await lines.count()).toBeGreaterThan(0);
    expect(
      await lines.evaluateAll((all) => all.every((l) => l.getAttribute('marker-end')?.startsWith('url(#'))),
    ).toBe(true);
    await phone.getByRole('button', { name: 'Groter' }).click();
    await checkPage(phone, 'map-picture');
  });

  it('works at 320 px wide with 200 % text on the join page', async () => {
    const phone = await openPhone(320);
    await phone.goto('/join');
    await phone.evaluate(() => {
      document.documentElement.style.fontSize = '200%';
    });
    expect(await scrollsSideways(phone)).toBe(false);
    expect(await axe(phone)).toEqual([]);
    await phone.screenshot({ path: `${SHOTS}/phone-join-320-200pct.png`, fullPage: true });
  });
});
