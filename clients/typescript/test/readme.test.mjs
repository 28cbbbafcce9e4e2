// The README's TypeScript snippet, run as written (but for BASE and the package name, which point at this
// checkout) against a real gateway process: a newcomer who copies it sees it work.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { after, before, describe, it } from "node:test";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Gateway } from "./gateway.mjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");

function readmeSnippet() {
  const readme = readFileSync(resolve(root, "../../README.md"), "utf8");
  const section = readme.indexOf("### TypeScript: `clients/typescript`");
  assert.ok(section >= 0, "the README has a TypeScript client section");
  const start = readme.indexOf("```js\n", section);
  const end = readme.indexOf("\n```", start + 6);
  return readme.slice(start + 6, end);
}

describe("the README's TypeScript snippet", () => {
  let gateway;
  let folder;

  before(async () => {
    gateway = await Gateway.start();
    folder = mkdtempSync(join(tmpdir(), "ca-ts-readme-"));
    await gateway.send({ msgID: "m1", senderID: "bob", receiverID: "alice", timestamp: Date.now(), summary: "Lunch?" });
  });

  after(async () => {
    await gateway?.dispose();
    if (folder) rmSync(folder, { recursive: true, force: true });
  });

  it("runs as written and shows the list, the refusal and the listener's changes", async () => {
    const snippet = readmeSnippet();
    assert.match(snippet, /const BASE = "http:\/\/127\.0\.0\.1:5080";/);
    const runnable = snippet
      .replace('const BASE = "http://127.0.0.1:5080";', `const BASE = ${JSON.stringify(gateway.baseUrl)};`)
      .replace('from "conversation-actors-client"', `from ${JSON.stringify(pathToFileURL(join(root, "dist/index.js")).href)}`);
    const file = join(folder, "snippet.mjs");
    writeFileSync(file, runnable);

    const child = spawn(process.execPath, [file], { stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    const code = await new Promise((ok) => child.once("exit", ok));

    assert.equal(code, 0, output);
    assert.match(output, /1 conversations, 1 unread; bob: Lunch\?/);
    assert.match(output, /refused: 6017/);
    assert.match(output, /total unread 1/);
    assert.match(output, /changed \[ 'C2Cbob' \]/);
  });
});
