using System.Runtime.Serialization;
using System.Text;
using Akka.Serialization;
using ConversationActors.Actors.Configuration;
using ConversationActors.Actors.Protocol;
using ConversationActors.Actors.Serialization;
using ConversationActors.Actors.Tests.Support;
using ConversationActors.Domain.Queries;
using ConversationActors.Domain.State;
using Xunit.Abstractions;

namespace ConversationActors.Actors.Tests;

/// <summary>
/// Everything we persist or send goes through <see cref="ConversationSerializer"/> and comes back unchanged;
/// Akka's default serializer (Newtonsoft with CLR type names, no warning when used) is never chosen.
/// </summary>
public sealed class SerializerTests(ITestOutputHelper output)
    : Akka.TestKit.Xunit2.TestKit(
        AkkaConfigLoader.Load(TestNode.ConfigDirectory, "akka.actor.provider = local\nconversation-actors.sqlite.connection-string = \"Data Source=:memory:\""),
        output: output)
{
    public static TheoryData<string> SampleNames => new(Samples.All.Keys.Order(StringComparer.Ordinal));

    [Fact]
    public void The_samples_cover_every_type_in_the_manifest_table()
    {
        var sampled = Samples.All.Values.Select(s => s.GetType()).ToHashSet();

        Assert.Empty(Manifests.ByType.Keys.Where(type => !sampled.Contains(type)).Select(type => type.Name));
    }

    [Theory]
    [MemberData(nameof(SampleNames))]
    public void Every_sample_is_bound_to_the_conversation_serializer_never_the_default(string name)
    {
        var sample = Samples.All[name];

        var serializer = Sys.Serialization.FindSerializerFor(sample);

        Assert.IsType<ConversationSerializer>(serializer);
        Assert.Equal(ConversationSerializer.Id, serializer.Identifier);
        Assert.IsType<ConversationSerializer>(Sys.Serialization.FindSerializerForType(sample.GetType()));
    }

    [Theory]
    [MemberData(nameof(SampleNames))]
    public void Every_sample_round_trips_to_the_same_type_and_the_same_bytes(string name)
    {
        var sample = Samples.All[name];
        var serializer = Sys.Serialization.FindSerializerFor(sample);
        var manifest = Akka.Serialization.Serialization.ManifestFor(serializer, sample);

        var bytes = serializer.ToBinary(sample);
        var back = Sys.Serialization.Deserialize(bytes, serializer.Identifier, manifest);

        Assert.Equal(Manifests.ByType[sample.GetType()], manifest);
        Assert.IsType(sample.GetType(), back);
        Assert.Equal(Encoding.UTF8.GetString(bytes), Encoding.UTF8.GetString(serializer.ToBinary(back)));
    }

    [Fact]
    public void Records_without_lists_come_back_equal()
    {
        foreach (var name in new[] { "MessageRevoked", "ConversationRead", "RecvOptSet", "UserProfileChanged", "GroupProfile", "GetConversationPage", "CommandRefused", "TotalUnreadAnswer" })
        {
            var sample = Samples.All[name];
            var serializer = Sys.Serialization.FindSerializerFor(sample);
            Assert.Equal(sample, Sys.Serialization.Deserialize(serializer.ToBinary(sample), serializer.Identifier, Akka.Serialization.Serialization.ManifestFor(serializer, sample)));
        }
    }

    [Fact]
    public void A_snapshot_restores_a_set_that_answers_exactly_like_the_one_it_was_taken_of()
    {
        var set = Samples.FoldedSet();
        var serializer = (SerializerWithStringManifest)Sys.Serialization.FindSerializerFor(ConversationSetSnapshot.Of(set));
        var snapshot = ConversationSetSnapshot.Of(set);

        var back = (ConversationSetSnapshot)serializer.FromBinary(serializer.ToBinary(snapshot), serializer.Manifest(snapshot));
        var restored = back.Restore(set.Dedupe.Capacity);

        Assert.Equal(ServiceAssertions.Json(ListQueries.All(set, 0, 0)), ServiceAssertions.Json(ListQueries.All(restored, 0, 0)));
        Assert.Equal(set.Dedupe.OldestFirst, restored.Dedupe.OldestFirst);
        Assert.Equal(set.MaxOrderKey, restored.MaxOrderKey);
        Assert.Equal(set.Remarks, restored.Remarks);
        Assert.Equal(ServiceAssertions.Json(snapshot), ServiceAssertions.Json(ConversationSetSnapshot.Of(restored)));
    }

    [Fact]
    public void A_command_travels_inside_a_UserCommand_under_its_discriminator()
    {
        var sample = (UserCommand)Samples.All["UserCommand(AddMessage)"];
        var json = Encoding.UTF8.GetString(Sys.Serialization.FindSerializerFor(sample).ToBinary(sample));

        Assert.Contains("\"command\":\"addMessage\"", json, StringComparison.Ordinal);
        Assert.Contains("\"elemType\":\"IMAGE\"", json, StringComparison.Ordinal);
        Assert.DoesNotContain("entityID", json, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Events_are_stored_as_readable_json_with_the_spec_wire_names()
    {
        var sample = Samples.All["MessageAdded"];
        var json = Encoding.UTF8.GetString(Sys.Serialization.FindSerializerFor(sample).ToBinary(sample));

        Assert.StartsWith("{\"conversationID\":\"GROUP@TGS#g\",\"msgID\":\"g1\"", json, StringComparison.Ordinal);
        Assert.Contains("\"groupType\":\"Work\"", json, StringComparison.Ordinal);
        Assert.DoesNotContain("$type", json, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_manifest_throws_instead_of_guessing()
    {
        var serializer = (SerializerWithStringManifest)Sys.Serialization.FindSerializerForType(typeof(GetTotalUnread));

        Assert.Throws<SerializationException>(() => serializer.FromBinary("{}"u8.ToArray(), "MessageAdded.v0"));
    }

    [Fact]
    public void A_type_without_a_manifest_is_refused()
    {
        var serializer = (SerializerWithStringManifest)Sys.Serialization.FindSerializerForType(typeof(GetTotalUnread));

        Assert.Throws<ArgumentException>(() => serializer.Manifest(new object()));
    }

    [Fact]
    public void Manifests_are_unique_and_versioned()
    {
        Assert.Equal(Manifests.ByType.Count, Manifests.ByManifest.Count);
        Assert.All(Manifests.ByType.Values, manifest => Assert.Matches(@"^[A-Za-z]+\.v[0-9]+$", manifest));
    }
}
