// Issue 27, item 4: the gateway's OpenAPI document shows each endpoint's response record; every property of every
// answer this client resolves (nested objects and list items included) must be a property of the type the client
// declares for it, read from src/ with the TypeScript compiler. A field added on the server and missing here fails.
// The .NET client has the same check (tests/ConversationActors.Client.Tests/OpenApiModelTests.cs).
import assert from "node:assert/strict";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { after, before, describe, it } from "node:test";
import ts from "typescript";
import { Gateway } from "./gateway.mjs";

const here = dirname(fileURLToPath(import.meta.url));

// Which client method (and overload) resolves each operation's data, by operationId.
const readBy = {
  GetConversationList: { method: "getConversationList", overload: 0 },
  GetConversationBatch: { method: "getConversationList", overload: 1 },
  GetConversation: { method: "getConversation" },
  GetConversationProfile: { method: "getConversationProfile" },
  SetConversationDraft: { method: "setConversationDraft" },
  ClearConversationDraft: { method: "setConversationDraft" },
  PinConversation: { method: "pinConversation" },
  SetReceiveMessageOpt: { method: "setConversationRecvOpt" },
  CleanConversationUnreadMessageCountByScope: { method: "cleanConversationUnreadMessageCount" },
  ClearHistoryMessage: { method: "clearHistoryMessage" },
  DeleteConversationList: { method: "deleteConversationList" },
  MarkConversation: { method: "markConversation" },
  SetConversationCustomData: { method: "setConversationCustomData" },
  CreateConversationGroup: { method: "createConversationGroup" },
  AddConversationsToGroup: { method: "addConversationsToGroup" },
  DeleteConversationsFromGroup: { method: "deleteConversationsFromGroup" },
  // Like the SDK, these resolve one field of the answer: any other field the server adds needs a decision here.
  GetTotalUnreadMessageCount: { unwraps: "totalUnreadCount" },
  GetConversationGroupList: { unwraps: "conversationGroupList" },
};

// The chat backend's and the operator's calls: not calls of this (end-user) client.
const notClientCalls = new Set([
  "AddMessage", "FanOutMessage", "RevokeMessage", "CleanConversationUnreadMessageCount", "SetFriendRemark",
  "SetUserProfile", "GetUserProfile", "SetGroupProfile", "GetGroupProfile", "GetUserEvents", "GetClusterStatus",
]);

function clientTypes() {
  const program = ts.createProgram([resolve(here, "../src/index.ts")], {
    strict: true, noEmit: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ES2022,
    moduleResolution: ts.ModuleResolutionKind.Bundler, lib: ["lib.es2022.d.ts", "lib.dom.d.ts"], types: [],
  });
  const checker = program.getTypeChecker();
  const client = program.getSourceFile(resolve(here, "../src/client.ts"));
  const classSymbol = checker.getExportsOfModule(checker.getSymbolAtLocation(client)).find((s) => s.name === "ConversationClient");
  const classType = checker.getDeclaredTypeOfSymbol(classSymbol);
  const dataOf = (method, overload = 0) => {
    const signatures = checker.getTypeOfSymbol(classType.getProperty(method)).getCallSignatures();
    const response = checker.getAwaitedType(signatures[overload].getReturnType());
    return checker.getTypeOfSymbol(response.getProperty("data"));
  };
  return { checker, dataOf };
}

function resolveSchema(document, schema) {
  for (;;) {
    if (schema.$ref) schema = document.components.schemas[schema.$ref.slice("#/components/schemas/".length)];
    else if (schema.oneOf && schema.oneOf.filter((s) => s.type !== "null").length === 1) schema = schema.oneOf.find((s) => s.type !== "null");
    else return schema;
  }
}

/** Records in `missing` each schema property (recursively) that `type` lacks. */
function compare(document, checker, at, schema, type, missing) {
  schema = resolveSchema(document, schema);
  type = checker.getNonNullableType(type);
  if (schema.items) {
    if (!checker.isArrayType(type)) missing.push(`${at}: the client's type ${checker.typeToString(type)} is not an array`);
    else compare(document, checker, `${at}[]`, schema.items, checker.getTypeArguments(type)[0], missing);
    return;
  }
  for (const [name, property] of Object.entries(schema.properties ?? {})) {
    const symbol = type.getProperty(name);
    if (!symbol) missing.push(`${at}.${name}: ${checker.typeToString(type)} has no property "${name}"`);
    else compare(document, checker, `${at}.${name}`, property, checker.getTypeOfSymbol(symbol), missing);
  }
}

/** Each operation's HTTP 200 JSON answer: the schema of its envelope's data (null for answers without data). */
function answers(document) {
  const found = [];
  for (const operations of Object.values(document.paths)) {
    for (const operation of Object.values(operations)) {
      const schema = operation.responses?.["200"]?.content?.["application/json"]?.schema;
      if (!schema) continue;
      const data = resolveSchema(document, resolveSchema(document, schema).properties.data);
      const none = data.type === "object" && !data.properties && !data.additionalProperties;
      found.push({ operationId: operation.operationId, data: none ? null : data });
    }
  }
  return found;
}

describe("the TypeScript client's types against the gateway's OpenAPI document", () => {
  let gateway;
  let document;

  before(async () => {
    gateway = await Gateway.start();
    document = await (await fetch(`${gateway.baseUrl}/openapi/v1.json`)).json();
  });

  after(async () => {
    await gateway?.dispose();
  });

  it("every field of every answer the client resolves is a property of its declared type", () => {
    const { checker, dataOf } = clientTypes();
    const missing = [];
    const seen = new Set();
    for (const { operationId, data } of answers(document)) {
      if (data === null || notClientCalls.has(operationId)) continue;
      const read = readBy[operationId];
      if (!read) {
        missing.push(`${operationId}: the document shows an answer that no client method is listed for (add the call, then list it here or in notClientCalls)`);
        continue;
      }
      seen.add(operationId);
      if (read.unwraps) {
        assert.deepEqual(Object.keys(data.properties), [read.unwraps], `${operationId}: the client resolves only ${read.unwraps}`);
        continue;
      }
      compare(document, checker, `${operationId}.data`, data, dataOf(read.method, read.overload), missing);
    }
    assert.deepEqual(missing, [], `the client's types lack what the server answers:\n${missing.join("\n")}`);
    assert.deepEqual([...seen].sort(), Object.keys(readBy).sort());
  });

  it("reports a field its type lacks", () => {
    const { checker, dataOf } = clientTypes();
    const missing = [];
    const schema = { type: "object", properties: { conversation: { type: "object", properties: { conversationID: { type: "string" }, editedAt: { type: "integer" } } } } };
    compare(document, checker, "probe", schema, dataOf("pinConversation"), missing);
    assert.deepEqual(missing, ['probe.conversation.editedAt: Conversation has no property "editedAt"']);
  });
});
