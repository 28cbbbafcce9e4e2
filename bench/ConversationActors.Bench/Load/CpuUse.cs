using System.Diagnostics;

namespace ConversationActors.Bench.Load;

/// <summary>
/// Issue 27 (6): a server process's CPU time (user + system, every thread) over a measured window, and what it comes to per
/// acknowledged request and per event written (a fan-out request to 500 members writes 500 events; an ingest request, one).
/// </summary>
/// <param name="Seconds">CPU seconds the process used in the window (idle work such as cluster heartbeats included).</param>
/// <param name="Requests">Requests acknowledged in the window.</param>
/// <param name="Events">Events (journal rows, deliveries) those requests wrote.</param>
public sealed record CpuUse(double Seconds, long Requests, long Events)
{
    /// <summary>CPU microseconds per acknowledged request (NaN without one).</summary>
    public double MicrosecondsPerRequest => Requests > 0 ? Seconds * 1e6 / Requests : double.NaN;

    /// <summary>CPU microseconds per event written (NaN without one).</summary>
    public double MicrosecondsPerEvent => Events > 0 ? Seconds * 1e6 / Events : double.NaN;
}

/// <summary>Reads a process's CPU time at the start of a window; <see cref="Stop"/> gives the window's <see cref="CpuUse"/>.</summary>
public readonly record struct CpuClock(int Pid, TimeSpan Started)
{
    public static CpuClock Start(int pid) => new(pid, Read(pid));

    /// <param name="requests">Requests acknowledged in the window.</param>
    /// <param name="eventsPerRequest">Events each of them wrote.</param>
    public CpuUse Stop(long requests, long eventsPerRequest = 1) =>
        new((Read(Pid) - Started).TotalSeconds, requests, requests * eventsPerRequest);

    /// <summary>The process's total CPU time so far (on Linux from /proc/PID/stat, in clock ticks of 10 ms).</summary>
    public static TimeSpan Read(int pid)
    {
        using var process = Process.GetProcessById(pid);
        return process.TotalProcessorTime;
    }
}
