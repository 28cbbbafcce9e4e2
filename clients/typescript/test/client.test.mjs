// The seed's calls through the TypeScript client against a real gateway process.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { ConversationActorsError, ConversationClient } from "../dist/index.js";
import { Gateway, token } from "./gateway.mjs";

describe("the TypeScript client against a real gateway", () => {
  let gateway;
  let alice;
  const now = Date.now();

  before(async () => {
    gateway = await Gateway.start({ secured: true });
    alice = new ConversationClient({ baseUrl: gateway.baseUrl, userID: "alice", token: () => token("alice") });
    await gateway.send({ msgID: "m1", senderID: "bob", receiverID: "alice", timestamp: now, summary: "Lunch?" });
    await gateway.send({ msgID: "g1", senderID: "carol", groupID: "@TGS#2TEAM", memberIDs: ["alice", "carol"], timestamp: now + 1, summary: "Standup", atAll: true });
    await gateway.send({ msgID: "m2", senderID: "dave", receiverID: "alice", timestamp: now + 2, summary: "Hi Alice" });
  });

  after(async () => {
    await gateway?.dispose();
  });

  it("getConversationList() resolves the whole list as {code, desc, data}", async () => {
    const answer = await alice.getConversationList();
    assert.equal(answer.code, 0);
    assert.equal(answer.desc, "");
    assert.equal(answer.data.isFinished, true);
    assert.deepEqual(answer.data.conversationList.map((c) => c.conversationID), ["C2Cdave", "GROUP@TGS#2TEAM", "C2Cbob"]);
  });

  it("getConversationList([ids]) answers the ones that exist in the order asked, Flutter IDs included", async () => {
    const answer = await alice.getConversationList(["group_@TGS#2TEAM", "C2Cnobody", "c2c_bob"]);
    assert.deepEqual(answer.data.conversationList.map((c) => c.conversationID), ["GROUP@TGS#2TEAM", "C2Cbob"]);
  });

  it("getConversationList([]) is refused with 6017 like the SDK", async () => {
    await assert.rejects(alice.getConversationList([]), (error) => {
      assert.ok(error instanceof ConversationActorsError);
      assert.equal(error.code, 6017);
      assert.equal(error.status, 400);
      assert.match(error.desc, /conversationIDList/);
      return true;
    });
  });

  it("getConversationList({nextSeq, count}) pages until isFinished without skipping or repeating", async () => {
    const seen = [];
    let page = { nextSeq: "0", count: 2 };
    for (let i = 0; i < 5; i++) {
      const answer = await alice.getConversationList(page);
      seen.push(...answer.data.conversationList.map((c) => c.conversationID));
      if (answer.data.isFinished) break;
      page = { nextSeq: answer.data.nextSeq, count: 2 };
    }
    assert.deepEqual(seen, ["C2Cdave", "GROUP@TGS#2TEAM", "C2Cbob"]);
  });

  it("getConversation, getConversationProfile and getTotalUnreadMessageCount", async () => {
    const group = await alice.getConversation("group_@TGS#2TEAM");
    assert.equal(group.data.conversationID, "GROUP@TGS#2TEAM");
    assert.deepEqual(group.data.groupAtInfoList, [{ msgID: "g1", atType: "AT_ALL" }]);
    const profile = await alice.getConversationProfile("C2Cbob");
    assert.equal(profile.data.userProfile.userID, "bob");
    assert.equal(profile.data.stats.messageCount, 1);
    assert.equal((await alice.getTotalUnreadMessageCount()).data, 3);
    await assert.rejects(alice.getConversation("C2Cnobody"), { code: 6004, status: 404 });
  });

  it("the actions change what the list shows", async () => {
    assert.equal((await alice.setConversationDraft("C2Cbob", "See you at")).data.conversation.draftText, "See you at");
    assert.equal((await alice.setConversationDraft("C2Cbob", "")).data.conversation.draftText, null);
    assert.equal((await alice.pinConversation("c2c_bob", true)).data.conversation.isPinned, true);
    assert.equal((await alice.getConversationList()).data.conversationList[0].conversationID, "C2Cbob");
    assert.equal((await alice.setConversationRecvOpt("C2Cdave", "NOT_RECEIVE")).data.conversation.recvOpt, "NOT_RECEIVE");
    assert.equal((await alice.getTotalUnreadMessageCount()).data, 2);
    assert.deepEqual((await alice.cleanConversationUnreadMessageCount("C2Cbob")).data.conversationIDList, ["C2Cbob"]);
    assert.deepEqual((await alice.cleanConversationUnreadMessageCount("group")).data.conversationIDList, ["GROUP@TGS#2TEAM"]);
    assert.equal((await alice.clearHistoryMessage("C2Cdave")).data.conversation.lastMessage, null);
    const marked = await alice.markConversation(["C2Cbob", "C2Cnobody"], 1, true);
    assert.deepEqual(marked.data.resultList.map((r) => r.resultCode), [0, 6004]);
    await alice.setConversationCustomData(["C2Cbob"], "vip");
    assert.deepEqual((await alice.getConversation("C2Cbob")).data.markList, [1]);
    assert.equal((await alice.getConversation("C2Cbob")).data.customData, "vip");
    await alice.createConversationGroup("Work", ["GROUP@TGS#2TEAM"]);
    await alice.addConversationsToGroup("Work", ["C2Cbob"]);
    await alice.deleteConversationsFromGroup("Work", ["C2Cbob"]);
    await alice.renameConversationGroup("Work", "Office");
    assert.deepEqual((await alice.getConversationGroupList()).data, ["Office"]);
    assert.deepEqual((await alice.getConversation("GROUP@TGS#2TEAM")).data.conversationGroupList, ["Office"]);
    await alice.deleteConversationGroup("Office");
    assert.deepEqual((await alice.getConversationGroupList()).data, []);
    assert.equal((await alice.deleteConversation("C2Cdave")).data, null);
    await assert.rejects(alice.deleteConversation("C2Cdave"), { code: 6004 });
    const many = await alice.deleteConversationList(["C2Cbob"], true);
    assert.deepEqual(many.data.resultList.map((r) => r.resultCode), [0]);
    assert.deepEqual((await alice.getConversationList()).data.conversationList.map((c) => c.conversationID), ["GROUP@TGS#2TEAM"]);
  });

  it("refusals carry the SPEC's codes: no token, another user's list, no server", async () => {
    const anonymous = new ConversationClient({ baseUrl: gateway.baseUrl, userID: "alice" });
    await assert.rejects(anonymous.getConversationList(), { code: 70001, status: 401 });
    const nosy = new ConversationClient({ baseUrl: gateway.baseUrl, userID: "bob", token: token("alice") });
    await assert.rejects(nosy.getConversationList(), { code: 50003, status: 403 });
    const nowhere = new ConversationClient({ baseUrl: "http://127.0.0.1:9", userID: "alice" });
    await assert.rejects(nowhere.getConversationList(), { code: -1, status: 0 });
  });
});
