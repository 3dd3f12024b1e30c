import type { Page } from 'playwright-core';
import * as Y from 'yjs';
import { addRipple, linkRipples, type RippleInput, updateMeta } from '../../shared/doc/commands';
import type { Actor } from '../../shared/model/ripple';
import { boss } from '../helpers/people';
import { postJson } from '../helpers/serverProcess';
import { connectClient, type TestClient } from '../helpers/yClient';

/** A session made through the API, as the home page makes it. */
export interface SeededSession {
  id: string;
  facilitatorKey: string;
  viewerKey: string;
  joinCode: string;
  boardUrl: string;
  presenterUrl: string;
}

/** The facilitator of the seeded sessions (the shared/ tests' `boss`). */
export const FACILITATOR: Actor = boss;

/** A participant as the server made it on joining: the identity a phone connects with. */
export interface JoinedPhone {
  participantId: string;
  secret: string;
  name: string;
}

/** Creates a session through the API, as the home page does; `programme` null sends none. */
export async function createSession(
  baseUrl: string,
  title: string,
  programme: string | null = 'Samen Gezond Dorp',
): Promise<SeededSession> {
  const response = await fetch(`${baseUrl}/api/sessions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(programme === null ? { title } : { title, programme }),
  });
  if (!response.ok) throw new Error(`creating a session failed: ${response.status}`);
  const body = (await response.json()) as SeededSession;
  const path = (url: string) => {
    const u = new URL(url);
    return `${u.pathname}${u.hash}`;
  };
  return { ...body, boardUrl: path(body.boardUrl), presenterUrl: path(body.presenterUrl) };
}

/** A stock y-websocket client with the facilitator key, synced. */
export async function facilitatorClient(baseUrl: string, session: SeededSession): Promise<TestClient> {
  const client = connectClient(`${baseUrl.replace('http', 'ws')}/ws`, session.id, {
    key: session.facilitatorKey,
  });
  await client.synced;
  return client;
}

/** Joins a session through the API, as the join page does, under `name` if given. */
export async function joinSession(baseUrl: string, joinCode: string, name?: string): Promise<JoinedPhone> {
  const body = name === undefined ? { code: joinCode } : { code: joinCode, name };
  return (await postJson(baseUrl, '/api/join', body)) as unknown as JoinedPhone;
}

/** A stock y-websocket client with a joined participant's identity, as the phone page uses it (not yet synced). */
export function participantClient(baseUrl: string, sessionId: string, joined: JoinedPhone): TestClient {
  return connectClient(`${baseUrl.replace('http', 'ws')}/ws`, sessionId, {
    pid: joined.participantId,
    secret: joined.secret,
  });
}

/** The participant `joined` as an actor of the document's commands. */
export const participant = (joined: JoinedPhone): Actor => ({
  role: 'participant',
  id: joined.participantId,
});

/** Adds ripples (as the facilitator) and links them, in one go per call. */
export function seed(
  doc: Y.Doc,
  ripples: (RippleInput & { id: string })[],
  links: [string, string][] = [],
  meta: Parameters<typeof updateMeta>[2] = {},
): void {
  if (Object.keys(meta).length > 0) updateMeta(doc, FACILITATOR, meta);
  for (const { id, ...input } of ripples) {
    const result = addRipple(doc, FACILITATOR, input, { id });
    if (!result.ok) throw new Error(`seeding ${id}: ${JSON.stringify(result.error)}`);
  }
  for (const [from, to] of links) linkRipples(doc, FACILITATOR, from, to);
}

export { Y };

/** How long the board tests wait for an element to appear. */
export const VISIBLE = { state: 'visible', timeout: 10_000 } as const;

/** How long tests of heavier pages (big maps, exports, a phone back from offline) wait for an element. */
export const VISIBLE_SLOW = { state: 'visible', timeout: 15_000 } as const;

/** Where the browser tests leave screenshots to look at by eye. */
export const SHOTS = '/tmp/kringen-shots';

/** The connection status once a page is connected to the server. */
export const connected = (page: Page) => page.getByRole('status').filter({ hasText: /^Verbonden$/ });

/** A ripple's card on the board, found by its accessible name as a screen reader hears it. */
export const card = (page: Page, text: string) =>
  page.getByRole('group', { name: new RegExp(`Rimpeling, .*: ${text}$`) });

/** The middle of a ripple's card, in page coordinates. */
export async function centre(page: Page, text: string) {
  const box = await card(page, text).boundingBox();
  if (!box) throw new Error(`no card for ${text}`);
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/** Chooses one of the board's less frequent actions, which sit behind "Meer" / "More" (BoardMenu.tsx). */
export async function boardMenuAction(page: Page, name: string | RegExp): Promise<void> {
  await page.getByRole('button', { name: /^(Meer|More)$/ }).click();
  await page.getByRole('button', { name, exact: typeof name === 'string' }).click();
}
