// The console's calls to its own gateway. The user's list and change feed go through the TypeScript client
// (client/, the clients/typescript build); the admin reads it has no call for (the cluster, the journal, time
// travel) go through `admin()` below, with the same envelope handling. The token lives in this module only:
// never in storage, cookies or URLs.
import { ConversationActorsError, ConversationClient } from "./client/index.js";

let token = null;
let waiting = null;

/** The current token (null while authentication is off or none was given yet). */
export const currentToken = () => token;

/**
 * Asks for a token (the dialog) and resolves once one is given. Concurrent callers share one dialog.
 * @param {string} reason
 */
export function askForToken(reason) {
  if (waiting) return waiting;
  const dialog = document.getElementById("token-dialog");
  const form = document.getElementById("token-form");
  const input = document.getElementById("token-input");
  document.getElementById("token-reason").textContent =
    `${reason} Paste an admin token (convctl token --user you --admin); it stays in this page's memory only.`;
  waiting = new Promise((resolve) => {
    form.addEventListener("submit", () => {
      token = input.value.trim().replace(/^Bearer\s+/i, "") || null;
      input.value = "";
      waiting = null;
      resolve(token);
    }, { once: true });
  });
  // Escape would close the dialog and leave the view waiting for ever: the page needs a token to go on.
  dialog.oncancel = (event) => event.preventDefault();
  if (!dialog.open) dialog.showModal();
  return waiting;
}

/** Runs `call`, asking for a token and trying again while the gateway answers 401 (or 403: not an admin token). */
export async function withToken(call) {
  for (;;) {
    try {
      return await call();
    } catch (error) {
      if (!(error instanceof ConversationActorsError) || (error.status !== 401 && error.status !== 403)) throw error;
      await askForToken(error.status === 401 ? `The gateway wants a token (${error.desc}).` : `That token may not do this (${error.desc}).`);
    }
  }
}

/** GET an admin endpoint of this gateway; resolves the envelope's data, rejects ConversationActorsError. */
export function admin(path) {
  return withToken(async () => {
    const headers = token ? { Authorization: `Bearer ${token}` } : {};
    let response;
    try {
      response = await fetch(path, { headers });
    } catch (error) {
      throw new ConversationActorsError(-1, `no answer: ${error.message}`, 0);
    }
    const text = await response.text();
    let envelope;
    try {
      envelope = JSON.parse(text);
    } catch {
      throw new ConversationActorsError(-1, `not an envelope (${response.status}): ${text.slice(0, 200)}`, response.status);
    }
    if (envelope.code !== 0 || !response.ok) {
      throw new ConversationActorsError(envelope.code ?? -1, envelope.desc ?? "", response.status, envelope.data ?? null);
    }
    return envelope.data;
  });
}

/** The TypeScript client for one user of this gateway, with the in-memory token. */
export function clientFor(userID) {
  return new ConversationClient({ baseUrl: location.origin, userID, token: () => token, reconnectDelayMs: 250, maxReconnectDelayMs: 3000 });
}

/** `/v1/users/{u}{rest}` with the userID percent-encoded. */
export const userPath = (userID, rest) => `/v1/users/${encodeURIComponent(userID)}${rest}`;

/**
 * A journal, read in pages of 1,000 (at most `cap` events): [{seq, timestamp, type, event}]. The first page names no
 * fromSeq, so it starts where history starts (after the horizon when journal.retention deleted older events).
 */
export async function readJournal(userID, cap = 20000) {
  const events = [];
  for (let fromSeq = null; events.length < cap;) {
    const page = await admin(userPath(userID, fromSeq === null ? "/events?limit=1000" : `/events?fromSeq=${fromSeq}&limit=1000`));
    events.push(...page);
    if (page.length < 1000) break;
    fromSeq = page[page.length - 1].seq + 1;
  }
  return events;
}

/** Every page of a list as of a seq (time travel), concatenated. */
export async function listAsOfSeq(userID, seq) {
  const list = [];
  let nextSeq = "0";
  for (;;) {
    const page = await admin(userPath(userID, `/conversations?asOfSeq=${seq}&nextSeq=${encodeURIComponent(nextSeq)}&count=500`));
    list.push(...page.conversationList);
    if (page.isFinished) return list;
    nextSeq = page.nextSeq;
  }
}

/** Shows a line in the header (errors in red). */
export function status(text, isError = false) {
  const element = document.getElementById("status");
  element.textContent = text;
  element.classList.toggle("error", isError);
}

/** Creates an element with a class and text (text only: data from the API is never parsed as HTML). */
export function el(tag, className, text) {
  const element = document.createElement(tag);
  if (className) element.className = className;
  if (text !== undefined && text !== null) element.textContent = String(text);
  return element;
}

/** A local date and time with seconds, from ms since the epoch. */
export const time = (ms) => (ms ? new Date(ms).toLocaleString(undefined, { hour12: false }) : "");
