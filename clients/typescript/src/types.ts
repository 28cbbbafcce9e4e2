/** The kind of a conversation. */
export type ConversationType = "C2C" | "GROUP" | "SYSTEM";
/** Tencent group types; AVChatRoom groups never count unread. */
export type GroupType = "Work" | "Public" | "Meeting" | "AVChatRoom" | "Community";
/** How messages of a conversation are received. */
export type RecvOpt = "RECEIVE" | "NOT_RECEIVE" | "RECEIVE_NOT_NOTIFY";

/** The newest message of a conversation. `timestamp` is ms since the Unix epoch. */
export interface LastMessage {
  msgID: string;
  senderID: string;
  timestamp: number;
  elemType: string;
  summary: string;
  isSelf: boolean;
  isRevoked: boolean;
}

/** An unread @-mention. */
export interface GroupAtInfo {
  msgID: string;
  atType: "AT_ME" | "AT_ALL" | "AT_ALL_AT_ME";
}

/** One conversation, exactly as the API renders it (SPEC 3.2 plus the organizing fields). */
export interface Conversation {
  conversationID: string;
  type: ConversationType;
  userID: string | null;
  groupID: string | null;
  groupType: GroupType | null;
  showName: string;
  faceUrl: string | null;
  lastMessage: LastMessage | null;
  unreadCount: number;
  draftText: string | null;
  /** ms since the Unix epoch */
  draftTimestamp: number | null;
  isPinned: boolean;
  orderKey: number;
  recvOpt: RecvOpt;
  groupAtInfoList: GroupAtInfo[];
  markList: number[];
  customData: string | null;
  conversationGroupList: string[];
}

/** A list answer: the whole list (`isFinished` true) or one page. */
export interface ConversationListResult {
  conversationList: Conversation[];
  isFinished: boolean;
  /** Opaque cursor: pass it back as `nextSeq` for the next page. */
  nextSeq: string;
}

/** The detailed profile of one conversation. */
export interface ConversationProfile {
  conversation: Conversation;
  userProfile?: { userID: string; nickname: string | null; faceUrl: string | null; selfSignature: string | null; remark: string | null };
  groupProfile?: {
    groupID: string; name: string | null; faceUrl: string | null; groupType: GroupType | null;
    introduction: string | null; notification: string | null; ownerID: string | null; memberCount: number | null;
  };
  stats: { messageCount: number; firstMessageTimestamp: number | null; createdAt: number };
}

/** One conversation's outcome in a multi-conversation write (resultCode 0 = done, 6004 = no such conversation). */
export interface ConversationOperationResult {
  conversationID: string;
  resultCode: number;
  resultInfo: string;
}

/** What every call resolves to, like the SDK's imResponse. */
export interface IMResponse<T> {
  code: 0;
  desc: string;
  data: T;
}

/** The conversation listener, after V2TIMConversationListener. Every callback is optional. */
export interface ConversationListener {
  /** New conversations (each item of the feed is delivered as a list of one). */
  onNewConversation?(conversationList: Conversation[]): void;
  /** Changed conversations, rendered as in the list. */
  onConversationChanged?(conversationList: Conversation[]): void;
  /** Deleted conversations' IDs. */
  onConversationDeleted?(conversationIDList: string[]): void;
  /** The new total unread count (also delivered once when the listener connects). */
  onTotalUnreadMessageCountChanged?(totalUnreadCount: number): void;
  /** A refusal a reconnection cannot cure (403, 6017); the listener stops. */
  onError?(error: { code: number; desc: string }): void;
}
