// addConversationListener against a real gateway process: live changes, removal, and resumption after the
// server is stopped and started again on the same port and journal.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { ConversationClient } from "../dist/index.js";
import { Gateway, token, waitFor } from "./gateway.mjs";

/** Collects every callback in order, and lets a test await the next matching one. */
function recorder() {
  const events = [];
  const waiters = [];
  const push = (event) => {
    events.push(event);
    for (const w of [...waiters]) {
      if (w.match(event)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(event);
      }
    }
  };
  return {
    events,
    listener: {
      onNewConversation: (list) => list.forEach((c) => push(["new", c.conversationID, c.unreadCount])),
      onConversationChanged: (list) => list.forEach((c) => push(["changed", c.conversationID, c.unreadCount])),
      onConversationDeleted: (ids) => ids.forEach((id) => push(["deleted", id])),
      onTotalUnreadMessageCountChanged: (total) => push(["total", total]),
    },
    next(description, match) {
      const found = events.find(match);
      if (found) return Promise.resolve(found);
      return waitFor(30_000, description, (resolve) => waiters.push({ match, resolve }));
    },
  };
}

describe("addConversationListener", () => {
  let gateway;
  const now = Date.now();

  before(async () => {
    gateway = await Gateway.start({ secured: true });
  });

  after(async () => {
    await gateway?.dispose();
  });

  it("reports new, changed and deleted conversations and the total, and stops once removed", async () => {
    const alice = new ConversationClient({ baseUrl: gateway.baseUrl, userID: "alice", token: token("alice"), reconnectDelayMs: 100 });
    const seen = recorder();
    const remove = alice.addConversationListener(seen.listener);
    await seen.next("the first total", (e) => e[0] === "total");

    await gateway.send({ msgID: "m1", senderID: "bob", receiverID: "alice", timestamp: now, summary: "hi" });
    await seen.next("the new conversation", (e) => e[0] === "new" && e[1] === "C2Cbob");
    await alice.pinConversation("C2Cbob", true);
    await seen.next("the pin", (e) => e[0] === "changed" && e[1] === "C2Cbob");
    await alice.deleteConversation("c2c_bob");
    await seen.next("the deletion", (e) => e[0] === "deleted");
    await seen.next("the total after the deletion", (e) => e[0] === "total" && e[1] === 0 && seen.events.indexOf(e) > 2);

    assert.deepEqual(seen.events, [["total", 0], ["new", "C2Cbob", 1], ["total", 1], ["changed", "C2Cbob", 1], ["deleted", "C2Cbob"], ["total", 0]]);

    remove();
    const count = seen.events.length;
    const other = recorder();
    const removeOther = alice.addConversationListener(other.listener);
    await other.next("the second listener's first total", (e) => e[0] === "total");
    await gateway.send({ msgID: "m2", senderID: "carol", receiverID: "alice", timestamp: now + 1, summary: "hello" });
    await other.next("carol's conversation", (e) => e[0] === "new" && e[1] === "C2Ccarol");
    removeOther();
    assert.equal(seen.events.length, count, "a removed listener hears nothing");
  });

  it("resumes after the server is stopped and started, missing nothing and repeating nothing", async () => {
    const erin = new ConversationClient({ baseUrl: gateway.baseUrl, userID: "erin", token: () => token("erin"), reconnectDelayMs: 100, maxReconnectDelayMs: 500 });
    const seen = recorder();
    const remove = erin.addConversationListener(seen.listener);
    try {
      await seen.next("the first total", (e) => e[0] === "total");
      await gateway.send({ msgID: "e1", senderID: "bob", receiverID: "erin", timestamp: now, summary: "one" });
      await seen.next("bob's conversation", (e) => e[0] === "new" && e[1] === "C2Cbob");

      await gateway.stop();
      await gateway.start();
      await gateway.send({ msgID: "e2", senderID: "bob", receiverID: "erin", timestamp: now + 1, summary: "two" });
      await gateway.send({ msgID: "e3", senderID: "dave", receiverID: "erin", timestamp: now + 2, summary: "three" });
      await seen.next("dave's conversation after the restart", (e) => e[0] === "new" && e[1] === "C2Cdave");
      await seen.next("the total after it", (e) => e[0] === "total" && e[1] === 3);

      assert.deepEqual(seen.events, [
        ["total", 0], ["new", "C2Cbob", 1], ["total", 1],
        ["changed", "C2Cbob", 2], ["total", 2], ["new", "C2Cdave", 1], ["total", 3],
      ]);
    } finally {
      remove();
    }
  });

  it("reports a refusal a reconnection cannot cure to onError and stops", async () => {
    const nosy = new ConversationClient({ baseUrl: gateway.baseUrl, userID: "bob", token: token("alice"), reconnectDelayMs: 100 });
    const error = await waitFor(30_000, "onError", (resolve) => nosy.addConversationListener({ onError: resolve }));
    assert.deepEqual(error, { code: 50003, desc: error.desc });
    assert.match(error.desc, /token/);
  });
});
