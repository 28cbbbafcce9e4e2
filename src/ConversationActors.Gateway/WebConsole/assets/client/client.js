import { ConversationActorsError } from "./errors.js";
import { Feed } from "./feed.js";
import { canonicalConversationID } from "./ids.js";
/**
 * The Tencent IM SDK's conversation calls over the ConversationActors HTTP API, for browsers and Node 20.
 * Every call resolves to `{ code: 0, desc: "", data }` (imResponse) and rejects with a
 * {@link ConversationActorsError} carrying `{ code, desc }` (imError). Timestamps are ms since the Unix epoch.
 * Conversation IDs may be canonical (`C2Cbob`, `GROUPteam`) or Flutter-style (`c2c_bob`, `group_team`).
 */
export class ConversationClient {
    options;
    baseUrl;
    fetcher;
    listeners = new Set();
    feed = null;
    constructor(options) {
        this.options = options;
        this.baseUrl = options.baseUrl.replace(/\/+$/, "");
        this.fetcher = options.fetch ?? globalThis.fetch.bind(globalThis);
    }
    getConversationList(arg) {
        if (Array.isArray(arg)) {
            return this.send("POST", this.user("/conversations/batch"), { conversationIDList: arg.map(canonicalConversationID) });
        }
        if (arg !== undefined) {
            const query = new URLSearchParams({ nextSeq: arg.nextSeq });
            if (arg.count !== undefined)
                query.set("count", String(arg.count));
            return this.send("GET", this.user(`/conversations?${query}`));
        }
        return this.send("GET", this.user("/conversations"));
    }
    /** getConversation(id): one conversation; 6004 when it does not exist. */
    getConversation(conversationID) {
        return this.send("GET", this.conversation(conversationID));
    }
    /** getConversationProfile(id): the conversation with the current user or group profile and its stats. */
    getConversationProfile(conversationID) {
        return this.send("GET", this.conversation(conversationID, "/profile"));
    }
    /** getTotalUnreadMessageCount(): the sum of unreadCount over conversations whose recvOpt is RECEIVE. */
    async getTotalUnreadMessageCount() {
        const answer = await this.send("GET", this.user("/unread"));
        return { ...answer, data: answer.data.totalUnreadCount };
    }
    /** setConversationDraft: a non-empty text sets it (kept on the server, so it follows the user); "" or null clears it. */
    setConversationDraft(conversationID, draftText) {
        return draftText
            ? this.send("PUT", this.conversation(conversationID, "/draft"), { draftText })
            : this.send("DELETE", this.conversation(conversationID, "/draft"));
    }
    /** pinConversation: pin (creates a missing conversation, moves it first) or unpin. */
    pinConversation(conversationID, isPinned) {
        return this.send("PUT", this.conversation(conversationID, "/pin"), { isPinned });
    }
    /** setConversationReceiveMessageOpt: how messages of a conversation are received. */
    setConversationRecvOpt(conversationID, recvOpt) {
        return this.send("PUT", this.conversation(conversationID, "/recvOpt"), { recvOpt });
    }
    /**
     * cleanConversationUnreadMessageCount: mark read one conversation, every C2C one (`"c2c"`), every group
     * (`"group"`) or everything (`""`), optionally only up to a timestamp. Resolves the IDs cleaned.
     */
    cleanConversationUnreadMessageCount(conversationID, upToTimestamp) {
        const target = ["", "c2c", "group"].includes(conversationID) ? conversationID : canonicalConversationID(conversationID);
        return this.send("POST", this.user("/conversations/read"), upToTimestamp === undefined ? { conversationID: target } : { conversationID: target, upToTimestamp });
    }
    /** clearHistoryMessage: no lastMessage, no unread; the conversation stays. */
    clearHistoryMessage(conversationID) {
        return this.send("POST", this.conversation(conversationID, "/clearHistory"));
    }
    /** deleteConversation: removes it; a later message creates it afresh. */
    deleteConversation(conversationID) {
        return this.send("DELETE", this.conversation(conversationID));
    }
    /** deleteConversationList: delete 1..100 conversations (clearing their history first when asked). */
    deleteConversationList(conversationIDList, clearHistory = false) {
        return this.send("POST", this.user("/conversations/delete"), { conversationIDList: conversationIDList.map(canonicalConversationID), clearHistory });
    }
    /** markConversation: set (enable) or clear one mark (1 STAR, 2 UNREAD, 4 FOLD, 8 HIDE) on 1..100 conversations. */
    markConversation(conversationIDList, markType, enable) {
        return this.send("PUT", this.user("/conversations/marks"), { conversationIDList: conversationIDList.map(canonicalConversationID), markType, enable });
    }
    /** setConversationCustomData: at most 256 bytes; "" clears it. */
    setConversationCustomData(conversationIDList, customData) {
        return this.send("PUT", this.user("/conversations/customData"), { conversationIDList: conversationIDList.map(canonicalConversationID), customData });
    }
    /** getConversationGroupList: the group names, in creation order. */
    async getConversationGroupList() {
        const answer = await this.send("GET", this.user("/conversationGroups"));
        return { ...answer, data: answer.data.conversationGroupList };
    }
    /** createConversationGroup: a group (name 1-32 bytes, at most 20) holding 1..100 conversations. */
    createConversationGroup(groupName, conversationIDList) {
        return this.send("POST", this.user("/conversationGroups"), { groupName, conversationIDList: conversationIDList.map(canonicalConversationID) });
    }
    /** renameConversationGroup: its conversations follow. */
    renameConversationGroup(oldName, newName) {
        return this.send("PUT", this.user(`/conversationGroups/${encodeURIComponent(oldName)}`), { newName });
    }
    /** deleteConversationGroup: its conversations stay. */
    deleteConversationGroup(groupName) {
        return this.send("DELETE", this.user(`/conversationGroups/${encodeURIComponent(groupName)}`));
    }
    /** addConversationsToGroup. */
    addConversationsToGroup(groupName, conversationIDList) {
        return this.send("POST", this.user(`/conversationGroups/${encodeURIComponent(groupName)}/conversations`), { conversationIDList: conversationIDList.map(canonicalConversationID) });
    }
    /** deleteConversationsFromGroup. */
    deleteConversationsFromGroup(groupName, conversationIDList) {
        return this.send("POST", this.user(`/conversationGroups/${encodeURIComponent(groupName)}/conversations/delete`), { conversationIDList: conversationIDList.map(canonicalConversationID) });
    }
    /**
     * addConversationListener (V2TIMConversationListener): live changes of this user's list. The first listener opens
     * the change feed (through fetch, with the token); after a drop it resumes with Last-Event-ID, so no change is
     * missed or delivered twice. Returns a function that removes the listener (the last one closes the feed).
     */
    addConversationListener(listener) {
        this.listeners.add(listener);
        if (!this.feed) {
            this.feed = new Feed({
                url: this.user("/conversations/changes"),
                fetch: this.fetcher,
                headers: () => this.authHeaders(),
                onItem: (item) => this.dispatch(item),
                onFatal: (error) => {
                    this.feed = null;
                    for (const l of [...this.listeners])
                        l.onError?.({ code: error.code, desc: error.desc });
                },
                reconnectDelayMs: this.options.reconnectDelayMs ?? 500,
                maxReconnectDelayMs: this.options.maxReconnectDelayMs ?? 10_000,
                idleTimeoutMs: this.options.idleTimeoutMs ?? 60_000,
            });
            this.feed.start();
        }
        return () => {
            if (!this.listeners.delete(listener) || this.listeners.size > 0)
                return;
            this.feed?.stop();
            this.feed = null;
        };
    }
    dispatch(item) {
        for (const l of [...this.listeners]) {
            switch (item.event) {
                case "newConversation":
                    l.onNewConversation?.([item.data]);
                    break;
                case "conversationChanged":
                    l.onConversationChanged?.([item.data]);
                    break;
                case "conversationDeleted":
                    l.onConversationDeleted?.([item.data.conversationID]);
                    break;
                case "totalUnreadChanged":
                    l.onTotalUnreadMessageCountChanged?.(item.data.totalUnreadCount);
                    break;
                default: break; // a newer server's event: ignored
            }
        }
    }
    user(path) {
        return `${this.baseUrl}/v1/users/${encodeURIComponent(this.options.userID)}${path}`;
    }
    conversation(conversationID, path = "") {
        return this.user(`/conversations/${encodeURIComponent(canonicalConversationID(conversationID))}${path}`);
    }
    async authHeaders() {
        const token = typeof this.options.token === "function" ? await this.options.token() : this.options.token;
        return token ? { Authorization: `Bearer ${token}` } : {};
    }
    async send(method, url, body) {
        const headers = await this.authHeaders();
        const init = { method, headers };
        if (body !== undefined) {
            headers["Content-Type"] = "application/json";
            init.body = JSON.stringify(body);
        }
        let response;
        try {
            response = await this.fetcher(url, init);
        }
        catch (error) {
            throw new ConversationActorsError(-1, `no answer from ${this.baseUrl}: ${error.message}`, 0);
        }
        const text = await response.text();
        let envelope;
        try {
            envelope = JSON.parse(text);
        }
        catch {
            throw new ConversationActorsError(-1, `not an envelope (${response.status}): ${text.slice(0, 200)}`, response.status);
        }
        if (typeof envelope.code !== "number") {
            throw new ConversationActorsError(-1, `not an envelope (${response.status}): ${text.slice(0, 200)}`, response.status);
        }
        const desc = typeof envelope.desc === "string" ? envelope.desc : "";
        if (envelope.code !== 0 || !response.ok) {
            throw new ConversationActorsError(envelope.code, desc, response.status, envelope.data ?? null);
        }
        return { code: 0, desc, data: envelope.data };
    }
}
