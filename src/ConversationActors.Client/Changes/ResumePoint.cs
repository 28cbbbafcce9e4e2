namespace ConversationActors.Client.Changes;

/// <summary>
/// Where a change feed resumes so that nothing is missed and nothing is yielded twice. The items of one seq
/// arrive together, but a connection may drop between them: the feed then resumes strictly after the seq
/// before (<c>Last-Event-ID: seq - 1</c>) and skips the items of that seq it already yielded. The first item of
/// a feed opened without a resume point is the current total, which stands for the whole journal up to its seq.
/// </summary>
internal sealed class ResumePoint(long? after)
{
    private long? _complete = after;
    private long _partialSeq = -1;
    private int _partialCount;
    private int _toSkip;

    /// <summary>The Last-Event-ID for the next connection, or null: from now on.</summary>
    public long? LastEventId => _partialCount > 0 ? _partialSeq - 1 : _complete;

    /// <summary>Called when a connection opens; from then on the replayed items of the partial seq are skipped.</summary>
    public void Connected() => _toSkip = _partialCount;

    /// <summary>Whether an item is new to the caller; records it when it is.</summary>
    public bool Accept(long seq, bool firstOfFreshFeed)
    {
        if (firstOfFreshFeed)
        {
            // The current total: everything up to seq is known.
            _complete = seq;
            _partialCount = 0;
            return true;
        }

        if (seq <= (_complete ?? -1) || seq < _partialSeq)
        {
            return false;
        }

        if (seq == _partialSeq)
        {
            if (_toSkip > 0)
            {
                _toSkip--;
                return false;
            }

            _partialCount++;
            return true;
        }

        // A later seq: every item of the partial one has been seen.
        if (_partialCount > 0)
        {
            _complete = _partialSeq;
        }

        _partialSeq = seq;
        _partialCount = 1;
        _toSkip = 0;
        return true;
    }
}
