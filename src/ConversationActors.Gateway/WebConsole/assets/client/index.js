export { ConversationClient } from "./client.js";
export { ConversationActorsError } from "./errors.js";
export { canonicalConversationID } from "./ids.js";
