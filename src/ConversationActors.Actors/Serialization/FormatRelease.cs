using Akka.Cluster;
using Akka.Util;

namespace ConversationActors.Actors.Serialization;

/// <summary>
/// Which release's formats this node may write (issue 31, docs/upgrading.md). A cluster may run release N-1 and N side by
/// side, and each must read everything the other writes; so a format that release N adds (a new event, snapshot or
/// message manifest) is written only once <see cref="Of"/> is N or later: every member runs N (each announces its release
/// as <c>akka.cluster.app-version</c>) and the operator has not pinned an older release with
/// <c>conversation-actors.format-release</c>. Changes the older release reads anyway (a new optional JSON field: it skips
/// unknown fields) need no gate.
/// </summary>
public static class FormatRelease
{
    /// <summary>The setting's value that follows the cluster's oldest member.</summary>
    public const string Auto = "auto";

    /// <summary>
    /// The release whose formats may be written: <paramref name="setting"/> when it names one (never above this node's
    /// own), else the oldest release among <paramref name="members"/> that are not Down (this node's when it knows none).
    /// </summary>
    /// <param name="self">This node's release (its app-version).</param>
    public static AppVersion Of(IEnumerable<(MemberStatus Status, AppVersion Release)> members, AppVersion self, string setting)
    {
        if (!string.Equals(setting, Auto, StringComparison.OrdinalIgnoreCase))
        {
            var pinned = AppVersion.Create(setting);
            return pinned.CompareTo(self) < 0 ? pinned : self;
        }

        var oldest = self;
        foreach (var member in members)
        {
            if (member.Status != MemberStatus.Down && member.Release.CompareTo(oldest) < 0)
            {
                oldest = member.Release;
            }
        }

        return oldest;
    }

    /// <summary>The formats release of this node's cluster now (the members as this node sees them).</summary>
    public static AppVersion Of(Cluster cluster, string setting) =>
        Of(cluster.State.Members.Select(m => (m.Status, m.AppVersion)), cluster.SelfMember.AppVersion, setting);

    /// <summary>Whether a format added in release <paramref name="addedIn"/> may be written when the formats release is <paramref name="formatRelease"/>.</summary>
    public static bool Allows(AppVersion formatRelease, string addedIn) => formatRelease.CompareTo(AppVersion.Create(addedIn)) >= 0;
}
