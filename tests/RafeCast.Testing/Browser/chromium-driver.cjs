// Drives Debian's Chromium (never a downloaded browser) through playwright-core for the C# tests.
// Usage: node chromium-driver.cjs PLAYWRIGHT_CORE_DIR CHROMIUM_PATH USER_DATA_DIR
// Reads one JSON command per line on stdin, answers one JSON line per command on stdout:
//   {"id":1,"op":"goto","url":"http://127.0.0.1:8080/","timeoutMs":10000}
//   {"id":2,"op":"evaluate","expression":"document.title"}
//   {"id":3,"op":"waitFor","expression":"document.querySelector('video').currentTime > 1","timeoutMs":15000}
//   {"id":4,"op":"screenshot","path":"/tmp/page.png"}
//   {"id":5,"op":"viewport","width":390,"height":844}
//   {"id":6,"op":"close"}
// -> {"id":1,"ok":true,"value":...} or {"id":1,"ok":false,"error":"..."}
// Page console messages and errors arrive as {"event":"console"|"pageerror"|"requestfailed",...};
// {"event":"ready"} comes once the browser runs.
'use strict';
const readline = require('node:readline');
const path = require('node:path');

const [playwrightDir, executablePath, userDataDir] = process.argv.slice(2);
if (!playwrightDir || !executablePath || !userDataDir) {
  process.stderr.write('usage: node chromium-driver.cjs PLAYWRIGHT_CORE_DIR CHROMIUM_PATH USER_DATA_DIR\n');
  process.exit(2);
}
const { chromium } = require(path.resolve(playwrightDir));
const send = message => process.stdout.write(JSON.stringify(message) + '\n');

(async () => {
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--mute-audio',
      '--autoplay-policy=no-user-gesture-required',
    ],
    viewport: { width: 1280, height: 800 },
  });
  const page = context.pages()[0] || await context.newPage();
  page.on('console', m => send({ event: 'console', type: m.type(), text: m.text() }));
  page.on('pageerror', e => send({ event: 'pageerror', text: String(e && e.stack || e) }));
  page.on('requestfailed', r => send({ event: 'requestfailed', url: r.url(), text: r.failure() ? r.failure().errorText : '' }));
  send({ event: 'ready', version: context.browser() ? context.browser().version() : 'persistent' });

  const lines = readline.createInterface({ input: process.stdin });
  let closing = false;
  const close = async () => {
    if (closing) return;
    closing = true;
    await context.close().catch(() => {});
    process.exit(0);
  };
  for await (const line of lines) {
    if (!line.trim()) continue;
    let command;
    try {
      command = JSON.parse(line);
    } catch (e) {
      send({ id: null, ok: false, error: `not JSON: ${line}` });
      continue;
    }
    const { id, op } = command;
    try {
      let value = null;
      switch (op) {
        case 'goto': {
          const response = await page.goto(command.url, { timeout: command.timeoutMs || 15000, waitUntil: 'load' });
          value = { status: response ? response.status() : null };
          break;
        }
        case 'evaluate':
          value = await page.evaluate(command.expression);
          break;
        case 'waitFor':
          await page.waitForFunction(command.expression, null, { timeout: command.timeoutMs || 15000, polling: 100 });
          value = true;
          break;
        case 'viewport':
          await page.setViewportSize({ width: command.width, height: command.height });
          value = { width: command.width, height: command.height };
          break;
        case 'screenshot':
          await page.screenshot({ path: command.path, fullPage: true });
          value = command.path;
          break;
        case 'close':
          send({ id, ok: true, value: null });
          await close();
          return;
        default:
          throw new Error(`unknown op '${op}' (goto, evaluate, waitFor, viewport, screenshot, close)`);
      }
      send({ id, ok: true, value: value === undefined ? null : value });
    } catch (e) {
      send({ id, ok: false, error: String(e && e.message || e) });
    }
  }
  // stdin closed: the test process went away.
  await close();
})().catch(e => {
  process.stderr.write(`chromium-driver: ${e && e.stack || e}\n`);
  process.exit(1);
});
