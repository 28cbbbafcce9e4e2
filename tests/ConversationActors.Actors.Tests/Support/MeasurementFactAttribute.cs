namespace ConversationActors.Actors.Tests.Support;

/// <summary>
/// A slow measurement, not a check: skipped unless <c>CONVERSATION_ACTORS_MEASURE=1</c>, so the default
/// run stays fast. Run with
/// <c>CONVERSATION_ACTORS_MEASURE=1 dotnet test tests/ConversationActors.Actors.Tests --filter Category=Measurement --logger "console;verbosity=detailed"</c>.
/// </summary>
public sealed class MeasurementFactAttribute : FactAttribute
{
    public const string Variable = "CONVERSATION_ACTORS_MEASURE";

    public MeasurementFactAttribute()
    {
        if (Environment.GetEnvironmentVariable(Variable) != "1")
        {
            Skip = $"a measurement; set {Variable}=1 to run it";
        }
    }
}
