// A real gateway process for the tests: the built dll on a free loopback port, on a SQLite file in a fresh temp
// folder, optionally with a signing key and a CORS allow-list. Stop it with SIGTERM; start it again on the same
// port and file to test resumption.
import { spawn } from "node:child_process";
import { createHmac } from "node:crypto";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
export const gatewayDll = process.env.CA_GATEWAY_DLL
  ?? resolve(here, "../../../src/ConversationActors.Gateway/bin/Release/net10.0/ConversationActors.Gateway.dll");

export const signingKey = "typescript-client-test-key-of-32-bytes-or-more";

export function freePort() {
  return new Promise((ok, fail) => {
    const server = createServer();
    server.once("error", fail);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => ok(port));
    });
  });
}

export class Gateway {
  constructor({ secured = false, corsOrigins = "" } = {}) {
    if (!existsSync(gatewayDll)) throw new Error(`build the gateway first (dotnet build -c Release): ${gatewayDll} is missing`);
    this.secured = secured;
    this.corsOrigins = corsOrigins;
    this.folder = mkdtempSync(join(tmpdir(), "ca-ts-client-"));
    this.process = null;
    this.output = [];
  }

  static async start(options) {
    const gateway = new Gateway(options);
    gateway.port = await freePort();
    gateway.baseUrl = `http://127.0.0.1:${gateway.port}`;
    await gateway.start();
    return gateway;
  }

  async start() {
    const env = {
      ...process.env,
      CONVERSATION_ACTORS_SQLITE_CONNECTION: `Data Source=${join(this.folder, "c.db")}`,
      CONVERSATION_ACTORS_CONFIG_DIR: join(dirname(gatewayDll), "config"),
      CONVERSATION_ACTORS_RATE_LIMIT_PERMITS: "0",
      CONVERSATION_ACTORS_RATE_LIMIT_ADMIN_PERMITS: "0",
      CONVERSATION_ACTORS_CORS_ALLOWED_ORIGINS: this.corsOrigins,
    };
    if (this.secured) env.CONVERSATION_ACTORS_AUTH_SIGNING_KEY = signingKey;
    const child = spawn("dotnet", [gatewayDll, "--urls", this.baseUrl], { cwd: this.folder, env, stdio: ["ignore", "pipe", "pipe"] });
    child.stdout.on("data", (d) => this.output.push(String(d)));
    child.stderr.on("data", (d) => this.output.push(String(d)));
    this.process = child;
    const exited = new Promise((ok) => child.once("exit", ok));
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline && child.exitCode === null) {
      try {
        const answer = await fetch(`${this.baseUrl}/health/ready`);
        if (answer.status === 200) return;
      } catch {
        // not listening yet
      }
      await Promise.race([exited, new Promise((ok) => setTimeout(ok, 200))]);
    }
    throw new Error(`the gateway at ${this.baseUrl} was not ready:\n${this.output.join("").slice(-2000)}`);
  }

  async stop() {
    const child = this.process;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((ok) => child.once("exit", ok));
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), 30_000);
    await exited;
    clearTimeout(timer);
    this.process = null;
  }

  async dispose() {
    await this.stop();
    rmSync(this.folder, { recursive: true, force: true });
  }

  /** The chat backend's side (ingest is not a client call): one message through the fan-out. */
  async send(message) {
    const headers = { "Content-Type": "application/json" };
    if (this.secured) headers.Authorization = `Bearer ${token("chat-backend", true)}`;
    const answer = await fetch(`${this.baseUrl}/v1/messages`, { method: "POST", headers, body: JSON.stringify(message) });
    const envelope = await answer.json();
    if (envelope.code !== 0) throw new Error(`fan-out refused: ${JSON.stringify(envelope)}`);
    return envelope.data;
  }
}

/** An HS256 JWT for the gateway's test key. */
export function token(sub, admin = false) {
  const b64 = (value) => Buffer.from(JSON.stringify(value)).toString("base64url");
  const now = Math.floor(Date.now() / 1000);
  const payload = { sub, iss: "conversation-actors", aud: "conversation-actors", iat: now - 60, nbf: now - 60, exp: now + 3600 };
  if (admin) payload.role = "admin";
  const unsigned = `${b64({ alg: "HS256", typ: "JWT" })}.${b64(payload)}`;
  return `${unsigned}.${createHmac("sha256", signingKey).update(unsigned).digest("base64url")}`;
}

/** Resolves with the first value `take` returns (not undefined), or rejects after `ms`. */
export function waitFor(ms, description, subscribe) {
  return new Promise((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`timed out after ${ms} ms waiting for ${description}`)), ms);
    subscribe((value) => {
      clearTimeout(timer);
      ok(value);
    });
  });
}
