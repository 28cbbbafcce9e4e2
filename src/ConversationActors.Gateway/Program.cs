using ConversationActors.Gateway.Apis;
using ConversationActors.Gateway.Changes;
using ConversationActors.Gateway.Hosting;
using ConversationActors.Gateway.Http;
using ConversationActors.Gateway.Security;
using ConversationActors.Gateway.WebConsole;

// No watch of the content root for changed settings (issue 27): the settings are read once, at start (HOCON), and the
// watcher woke on every write of the SQLite file and its WAL under ./data, a few % of a write's CPU in a profile. A
// --hostBuilder:reloadConfigOnChange given on the command line still wins.
var builder = WebApplication.CreateBuilder(["--hostBuilder:reloadConfigOnChange=false", .. args]);

builder.AddConversationActors();
builder.AddGatewayServices();
builder.AddTelemetry();
builder.AddGatewaySecurity();
builder.AddGatewayCors();
builder.AddChangeFeed();

var app = builder.Build();

app.UseGatewayCors();
app.UseMiddleware<EnvelopeMiddleware>();
app.UseGatewaySecurity();
app.MapOpenApiDocs();
app.MapHealthApi();
app.MapMetrics();
app.MapConversationQueriesApi();
app.MapConversationActionsApi();
app.MapConversationOrganizeApi();
app.MapConversationGroupsApi();
app.MapMessagesApi();
app.MapProfilesApi();
app.MapAuditApi();
app.MapChangesApi();
app.MapAdminApi();
app.MapConsole();

app.Run();
