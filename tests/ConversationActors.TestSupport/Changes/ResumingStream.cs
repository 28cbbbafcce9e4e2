using System.Globalization;

namespace ConversationActors.TestSupport.Changes;

/// <summary>
/// A change-feed client as an app keeps one open through a rolling deploy or a fault: whenever its stream ends or fails it
/// opens it again on the next node with <c>Last-Event-ID</c> (the last id it read), until disposed. It records every event
/// id it read, in order, so a test can check that the stream resumed without a gap (<see cref="GapsAgainst"/>).
/// </summary>
public sealed class ResumingStream : IAsyncDisposable
{
    /// <summary>How long a reconnect waits after a failed open (a client's backoff, so a down node is not hammered).</summary>
    private static readonly TimeSpan Backoff = TimeSpan.FromMilliseconds(250);

    private readonly string _userID;
    private readonly IReadOnlyList<Uri> _nodes;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<long> _ids = [];
    private readonly Task _run;
    private int _opens;

    private ResumingStream(string userID, IReadOnlyList<Uri> nodes)
    {
        _userID = userID;
        _nodes = nodes;
        _run = Task.Run(RunAsync);
    }

    public string UserID => _userID;

    /// <summary>How many times the stream was opened (1 + its resumptions).</summary>
    public int Opens => Volatile.Read(ref _opens);

    /// <summary>Every event id read so far, in the order read (an event's id is its seq; one seq may carry several events).</summary>
    public IReadOnlyList<long> Ids
    {
        get
        {
            lock (_ids)
            {
                return [.. _ids];
            }
        }
    }

    /// <summary>The last id read, or null before the first event.</summary>
    public long? LastId
    {
        get
        {
            lock (_ids)
            {
                return _ids.Count == 0 ? null : _ids[^1];
            }
        }
    }

    /// <summary>Starts the stream of <paramref name="userID"/> on the first of <paramref name="nodes"/>.</summary>
    public static ResumingStream Start(string userID, IReadOnlyList<Uri> nodes) => new(userID, nodes);

    /// <summary>
    /// What is wrong with the ids read, judged against the seqs of the user's journal whose events have changes
    /// (<paramref name="changeSeqs"/>, e.g. <c>UserJournal.ChangeSeqs</c>): an id that went backwards, and every such seq
    /// after the first id read and up to the last one that no event carried (a gap).
    /// </summary>
    public IReadOnlyList<string> GapsAgainst(IEnumerable<long> changeSeqs)
    {
        var ids = Ids;
        var problems = new List<string>();
        for (var i = 1; i < ids.Count; i++)
        {
            if (ids[i] < ids[i - 1])
            {
                problems.Add(string.Create(CultureInfo.InvariantCulture, $"{_userID}: id {ids[i]} read after {ids[i - 1]}"));
            }
        }

        if (ids.Count == 0)
        {
            problems.Add($"{_userID}: no event read");
            return problems;
        }

        var read = ids.ToHashSet();
        var missing = changeSeqs.Where(s => s > ids[0] && s <= ids[^1] && !read.Contains(s)).ToList();
        if (missing.Count > 0)
        {
            problems.Add($"{_userID}: {missing.Count} seq(s) with changes between {ids[0]} and {ids[^1]} never came: {string.Join(", ", missing.Take(10))}");
        }

        return problems;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _run;
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }

    private async Task RunAsync()
    {
        var node = 0;
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                await using var feed = await SseClient.OpenAsync(_nodes[node], _userID, LastId, openWithin: TimeSpan.FromSeconds(10));
                if (!feed.Response.IsSuccessStatusCode)
                {
                    throw new HttpRequestException($"the feed answered {(int)feed.Response.StatusCode}");
                }

                Interlocked.Increment(ref _opens);
                while (await feed.NextAsync(Timeout.InfiniteTimeSpan).WaitAsync(_stop.Token) is { } evt)
                {
                    lock (_ids)
                    {
                        _ids.Add(evt.Id);
                    }
                }
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is HttpRequestException or IOException or TimeoutException or OperationCanceledException or InvalidOperationException)
            {
                // The node went away or refused: resume on the next one after a client's backoff.
                await Task.Delay(Backoff, _stop.Token).ContinueWith(_ => { }, TaskScheduler.Default);
            }

            node = (node + 1) % _nodes.Count;
        }
    }
}
