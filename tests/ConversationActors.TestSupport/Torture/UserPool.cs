using System.Globalization;

namespace ConversationActors.TestSupport.Torture;

/// <summary>
/// The users a run writes to (thread-safe). Few at a time so that clients collide on them; some rest now and then
/// (no request for longer than the passivate-after, so their entities stop and start again); late users join near the
/// end; a user that has received <see cref="TortureOptions.MessagesPerUser"/> messages is retired and replaced by a
/// fresh one (a new entity), so the dedupe window is never outrun.
/// </summary>
public sealed class UserPool
{
    private readonly object _gate = new();
    private readonly List<Slot> _active = [];
    private readonly List<string> _everyone = [];
    private readonly string _prefix;
    private readonly int _messagesPerUser;
    private int _nextNumber;

    public UserPool(string prefix, int users, int messagesPerUser)
    {
        _prefix = prefix;
        _messagesPerUser = messagesPerUser;
        Add(users);
    }

    /// <summary>Every user the run has used, retired ones too: the checker looks at each.</summary>
    public IReadOnlyList<string> Everyone
    {
        get
        {
            lock (_gate)
            {
                return [.. _everyone];
            }
        }
    }

    /// <summary>How many rest periods began (each longer than the passivate-after).</summary>
    public int Rests { get; private set; }

    /// <summary>How many users were retired at their message cap.</summary>
    public int Retired { get; private set; }

    /// <summary>Adds <paramref name="count"/> fresh users.</summary>
    public void Add(int count)
    {
        lock (_gate)
        {
            for (var i = 0; i < count; i++)
            {
                _active.Add(new Slot(NewUser()));
            }
        }
    }

    /// <summary>Up to <paramref name="count"/> distinct users not resting at <paramref name="now"/> (resting ones only if too few are awake).</summary>
    public string[] PickAwake(Random random, int count, long now)
    {
        lock (_gate)
        {
            var awake = _active.Where(s => s.RestUntil <= now).ToList();
            if (awake.Count < count)
            {
                awake = [.. _active];
            }

            return [.. awake.OrderBy(_ => random.Next()).Take(count).Select(s => s.UserID)];
        }
    }

    /// <summary>Sends one awake user to rest for <paramref name="restFor"/>, unless half of them rest already.</summary>
    public void Rest(Random random, long now, TimeSpan restFor)
    {
        lock (_gate)
        {
            var awake = _active.Where(s => s.RestUntil <= now).ToList();
            if (awake.Count * 2 <= _active.Count)
            {
                return;
            }

            awake[random.Next(awake.Count)].RestUntil = now + (long)restFor.TotalMilliseconds;
            Rests++;
        }
    }

    /// <summary>Counts a message for each of <paramref name="userIDs"/>; a user at its cap is replaced by a fresh one.</summary>
    public void CountMessage(IEnumerable<string> userIDs)
    {
        lock (_gate)
        {
            foreach (var userID in userIDs)
            {
                var index = _active.FindIndex(s => s.UserID == userID);
                if (index >= 0 && ++_active[index].Messages >= _messagesPerUser)
                {
                    _active[index] = new Slot(NewUser());
                    Retired++;
                }
            }
        }
    }

    private string NewUser()
    {
        var userID = _prefix + _nextNumber++.ToString(CultureInfo.InvariantCulture);
        _everyone.Add(userID);
        return userID;
    }

    private sealed class Slot(string userID)
    {
        public string UserID { get; } = userID;

        public long RestUntil { get; set; }

        public int Messages { get; set; }
    }
}
