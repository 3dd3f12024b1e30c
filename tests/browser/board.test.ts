import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { addRipple } from '../../shared/doc/commands';
import { readLinks } from '../../shared/doc/read';
import { hasChromium } from '../helpers/chromium';
import type { TestClient } from '../helpers/yClient';
import { boardHarness } from './boardHarness';
import {
  card,
  centre,
  joinSession,
  participant,
  participantClient,
  type SeededSession,
  seed,
  VISIBLE,
} from './boardSeed';

/**
 * The facilitator's board (issue 4) in real Chromium against the real server: layouts
 * place seeded ripples where their data says, order follows links on a second screen, a
 * cycle is refused, and a phone ripple goes through the inbox onto the presenter view.
 */

describe.skipIf(!hasChromium)('the facilitator board', () => {
  const { seeded, open, logServerOnFailure, server } = boardHarness();
  let session: SeededSession;
  let client: TestClient;

  beforeAll(async () => {
    ({ session, client } = await seeded('Bordtest', (client) =>
      seed(
        client.doc,
        [
          { id: 'jan', text: 'Januari: buurtapp', when: { kind: 'month', value: '2024-01' } },
          { id: 'jun', text: 'Juni: koffieochtend', when: { kind: 'month', value: '2024-06' } },
          { id: 'nov', text: 'November: buurtmarkt', when: { kind: 'month', value: '2024-11' } },
          { id: 'undated', text: 'Zonder datum: wandelgroep' },
        ],
        [
          ['jan', 'jun'],
          ['jun', 'nov'],
        ],
        { spanStart: '2024-01', spanEnd: '2024-12' },
      ),
    ));
  });

  it('places ripples by date on the timeline and by order on the rings; links change order on a second screen; a cycle is refused', async () => {
    logServerOnFailure();
    const board = await open(session.boardUrl);
    await card(board, 'Januari: buurtapp').waitFor(VISIBLE);
    const second = await open(session.boardUrl);
    await card(second, 'Januari: buurtapp').waitFor(VISIBLE);

    // Timeline: x follows the date; the undated ripple waits in the tray, left of the axis.
    await board.getByRole('button', { name: 'Tijdlijn', exact: true }).click();
    await board.getByText(/Nog zonder datum/).waitFor(VISIBLE);
    await board.waitForTimeout(600);
    const jan = await centre(board, 'Januari: buurtapp');
    const jun = await centre(board, 'Juni: koffieochtend');
    const nov = await centre(board, 'November: buurtmarkt');
    const undated = await centre(board, 'Zonder datum: wandelgroep');
    expect(jan.x).toBeLessThan(jun.x);
    expect(jun.x).toBeLessThan(nov.x);
    // Months are evenly spaced: June sits 5/10 of the way from January to November.
    expect((jun.x - jan.x) / (nov.x - jan.x)).toBeCloseTo(0.5, 1);
    expect(undated.x).toBeLessThan(jan.x);
    // The layout is shared: the second screen switched too.
    await second.getByText(/Nog zonder datum/).waitFor(VISIBLE);

    // Rings: radius follows the order (1st < 2nd < 3rd).
    await board.getByRole('button', { name: 'Kringen', exact: true }).click();
    await board.waitForTimeout(600);
    const centreOf = await board.locator('.backdrop--rings .centre').boundingBox();
    if (!centreOf) throw new Error('no ring centre');
    const mid = { x: centreOf.x + centreOf.width / 2, y: centreOf.y + centreOf.height / 2 };
    const radius = async (t: string) => {
      const c = await centre(board, t);
      return Math.hypot(c.x - mid.x, c.y - mid.y);
    };
    const [r1, r2, r3] = [
      await radius('Januari: buurtapp'),
      await radius('Juni: koffieochtend'),
      await radius('November: buurtmarkt'),
    ];
    expect(r1).toBeLessThan(r2);
    expect(r2).toBeLessThan(r3);

    // Linking the undated ripple after November makes it 4th order, on the other facilitator's screen too.
    await card(second, 'Zonder datum: wandelgroep').waitFor(VISIBLE);
    expect(
      await second.getByRole('group', { name: 'Rimpeling, 1e orde: Zonder datum: wandelgroep' }).count(),
    ).toBe(1);
    await card(board, 'November: buurtmarkt').dblclick();
    await board.getByLabel('Dit leidde tot').selectOption({ label: 'Zonder datum: wandelgroep' });
    await board.getByRole('button', { name: 'Verbinden', exact: true }).click();
    await second
      .getByRole('group', { name: 'Rimpeling, 4e orde: Zonder datum: wandelgroep' })
      .waitFor(VISIBLE);

    // A link back to January would close a loop: refused with a message.
    await card(board, 'Zonder datum: wandelgroep').dblclick();
    await board.getByLabel('Dit leidde tot').selectOption({ label: 'Januari: buurtapp' });
    await board.getByRole('button', { name: 'Verbinden', exact: true }).click();
    await board.getByText(/Die verbinding kan niet/).waitFor(VISIBLE);
    expect(await board.getByRole('group', { name: 'Rimpeling, 1e orde: Januari: buurtapp' }).count()).toBe(1);
  });

  it('a drag from card to card links them; a click on a line chooses it and Delete removes it, on every screen', async () => {
    logServerOnFailure();
    const board = await open(session.boardUrl);
    const second = await open(session.boardUrl);
    await card(board, 'November: buurtmarkt').waitFor(VISIBLE);
    await card(second, 'November: buurtmarkt').waitFor(VISIBLE);
    const drawn = (page: Page) => page.locator('.links .link').count();

    // Dragging from June's right handle onto the undated ripple's left one links them.
    const before = readLinks(client.doc).length;
    // On the free map: the rings are fitted whole (names and all), which at 1280 px draws
    // four cards below reading zoom, without handles.
    await board.getByRole('button', { name: 'Vrij', exact: true }).click();
    await board.locator('.map-card[data-id="jun"] .map-card__handle--source').waitFor(VISIBLE);
    await board.waitForTimeout(500);
    const from = await board.locator('.map-card[data-id="jun"] .map-card__handle--source').boundingBox();
    const to = await board.locator('.map-card[data-id="undated"] .map-card__handle--target').boundingBox();
    if (!from || !to) throw new Error('no handles to drag between');
    // The dot is small: a press up to 30 map units inside the card, left of it, still
    // starts a line (24 units here; the handle is 16 units wide, so its width gives the zoom).
    const zoom = from.width / 16;
    const nearDot = await board.evaluate(
      ([x, y]) =>
        document.elementFromPoint(x as number, y as number)?.classList.contains('map-card__handle--source'),
      [from.x + from.width / 2 - 24 * zoom, from.y + from.height / 2],
    );
    expect(nearDot).toBe(true);
    await board.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
    await board.mouse.down();
    await board.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 12 });
    // On the way: a dashed line follows the pointer and the card it would end on is marked.
    expect(await board.locator('.links--draft path').count()).toBe(1);
    expect(await board.locator('.map-card--link-target').getAttribute('data-id')).toBe('undated');
    await board.mouse.up();
    expect(await board.locator('.links--draft').count()).toBe(0);
    await expect
      .poll(() => readLinks(client.doc).some((link) => link.from === 'jun' && link.to === 'undated'), {
        timeout: 5000,
      })
      .toBe(true);
    const links = readLinks(client.doc);
    expect(links.length).toBe(before + 1);
    await board.waitForFunction((n) => document.querySelectorAll('.links .link').length === n, links.length);
    const junToNov = links.find((link) => link.from === 'jun' && link.to === 'nov');
    if (!junToNov) throw new Error('the seeded link June → November is missing');

    // A point of the line that no card covers, in screen coordinates.
    const point = await board.evaluate((id) => {
      const hit = document.querySelector(`.links [data-link="${id}"]`) as SVGPathElement | null;
      const matrix = hit?.getScreenCTM();
      if (!hit || !matrix) return null;
      const length = hit.getTotalLength();
      for (let step = 1; step < 40; step++) {
        const p = hit.getPointAtLength((length * step) / 40).matrixTransform(matrix);
        if (document.elementFromPoint(p.x, p.y) === hit) return { x: p.x, y: p.y };
      }
      return null;
    }, junToNov.id);
    if (!point) throw new Error('no free point on the line June → November');
    await board.mouse.click(point.x, point.y);
    // Attached, not "visible": a line straight down (one card above the other) has an empty-width box.
    await board
      .locator(`.link--selected[data-link-id="${junToNov.id}"]`)
      .waitFor({ state: 'attached', timeout: 10_000 });
    await board.keyboard.press('Delete');

    // November lost its cause: first order now, on the other screen too; one line fewer.
    await second.getByRole('group', { name: 'Rimpeling, 1e orde: November: buurtmarkt' }).waitFor(VISIBLE);
    expect(readLinks(client.doc).some((link) => link.id === junToNov.id)).toBe(false);
    await board.waitForFunction(
      (n) => document.querySelectorAll('.links .link').length === n,
      links.length - 1,
    );
    expect(await drawn(second)).toBe(links.length - 1);
  });

  it('a phone ripple waits in the inbox, is accepted and shows on the presenter, which follows the leading facilitator', async () => {
    logServerOnFailure();
    const board = await open(session.boardUrl);
    const presenter = await open(session.presenterUrl, { width: 1920, height: 1080 });
    await presenter.getByText(session.joinCode).waitFor(VISIBLE);
    await presenter.getByRole('img', { name: 'QR-code om mee te doen' }).waitFor(VISIBLE);

    // A phone joins and sends a ripple (a stock y-websocket client, as the phone page uses).
    const joined = await joinSession(server().baseUrl, session.joinCode, 'Fatima');
    const phone = participantClient(server().baseUrl, session.id, joined);
    await phone.synced;
    phone.provider.awareness.setLocalStateField('user', { name: 'Fatima', role: 'participant' });
    const text = 'Ouderen komen vaker naar buiten';
    addRipple(phone.doc, participant(joined), { text, authorName: 'Fatima' });

    await presenter.getByText('1 deelnemer verbonden').waitFor(VISIBLE);
    const accept = board.getByRole('button', { name: 'Op de kaart', description: text });
    await accept.waitFor(VISIBLE);
    expect(await card(presenter, text).count()).toBe(0);
    await accept.click();
    await card(presenter, text).waitFor(VISIBLE);

    // Everyone follows me: the presenter's view moves with the facilitator's.
    await board.getByRole('button', { name: 'Iedereen volgt mij' }).click();
    const before = await centre(presenter, text);
    await board.getByRole('button', { name: 'Uitzoomen' }).click();
    await board.getByRole('button', { name: 'Uitzoomen' }).click();
    await presenter.waitForFunction(
      ([id, x, y]) => {
        const el = document.querySelector(`.map-card[data-id="${id}"]`);
        const box = el?.getBoundingClientRect();
        return !!box && Math.abs(box.x + box.width / 2 - x) + Math.abs(box.y + box.height / 2 - y) > 20;
      },
      [await card(board, text).getAttribute('data-id'), before.x, before.y] as const,
      { timeout: 5000 },
    );
    phone.destroy();
  });
});
