// A real browser (Debian's Chromium, headless, driven by playwright-core): a page served from another origin
// lists conversations and receives live changes through the TypeScript client, with and without a signing key;
// without the page's origin in the allow-list it cannot call the API at all.
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { createServer } from "node:http";
import { dirname, join, normalize, resolve } from "node:path";
import { after, before, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { Gateway, freePort, token } from "./gateway.mjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const chromiumPath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** A tiny static server for the page and the built client, on its own loopback port (its own origin). */
async function startPageServer() {
  const port = await freePort();
  const types = { ".html": "text/html", ".js": "text/javascript", ".map": "application/json" };
  const server = createServer(async (request, response) => {
    const path = new URL(request.url, "http://x").pathname;
    const file = path === "/" ? join(root, "test/page/index.html") : normalize(join(root, path));
    if (!file.startsWith(join(root, "dist")) && !file.endsWith("index.html")) {
      response.writeHead(404).end();
      return;
    }
    try {
      const body = await readFile(file);
      response.writeHead(200, { "Content-Type": types[file.slice(file.lastIndexOf("."))] ?? "application/octet-stream" }).end(body);
    } catch {
      response.writeHead(404).end();
    }
  });
  await new Promise((ok) => server.listen(port, "127.0.0.1", ok));
  return { origin: `http://127.0.0.1:${port}`, close: () => new Promise((ok) => server.close(ok)) };
}

describe("the TypeScript client in Chromium, from another origin", () => {
  let browser;
  let pages;

  before(async () => {
    pages = await startPageServer();
    browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: ["--no-sandbox"] });
  });

  after(async () => {
    await browser?.close();
    await pages?.close();
  });

  async function openPage(gateway, user, userToken) {
    const page = await browser.newPage();
    const query = new URLSearchParams({ gateway: gateway.baseUrl, user, token: userToken ?? "" });
    await page.goto(`${pages.origin}/?${query}`);
    await page.waitForFunction(() => window.__state?.ready === true, null, { timeout: 30_000 });
    return page;
  }

  for (const secured of [false, true]) {
    it(`lists conversations and receives live changes ${secured ? "with" : "without"} a signing key`, async () => {
      const gateway = await Gateway.start({ secured, corsOrigins: pages.origin });
      try {
        const now = Date.now();
        await gateway.send({ msgID: "m1", senderID: "bob", receiverID: "alice", timestamp: now, summary: "Lunch?" });
        const page = await openPage(gateway, "alice", secured ? token("alice") : null);
        const state = await page.evaluate(() => window.__state);
        assert.equal(state.error, null);
        assert.deepEqual(state.list.map((c) => c.conversationID), ["C2Cbob"]);
        assert.match(await page.textContent("#list"), /bob: Lunch\?/);

        await page.waitForFunction(() => window.__state.events.includes("total 1"), null, { timeout: 30_000 });
        await gateway.send({ msgID: "m2", senderID: "carol", receiverID: "alice", timestamp: now + 1, summary: "Hi" });
        await page.waitForFunction(() => window.__state.events.includes("new C2Ccarol") && window.__state.events.includes("total 2"), null, { timeout: 30_000 });
        assert.equal(await page.textContent("#total"), "2");
        assert.match(await page.textContent("#list"), /carol: Hi/);
        await page.close();
      } finally {
        await gateway.dispose();
      }
    });
  }

  it("cannot call a gateway whose allow-list does not name the page's origin", async () => {
    const gateway = await Gateway.start({ secured: false, corsOrigins: "" });
    try {
      const page = await openPage(gateway, "alice", null);
      const state = await page.evaluate(() => window.__state);
      assert.equal(state.error?.code, -1);
      await page.close();
    } finally {
      await gateway.dispose();
    }
  });
});
