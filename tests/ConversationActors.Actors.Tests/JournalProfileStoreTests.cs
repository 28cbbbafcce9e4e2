using ConversationActors.Actors.Configuration;
using ConversationActors.Actors.Profiles;
using ConversationActors.Actors.Tests.Support;

namespace ConversationActors.Actors.Tests;

/// <summary>
/// The profile store over the profile entities' journal, on a store no entity has written to yet: the journal's table
/// is created by the first write, so until then there are no profiles, not an error (a fresh quickstart's first group
/// message without groupType logged "no such table: journal" with a stack trace).
/// </summary>
public sealed class JournalProfileStoreTests(DatabaseFolder folder) : IClassFixture<DatabaseFolder>
{
    [Fact]
    public async Task Before_the_first_write_creates_the_journal_no_profile_is_found_and_nothing_fails()
    {
        var config = AkkaConfigLoader.Load(TestNode.ConfigDirectory, $"""
            akka.loglevel = WARNING
            conversation-actors.sqlite.connection-string = "{folder.NewConnectionString()}"
            """);
        var system = SqliteStore.CreateSystem("profiles-before-journal", config);
        try
        {
            var batch = await new JournalProfileStore(system).ReadAsync(["ann"], ["team"], CancellationToken.None);

            Assert.Empty(batch.Users);
            Assert.Empty(batch.Groups);
        }
        finally
        {
            await system.Terminate();
        }
    }
}
