using ConversationActors.Gateway.Apis;
using ConversationActors.Gateway.Changes;
using ConversationActors.Gateway.Hosting;
using ConversationActors.Gateway.Http;

var builder = WebApplication.CreateBuilder(args);

builder.AddConversationActors();
builder.AddGatewayServices();
builder.AddChangeFeed();

var app = builder.Build();

app.UseMiddleware<EnvelopeMiddleware>();
app.MapOpenApiDocs();
app.MapHealthApi();
app.MapConversationQueriesApi();
app.MapConversationActionsApi();
app.MapMessagesApi();
app.MapProfilesApi();
app.MapAuditApi();
app.MapChangesApi();
app.MapAdminApi();

app.Run();
