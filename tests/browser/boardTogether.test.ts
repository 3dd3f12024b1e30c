import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { editRipple } from '../../shared/doc/commands';
import { readMeta } from '../../shared/doc/read';
import { sessionCodebook } from '../../shared/doc/sessionCodebook';
import { ringsLayout } from '../../shared/layouts';
import { hasChromium } from '../helpers/chromium';
import type { TestClient } from '../helpers/yClient';
import { boardHarness } from './boardHarness';
import { card, centre, FACILITATOR, seed, VISIBLE } from './boardSeed';

/**
 * Two facilitators on one map, and the map on a projector (issue 4, "Done when"): undo
 * reverts only the undoer's change, the rings put a ripple in its code's sector, a second
 * facilitator board follows the leader with a way out, and projector type is readable from
 * the back of a room.
 */

describe.skipIf(!hasChromium)('two facilitators and a projector', () => {
  const harness = boardHarness();
  const { open, logServerOnFailure } = harness;
  const seeded = async (title: string, build: (client: TestClient) => void) =>
    (await harness.seeded(title, build)).session;

  async function editText(page: Page, from: string, to: string) {
    await card(page, from).dblclick();
    const field = page.getByLabel('Wat is er veranderd?');
    await field.fill(to);
    await page.getByRole('button', { name: 'Opslaan', exact: true }).click();
  }

  it("undo on one board reverts only that facilitator's change, on both screens", async () => {
    logServerOnFailure();
    const session = await seeded('Samen ongedaan', (client) =>
      seed(client.doc, [
        { id: 'x', text: 'Kaart X zoals eerst' },
        { id: 'y', text: 'Kaart Y zoals eerst' },
      ]),
    );
    const a = await open(session.boardUrl);
    const b = await open(session.boardUrl);
    await card(a, 'Kaart X zoals eerst').waitFor(VISIBLE);
    await card(b, 'Kaart Y zoals eerst').waitFor(VISIBLE);

    await editText(a, 'Kaart X zoals eerst', 'Kaart X door A');
    await card(b, 'Kaart X door A').waitFor(VISIBLE);
    await editText(b, 'Kaart Y zoals eerst', 'Kaart Y door B');
    await card(a, 'Kaart Y door B').waitFor(VISIBLE);

    await a.getByRole('button', { name: 'Ongedaan maken' }).click();
    for (const page of [a, b]) {
      await card(page, 'Kaart X zoals eerst').waitFor(VISIBLE);
      expect(await card(page, 'Kaart X door A').count()).toBe(0);
      expect(await card(page, 'Kaart Y door B').count()).toBe(1);
      expect(await card(page, 'Kaart Y zoals eerst').count()).toBe(0);
    }
  });

  it("places ripples in their confirmed code's sector of the rings", async () => {
    logServerOnFailure();
    let sectors: ReturnType<typeof ringsLayout>['sectors'] = [];
    const byCode: Record<string, string[]> = {};
    const session = await seeded('Sectoren', (client) => {
      const codeIds = sessionCodebook(readMeta(client.doc)).codes.map((c) => c.id);
      const [first, second] = codeIds as [string, string];
      const ripples = [
        ...[1, 2, 3].map((i) => ({ id: `a${i}`, text: `Sector een ${i}`, code: first })),
        ...[1, 2, 3].map((i) => ({ id: `b${i}`, text: `Sector twee ${i}`, code: second })),
        ...[1, 2].map((i) => ({ id: `n${i}`, text: `Zonder code ${i}`, code: null })),
      ];
      seed(
        client.doc,
        ripples.map(({ id, text }) => ({ id, text })),
        [],
        { layout: 'rings' },
      );
      for (const r of ripples) if (r.code) editRipple(client.doc, FACILITATOR, r.id, { code: r.code });
      for (const r of ripples) {
        const code = r.code ?? 'none';
        byCode[code] = [...(byCode[code] ?? []), r.text];
      }
      // Where the layout says each code's sector is (all first order, no links).
      sectors = ringsLayout(
        ripples.map((r) => ({
          ...r,
          when: null,
          order: 1,
          intended: 'unknown',
          kind: 'effect',
          position: null,
        })),
        codeIds,
      ).sectors;
    });
    const board = await open(session.boardUrl, { width: 1920, height: 1080 });
    await card(board, 'Sector een 1').waitFor(VISIBLE);
    await board.locator('.backdrop--rings .centre').waitFor(VISIBLE);
    await board.waitForTimeout(600);
    const disc = await board.locator('.backdrop--rings .centre').boundingBox();
    if (!disc) throw new Error('no ring centre');
    const mid = { x: disc.x + disc.width / 2, y: disc.y + disc.height / 2 };
    // Radians clockwise from 12 o'clock, as the layout counts them.
    const angleOf = async (text: string) => {
      const c = await centre(board, text);
      const a = Math.atan2(c.x - mid.x, -(c.y - mid.y));
      return a < 0 ? a + 2 * Math.PI : a;
    };
    expect(Object.keys(byCode)).toHaveLength(3);
    for (const [code, texts] of Object.entries(byCode)) {
      const sector = sectors.find((s) => s.code === code);
      if (!sector) throw new Error(`no sector for ${code}`);
      for (const text of texts) {
        const angle = await angleOf(text);
        expect(angle, `${text} in sector ${code}`).toBeGreaterThanOrEqual(sector.start);
        expect(angle, `${text} in sector ${code}`).toBeLessThanOrEqual(sector.end);
      }
    }
  });

  it("a second facilitator board follows the leader's view and can stop following", async () => {
    logServerOnFailure();
    const session = await seeded('Volgen', (client) =>
      seed(
        client.doc,
        Array.from({ length: 6 }, (_, i) => ({ id: `f${i}`, text: `Volgkaart ${i}` })),
      ),
    );
    const leader = await open(session.boardUrl);
    const follower = await open(session.boardUrl);
    await card(leader, 'Volgkaart 0').waitFor(VISIBLE);
    await card(follower, 'Volgkaart 0').waitFor(VISIBLE);
    await follower.waitForTimeout(500);

    const moved = async (from: { x: number; y: number }) =>
      follower.waitForFunction(
        ([x, y]) => {
          const box = document.querySelector('.map-card[data-id="f0"]')?.getBoundingClientRect();
          return !!box && Math.abs(box.x + box.width / 2 - x) + Math.abs(box.y + box.height / 2 - y) > 20;
        },
        [from.x, from.y] as const,
        { timeout: 5000 },
      );

    await leader.getByRole('button', { name: 'Iedereen volgt mij' }).click();
    const before = await centre(follower, 'Volgkaart 0');
    await leader.getByRole('button', { name: 'Uitzoomen' }).click();
    await leader.getByRole('button', { name: 'Uitzoomen' }).click();
    await moved(before);

    // The way out: visible on the follower, and after it the leader no longer moves this view.
    const wayOut = follower.getByRole('button', { name: 'Zelf rondkijken' });
    await wayOut.waitFor(VISIBLE);
    await wayOut.click();
    await follower.getByRole('button', { name: 'Volg de begeleider' }).waitFor(VISIBLE);
    await follower.waitForTimeout(400);
    const own = await centre(follower, 'Volgkaart 0');
    await leader.getByRole('button', { name: 'Inzoomen' }).click();
    await leader.getByRole('button', { name: 'Inzoomen' }).click();
    await leader.getByRole('button', { name: 'Inzoomen' }).click();
    await follower.waitForTimeout(1000);
    const after = await centre(follower, 'Volgkaart 0');
    expect(Math.abs(after.x - own.x) + Math.abs(after.y - own.y)).toBeLessThan(2);
  });

  it('in projector mode at 1920×1080, card text after fit-to-content is at least 24 px', async () => {
    logServerOnFailure();
    const session = await seeded('Achter in de zaal', (client) =>
      seed(
        client.doc,
        Array.from({ length: 20 }, (_, i) => ({
          id: `p${i}`,
          text: `Projectorkaart ${i}: buren helpen elkaar`,
        })),
      ),
    );
    const board = await open(session.boardUrl, { width: 1920, height: 1080 });
    await card(board, 'Projectorkaart 0: buren helpen elkaar').waitFor(VISIBLE);
    await board.keyboard.press('p');
    await board.locator('.board--projector').waitFor(VISIBLE);
    await board.getByRole('button', { name: 'Alles in beeld' }).click({ force: true });
    await board.waitForTimeout(800);
    const sizes = (await board.evaluate(`(() => {
      const viewport = document.querySelector('.react-flow__viewport');
      const scale = new DOMMatrixReadOnly(getComputedStyle(viewport).transform).a;
      return [...document.querySelectorAll('.ripple-card__text')].map((p) => {
        const rendered = parseFloat(getComputedStyle(p).fontSize) * scale;
        const box = p.getBoundingClientRect();
        const onScreen = box.bottom > 0 && box.top < innerHeight && box.right > 0 && box.left < innerWidth;
        return { rendered, onScreen };
      });
    })()`)) as { rendered: number; onScreen: boolean }[];
    expect(sizes).toHaveLength(20);
    expect(sizes.filter((s) => s.onScreen).length).toBeGreaterThan(0);
    for (const { rendered } of sizes) expect(rendered).toBeGreaterThanOrEqual(24);
  });
});
