// The user view: the list as a chat client renders it, page by page ("Load more"), kept live by the TypeScript
// client's conversation listener (the change feed); a changed row flashes, the total unread follows the feed.
import { clientFor, el, status, withToken } from "./api.js";
import { conversationRow, listOrder } from "./conversation-row.js";

let session = null;

/** How long a changed row stays highlighted (the `flash` animation in console.css). */
const FLASH_MS = 2000;

/** Rows per page: `?pageSize=N` in the page's URL, else 20. */
const pageSize = () => Math.min(500, Math.max(1, Number(new URLSearchParams(location.search).get("pageSize")) || 20));

export function hideUser() {
  session?.stop();
  session = null;
}

export async function showUser(userID) {
  if (session?.userID === userID) return;
  hideUser();
  document.getElementById("user-title").textContent = userID ? `${userID}'s conversations` : "Pick a user";
  document.getElementById("conversations").replaceChildren();
  document.getElementById("total-unread").textContent = "0";
  document.getElementById("more").hidden = true;
  document.getElementById("list-count").textContent = "";
  if (!userID) return;
  session = new Session(userID);
  await session.start();
}

class Session {
  constructor(userID) {
    this.userID = userID;
    this.client = clientFor(userID);
    this.items = new Map();
    this.touched = new Set();
    this.flash = new Map(); // conversationID → when it changed (its row flashes for FLASH_MS)
    this.cursor = "0";
    this.finished = false;
    this.removeListener = null;
    this.stopped = false;
  }

  stop() {
    this.stopped = true;
    this.removeListener?.();
  }

  async start() {
    const feedState = document.getElementById("feed-state");
    try {
      // A call that asks for a token first if the gateway wants one; the listener then uses the same token.
      await withToken(() => this.client.getTotalUnreadMessageCount());
      if (this.stopped) return;
      feedState.textContent = "connecting…";
      // Listen first, then read: the feed's first call (the current total) means every later change will come,
      // and a change that lands while the first page is read wins over the page's older copy.
      await new Promise((connected) => {
        this.removeListener = this.client.addConversationListener({
          onNewConversation: (list) => this.apply(list),
          onConversationChanged: (list) => this.apply(list),
          onConversationDeleted: (ids) => {
            for (const id of ids) { this.items.delete(id); this.touched.add(id); }
            this.render();
          },
          onTotalUnreadMessageCountChanged: (total) => {
            document.getElementById("total-unread").textContent = String(total);
            feedState.textContent = "live";
            connected();
          },
          onError: (error) => { feedState.textContent = `feed stopped: ${error.code} ${error.desc}`; },
        });
      });
      await this.more();
      document.getElementById("more").onclick = () => this.more().catch((e) => status(e.desc ?? e.message, true));
    } catch (error) {
      status(`${this.userID}: ${error.desc ?? error.message}`, true);
    }
  }

  async more() {
    if (this.finished || this.stopped) return;
    const page = await withToken(() => this.client.getConversationList({ nextSeq: this.cursor, count: pageSize() }));
    if (this.stopped) return;
    for (const c of page.data.conversationList) {
      if (!this.touched.has(c.conversationID)) this.items.set(c.conversationID, c);
    }
    this.cursor = page.data.nextSeq;
    this.finished = page.data.isFinished;
    this.last = page.data.conversationList.at(-1) ?? this.last;
    this.render();
  }

  apply(list) {
    for (const c of list) {
      this.touched.add(c.conversationID);
      // Like the list answers, hidden conversations (mark 8) stay out; so do ones past the pages read so far.
      const beyond = !this.finished && this.last && listOrder(c, this.last) > 0;
      if ((c.markList ?? []).includes(8) || beyond) {
        this.items.delete(c.conversationID);
      } else {
        this.items.set(c.conversationID, c);
        this.flash.set(c.conversationID, performance.now());
      }
    }
    this.render();
  }

  render() {
    if (this.stopped) return;
    const sorted = [...this.items.values()].sort(listOrder);
    const now = performance.now();
    const rows = sorted.map((c) => {
      const row = conversationRow(c);
      const since = now - (this.flash.get(c.conversationID) ?? -Infinity);
      if (since < FLASH_MS) {
        // Rows are rebuilt on every change: a row still flashing continues where it was, not from the start.
        row.classList.add("changed");
        row.style.animationDelay = `-${Math.round(since)}ms`;
      } else {
        this.flash.delete(c.conversationID);
      }
      return row;
    });
    document.getElementById("conversations").replaceChildren(...rows);
    if (!rows.length) document.getElementById("conversations").append(el("li", "conv hint", "no conversations"));
    document.getElementById("more").hidden = this.finished;
    document.getElementById("list-count").textContent = `${sorted.length} shown${this.finished ? "" : ", more to load"}`;
  }
}
