using System.Diagnostics;
using ConversationActors.Bench.Load;

namespace ConversationActors.Bench.Tests;

public class CpuUseTests
{
    [Fact]
    public void Cpu_per_request_and_per_event_divide_the_same_seconds()
    {
        // A fan-out: 40 messages to 500 members each, 2 CPU seconds.
        var use = new CpuUse(2.0, 40, 40 * 500);
        Assert.Equal(50_000, use.MicrosecondsPerRequest, 6);
        Assert.Equal(100, use.MicrosecondsPerEvent, 6);
    }

    [Fact]
    public void Without_an_acknowledged_message_there_is_no_cost_per_message()
    {
        var use = new CpuUse(0.5, 0, 0);
        Assert.True(double.IsNaN(use.MicrosecondsPerRequest));
        Assert.True(double.IsNaN(use.MicrosecondsPerEvent));
    }

    [Fact]
    public void The_clock_counts_the_processs_cpu_time_over_the_window()
    {
        var clock = CpuClock.Start(Environment.ProcessId);
        var wall = Stopwatch.StartNew();
        var spins = 0L;
        CpuUse use;
        do
        {
            for (var i = 0; i < 1_000_000; i++)
            {
                spins += i % 7;
            }

            use = clock.Stop(requests: 10, eventsPerRequest: 3);
        }
        while (use.Seconds < 0.05 && wall.Elapsed < TimeSpan.FromSeconds(20));

        Assert.True(use.Seconds >= 0.05, $"{use.Seconds} CPU s after {wall.Elapsed.TotalSeconds} s of spinning ({spins})");
        Assert.Equal(30, use.Events);
    }
}
