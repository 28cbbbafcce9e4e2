using ConversationActors.Gateway.Apis;
using ConversationActors.Gateway.Hosting;
using ConversationActors.Gateway.Http;

var builder = WebApplication.CreateBuilder(args);

builder.AddConversationActors();
builder.AddGatewayServices();

var app = builder.Build();

app.UseMiddleware<EnvelopeMiddleware>();
app.MapOpenApiDocs();
app.MapHealthApi();
app.MapConversationQueriesApi();
app.MapConversationActionsApi();
app.MapConversationOrganizeApi();
app.MapConversationGroupsApi();
app.MapMessagesApi();
app.MapProfilesApi();
app.MapAuditApi();
app.MapAdminApi();

app.Run();
