using ConversationActors.Client.Changes;

namespace ConversationActors.Client.Tests;

/// <summary>The resume rule on its own: the drops a real server makes rarely (between two items of one seq).</summary>
public sealed class ResumePointTests
{
    [Fact]
    public void A_drop_between_two_items_of_one_seq_resumes_before_that_seq_and_skips_what_was_yielded()
    {
        var resume = new ResumePoint(after: null);
        resume.Connected();
        Assert.True(resume.Accept(4, firstOfFreshFeed: true));
        Assert.Equal(4, resume.LastEventId);
        Assert.True(resume.Accept(5, false));

        // Dropped after the first item of seq 5: the server replays all of seq 5.
        Assert.Equal(4, resume.LastEventId);
        resume.Connected();
        Assert.False(resume.Accept(5, false));
        Assert.True(resume.Accept(5, false));
        Assert.True(resume.Accept(6, false));
        Assert.Equal(5, resume.LastEventId);
    }

    [Fact]
    public void Items_at_or_before_the_resume_point_are_never_yielded_again()
    {
        var resume = new ResumePoint(after: 10);
        Assert.Equal(10, resume.LastEventId);
        resume.Connected();
        Assert.False(resume.Accept(10, false));
        Assert.True(resume.Accept(11, false));
        Assert.True(resume.Accept(12, false));
        resume.Connected();
        Assert.False(resume.Accept(12, false));
        Assert.False(resume.Accept(11, false));
        Assert.True(resume.Accept(13, false));
    }
}
