// A reader's first visit to the sample publisher, in headless Chromium: open a channel (the demo
// faucet deposits), read two paid articles, re-read the first for free, and find both payments on
// the publisher's dashboard after logging in with --dashboard-password. Screenshots of the article
// page and the dashboard go to --out.
// The last line printed is a JSON summary the Java test checks against the gateway and the chain.
//   node reader-journey.mjs --site http://127.0.0.1:3000 --out DIR --dashboard-password P
//                           [--chromium /usr/bin/chromium]
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import path from 'node:path';

const args = Object.fromEntries(
  process.argv.slice(2).reduce((pairs, arg, i, all) => {
    if (arg.startsWith('--')) pairs.push([arg.slice(2), all[i + 1]]);
    return pairs;
  }, []),
);
const site = args.site;
const out = args.out;
const executablePath = args.chromium ?? '/usr/bin/chromium';
const dashboardPassword = args['dashboard-password'];
if (!site || !out || !dashboardPassword) {
  console.error('usage: reader-journey.mjs --site URL --out DIR --dashboard-password P [--chromium PATH]');
  process.exit(2);
}
mkdirSync(out, { recursive: true });

const STEP_TIMEOUT = 30_000;
const DEPOSIT_TIMEOUT = 120_000;

function check(condition, message) {
  if (!condition) throw new Error(message);
}

const browser = await chromium.launch({
  executablePath,
  headless: true,
  args: ['--no-sandbox', '--disable-background-networking', '--disable-dev-shm-usage'],
});
const pageErrors = [];
let page;
try {
  const context = await browser.newContext({ viewport: { width: 1200, height: 820 } });
  page = await context.newPage();
  page.setDefaultTimeout(STEP_TIMEOUT);
  page.on('pageerror', (e) => pageErrors.push(String(e)));
  const settlements = [];
  page.on('response', async (response) => {
    const header = response.headers()['payment-response'];
    if (header && response.url().includes('/content')) {
      settlements.push(JSON.parse(Buffer.from(header, 'base64').toString('utf8')));
    }
  });

  const balance = async () =>
    BigInt(await page.locator('#balance').getAttribute('data-base-units'));
  const awaitBalance = async (expected) => {
    await page.waitForFunction(
      (want) => document.querySelector('#balance')?.getAttribute('data-base-units') === want,
      expected.toString(),
    );
  };

  // 1. The front page lists priced articles.
  await page.goto(site + '/');
  const articles = page.locator('#articles li.article');
  check((await articles.count()) >= 2, 'the front page lists fewer than two articles');
  const picks = [];
  for (let i = 0; i < 2; i++) {
    const item = articles.nth(i);
    picks.push({
      slug: await item.getAttribute('data-slug'),
      price: BigInt(await item.locator('.price').getAttribute('data-amount')),
    });
  }

  // 2. Open a channel: setup, the faucet's deposit, and the deposit update once confirmed.
  await page.locator('#wallet-status[data-state="no-channel"]').waitFor();
  await page.locator('#open-channel').click();
  await page.locator('#wallet-status[data-state="ready"]').waitFor({ timeout: DEPOSIT_TIMEOUT });
  const channelAddress = (await page.locator('#channel-address').innerText()).trim();
  const opened = await balance();
  check(opened > 0n, 'the opened channel shows no balance');

  // 3. Read two paid articles.
  let expected = opened;
  for (const [i, pick] of picks.entries()) {
    await page.goto(`${site}/articles/${pick.slug}`);
    await page.locator('#paywall[data-state="required"]').waitFor();
    const asked = BigInt(await page.locator('#pay-button').getAttribute('data-amount'));
    check(asked === pick.price, `article ${pick.slug} asks ${asked}, the front page said ${pick.price}`);
    await page.locator('#pay-button').click();
    await page.locator('#paywall[data-state="paid"]').waitFor();
    check((await page.locator('#article-body').innerText()).trim().length > 20, 'no article text');
    expected -= pick.price;
    await awaitBalance(expected);
    if (i === 0) await page.screenshot({ path: path.join(out, 'article.png'), fullPage: true });
  }

  // 4. Re-read the first: served on its receipt, nothing paid.
  const paymentsBefore = settlements.length;
  await page.goto(`${site}/articles/${picks[0].slug}`);
  await page.locator('#paywall[data-state="reread"]').waitFor();
  check((await page.locator('#article-body').innerText()).trim().length > 20, 'no re-read text');
  await awaitBalance(expected);
  check(settlements.length === paymentsBefore, 're-reading made a payment');
  const after = await balance();

  // 5. The dashboard shows both payments.
  const transfers = settlements.map((s) => s.transaction);
  check(transfers.length === 2, `expected 2 settlements, saw ${transfers.length}`);
  // The dashboard is the publisher's: without a session it sends the browser to the login form.
  await page.goto(site + '/dashboard');
  await page.waitForURL(site + '/dashboard/login');
  await page.locator('#password').fill(dashboardPassword);
  await page.locator('#login-submit').click();
  await page.waitForURL(site + '/dashboard');
  for (const transfer of transfers) {
    await page.locator(`#payments tbody tr[data-transfer-id="${transfer}"]`).waitFor();
  }
  await page.locator(`#channels tbody tr[data-channel-address="${channelAddress}"]`).waitFor();
  await page.locator('#revenue-chart[data-state="ok"]').waitFor();
  await page.screenshot({ path: path.join(out, 'dashboard.png'), fullPage: true });
  const dashboardRows = await page.locator('#payments tbody tr').count();

  check(pageErrors.length === 0, 'errors in the page: ' + pageErrors.join('; '));
  console.log(
    JSON.stringify({
      channelAddress,
      opened: opened.toString(),
      after: after.toString(),
      prices: picks.map((p) => p.price.toString()),
      slugs: picks.map((p) => p.slug),
      transfers,
      dashboardRows,
    }),
  );
} catch (e) {
  console.error('reader journey failed: ' + (e.stack ?? e));
  if (page) {
    await page.screenshot({ path: path.join(out, 'failure.png'), fullPage: true }).catch(() => {});
    console.error('page at failure: ' + page.url() + ' (screenshot: failure.png)');
  }
  if (pageErrors.length) console.error('page errors: ' + pageErrors.join('; '));
  process.exitCode = 1;
} finally {
  await browser.close();
}
