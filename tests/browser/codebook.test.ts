import { describe, expect, it, onTestFailed } from 'vitest';
import { readRipple } from '../../shared/doc/read';
import { hasChromium } from '../helpers/chromium';
import { waitFor } from '../helpers/yClient';
import { boardMenuAction, createSession, facilitatorClient, seed } from './boardSeed';
import { serverAndChromium } from './serverAndChromium';

/**
 * A facilitator picks a built-in codebook, or makes an own version whose keywords drive the
 * suggestions: the server re-suggests codes for unconfirmed ripples as soon as it is saved.
 */
describe.skipIf(!hasChromium)('the session codebook', () => {
  const env = serverAndChromium();

  it('switches to a built-in codebook and to an own version with own keywords', async () => {
    onTestFailed(() => console.error(`--- server output ---\n${env.server().output()}`));
    const session = await createSession(env.server().baseUrl, 'Codeboek');
    const client = await facilitatorClient(env.server().baseUrl, session);
    seed(client.doc, [{ id: 'r1', text: 'De koffie was weer lekker sterk' }]);
    const context = await env.browser().newContext({
      viewport: { width: 1440, height: 900 },
      baseURL: env.server().baseUrl,
    });
    const page = await context.newPage();
    await page.goto(session.boardUrl);

    await boardMenuAction(page, 'Codeboek');
    const choose = page.getByLabel('Codeboek van deze sessie');
    await choose.selectOption('community-capitals');
    await waitFor(
      () => client.doc.getMap('meta').get('codebook') === 'community-capitals',
      5000,
      'the codebook',
    );

    await choose.selectOption('working-elements');
    await page.getByRole('button', { name: 'Maak een eigen versie om aan te passen' }).click();
    await page.getByRole('button', { name: 'Code toevoegen' }).click();
    const names = page.getByLabel('Naam (Nederlands)');
    await names.last().fill('Koffie');
    await page.getByLabel('Trefwoorden (Nederlands)').last().fill('koffie, thee');
    await page.getByRole('button', { name: 'Codeboek opslaan' }).click();
    await page.getByText('Het codeboek is opgeslagen').waitFor({ timeout: 10_000 });
    // The server suggests the new code for the coffee ripple, from its keyword.
    await waitFor(
      () => readRipple(client.doc, 'r1')?.suggestedCode === 'koffie',
      10_000,
      'the new suggestion',
    );
    expect(client.doc.getMap('meta').get('codebook')).toBe('eigen-1');

    // A broken codebook is refused with the field named, and nothing is stored.
    await names.first().fill('');
    await page.getByRole('button', { name: 'Codeboek opslaan' }).click();
    await page.getByText(/Dit codeboek klopt nog niet: codes\[0\]\.label\.nl/).waitFor({ timeout: 5000 });
    client.destroy();
    await context.close();
  }, 60_000);
});
