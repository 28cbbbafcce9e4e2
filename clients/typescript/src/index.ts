export { ConversationClient } from "./client.js";
export type { ClientOptions, PageRequest } from "./client.js";
export { ConversationActorsError } from "./errors.js";
export { canonicalConversationID } from "./ids.js";
export type * from "./types.js";
