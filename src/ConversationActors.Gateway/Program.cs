using ConversationActors.Gateway.Apis;
using ConversationActors.Gateway.Changes;
using ConversationActors.Gateway.Hosting;
using ConversationActors.Gateway.Http;
using ConversationActors.Gateway.Security;
using ConversationActors.Gateway.WebConsole;

var builder = WebApplication.CreateBuilder(args);

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
