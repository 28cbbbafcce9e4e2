using System.Text.Json;
using ConversationActors.Domain.Errors;
using ConversationActors.Domain.Ids;
using ConversationActors.Domain.Tests.Support;

namespace ConversationActors.Domain.Tests;

/// <summary>SPEC 3.1 and 3.4 (units): conversation IDs and the ID rules for userIDs, groupIDs and msgIDs.</summary>
public class IdTests
{
    [Theory]
    [InlineData("C2Cbob", ConversationType.C2C, "bob")]
    [InlineData("GROUPg1", ConversationType.Group, "g1")]
    [InlineData("GROUP@TGS#2ABCDEF", ConversationType.Group, "@TGS#2ABCDEF")]
    [InlineData("@TIM#SYSTEM", ConversationType.System, null)]
    public void Canonical_ids_parse_to_their_type_and_target(string text, ConversationType type, string? target)
    {
        var id = ConversationId.Parse(text);

        Assert.Equal(type, id.Type);
        Assert.Equal(target, id.Target);
        Assert.Equal(text, id.Value);
    }

    [Theory]
    [InlineData("c2c_bob", "C2Cbob")]
    [InlineData("group_g1", "GROUPg1")]
    [InlineData("group_@TGS#2ABCDEF", "GROUP@TGS#2ABCDEF")]
    public void Flutter_aliases_are_normalised_to_the_canonical_form(string alias, string canonical)
    {
        Assert.Equal(canonical, ConversationId.Parse(alias).Value);
    }

    [Fact]
    public void A_conversation_created_through_a_flutter_alias_answers_with_the_canonical_id()
    {
        var story = new Scenario().Receive("c2c_bob", "m1").Receive("group_@TGS#2ABCDEF", "m2");

        Assert.Equal(["GROUP@TGS#2ABCDEF", "C2Cbob"], story.Ids);
        Assert.Equal("bob", story["C2Cbob"].UserID);
        Assert.Equal("@TGS#2ABCDEF", story["GROUP@TGS#2ABCDEF"].GroupID);
    }

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("bob")]
    [InlineData("c2cbob")]
    [InlineData("C2C")]
    [InlineData("c2c_")]
    [InlineData("GROUP")]
    [InlineData("@TIM#SYSTEMX")]
    [InlineData("C2Cbob smith")]
    [InlineData("GROUPa/b")]
    [InlineData("C2C.")]
    [InlineData("GROUP..")]
    [InlineData("c2c_..")]
    public void Malformed_conversation_ids_are_refused_with_a_reason(string? text)
    {
        Assert.False(ConversationId.TryParse(text, out _, out var error));
        Assert.False(string.IsNullOrWhiteSpace(error));
        Assert.Throws<FormatException>(() => ConversationId.Parse(text!));
    }

    [Fact]
    public void An_id_of_128_utf16_units_is_accepted_and_129_is_refused()
    {
        Assert.True(IdRules.IsValid(new string('x', 128)));
        Assert.True(ConversationId.TryParse("C2C" + new string('x', 128), out _, out _));

        Assert.Contains("at most 128", IdRules.Check(new string('x', 129)));
        Assert.False(ConversationId.TryParse("GROUP" + new string('x', 129), out _, out _));
    }

    [Fact]
    public void Id_length_counts_utf16_code_units_so_a_surrogate_pair_counts_twice()
    {
        const string emoji = "\U0001F600";
        Assert.True(IdRules.IsValid(string.Concat(Enumerable.Repeat(emoji, 64))));
        Assert.False(IdRules.IsValid(string.Concat(Enumerable.Repeat(emoji, 64)) + "x"));
        Assert.False(IdRules.IsValid(new string('x', 127) + emoji));
    }

    [Theory]
    [InlineData("a b", "whitespace")]
    [InlineData("a\tb", "whitespace")]
    [InlineData("a\u00A0b", "whitespace")]
    [InlineData("a\u3000b", "whitespace")]
    [InlineData("a\u2028b", "whitespace")]
    [InlineData("a\u0001b", "control")]
    [InlineData("a\u007Fb", "control")]
    [InlineData("a\u0085b", "whitespace")]
    [InlineData("a/b", "'/'")]
    [InlineData("", "empty")]
    public void Whitespace_control_characters_slashes_and_empty_ids_are_refused(string id, string reason)
    {
        Assert.Contains(reason, IdRules.Check(id));
    }

    [Theory]
    [InlineData("@TGS#2ABCDEF")]
    [InlineData("user.name-1_x@example.com")]
    [InlineData("用户甲")]
    [InlineData("%40TIM%23SYSTEM")]
    public void Ids_with_punctuation_and_non_latin_letters_are_valid(string id)
    {
        Assert.True(IdRules.IsValid(id));
    }

    [Fact]
    public void A_message_to_a_tencent_group_id_creates_that_group_conversation()
    {
        var story = new Scenario().Receive("GROUP@TGS#2ABCDEF", "m1");

        var conversation = story["GROUP@TGS#2ABCDEF"];
        Assert.Equal(ConversationType.Group, conversation.Type);
        Assert.Null(conversation.UserID);
    }

    [Fact]
    public void The_json_form_of_an_id_is_its_canonical_string_and_aliases_are_normalised_when_read()
    {
        Assert.Equal("\"C2Cbob\"", JsonSerializer.Serialize(ConversationId.Parse("c2c_bob")));
        Assert.Equal(ConversationId.Group("g1"), JsonSerializer.Deserialize<ConversationId>("\"group_g1\""));
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<ConversationId>("\"nope\""));
    }

    [Theory]
    [InlineData("m 1")]
    [InlineData("m/1")]
    [InlineData("")]
    public void A_message_with_a_malformed_msgID_is_refused_naming_msgID(string msgID)
    {
        var refusal = new Scenario().Refuses(Cmd.Message("C2Cbob", msgID, "bob", Scenario.Start), ErrorCode.InvalidParameter);

        Assert.StartsWith("msgID", refusal.Desc);
    }

    [Fact]
    public void A_message_with_a_malformed_senderID_is_refused_naming_senderID()
    {
        var refusal = new Scenario().Refuses(Cmd.Message("C2Cbob", "m1", "bo b", Scenario.Start), ErrorCode.InvalidParameter);

        Assert.StartsWith("senderID", refusal.Desc);
    }

    [Fact]
    public void A_message_with_a_msgID_of_129_characters_is_refused()
    {
        var refusal = new Scenario().Refuses(Cmd.Message("C2Cbob", new string('m', 129), "bob", Scenario.Start), ErrorCode.InvalidParameter);

        Assert.Contains("msgID", refusal.Desc);
        Assert.Contains("128", refusal.Desc);
    }

    [Fact]
    public void A_malformed_id_in_atUserIDs_is_refused_naming_its_index()
    {
        var story = new Scenario();
        var message = Cmd.Message("GROUPg1", "m1", "bob", story.Now) with { AtUserIDs = ["alice", "x y"] };

        var refusal = story.Refuses(message, ErrorCode.InvalidParameter);

        Assert.StartsWith("atUserIDs[1]", refusal.Desc);
    }

    [Fact]
    public void Revoking_a_malformed_msgID_is_refused_naming_msgID()
    {
        var story = new Scenario().Receive("C2Cbob", "m1");

        Assert.StartsWith("msgID", story.Refuses(Cmd.Revoke("C2Cbob", "m\n1"), ErrorCode.InvalidParameter).Desc);
    }
}
