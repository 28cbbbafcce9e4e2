using ConversationActors.Actors.Journal;

namespace ConversationActors.Gateway.Http;

/// <summary>
/// A request before a compacted journal's horizon (issue 15): 6017 INVALID_PARAMETER naming the parameter and where
/// the history starts (SPEC 4.4: desc names the field and the limit).
/// </summary>
public static class HorizonRefusal
{
    public static RequestRefusedException For(string parameter, BeforeHorizonException before) =>
        RequestRefusedException.Invalid($"{parameter}: {before.Message}");

    public static RequestRefusedException For(string parameter, string value, JournalHorizon horizon) =>
        For(parameter, new BeforeHorizonException(horizon, value));
}
