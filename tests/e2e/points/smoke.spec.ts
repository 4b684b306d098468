import { expect, test } from '@playwright/test';
import { adminContext, API, makeCard } from './service.ts';

test('the service is up with a catalogue, and staff cookies stick on http://127.0.0.1', async ({
  browser,
  baseURL,
}) => {
  const admin = await adminContext(browser, baseURL!);
  const me = await admin.request.get(`${API}/staff/me`);
  expect(me.status()).toBe(200);
  const card = await makeCard(admin.request, 40);
  const summary = await admin.request.get(`${API}/cards/${card.number}`);
  expect(await summary.json()).toMatchObject({ balance: 40 });
});
