using Akka.Cluster;
using Akka.Util;
using ConversationActors.Actors.Serialization;

namespace ConversationActors.Actors.Tests;

/// <summary>
/// Issue 31: a format a release adds is written only once every member runs that release, or not while the operator
/// pins an older one, so a node of the previous release never meets a format it cannot read.
/// </summary>
public sealed class FormatReleaseTests
{
    private static readonly AppVersion Self = AppVersion.Create("1.1.0");

    [Fact]
    public void While_a_member_runs_the_previous_release_its_formats_are_written()
    {
        var release = FormatRelease.Of([(MemberStatus.Up, AppVersion.Create("1.1.0")), (MemberStatus.Up, AppVersion.Create("1.0.0")), (MemberStatus.Joining, Self)], Self, "auto");

        Assert.Equal("1.0.0", release.ToString());
        Assert.False(FormatRelease.Allows(release, "1.1.0"));
        Assert.True(FormatRelease.Allows(release, "1.0.0"));
    }

    [Fact]
    public void Once_every_member_runs_this_release_its_formats_are_written_and_a_downed_old_member_does_not_hold_them_back()
    {
        var release = FormatRelease.Of([(MemberStatus.Up, Self), (MemberStatus.Leaving, Self), (MemberStatus.Down, AppVersion.Create("1.0.0"))], Self, "auto");

        Assert.Equal("1.1.0", release.ToString());
        Assert.True(FormatRelease.Allows(release, "1.1.0"));
    }

    [Fact]
    public void A_pinned_release_holds_the_formats_back_even_when_every_member_runs_this_one_and_never_raises_them_above_it()
    {
        Assert.Equal("1.0.0", FormatRelease.Of([(MemberStatus.Up, Self)], Self, "1.0.0").ToString());
        Assert.Equal("1.1.0", FormatRelease.Of([(MemberStatus.Up, Self)], Self, "2.0.0").ToString());
    }
}
