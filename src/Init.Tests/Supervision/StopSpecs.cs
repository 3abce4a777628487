using System.Diagnostics;
using ContainerInit.Tests.Infrastructure;
using static ContainerInit.Tests.Infrastructure.SupervisorRun;

namespace ContainerInit.Tests.Supervision;

public sealed class StopSpecs
{
    private const string NoStartup = "[init]\nstartup_dir = \"\"\n";

    [Fact(Timeout = 60_000)]
    public async Task Programs_stop_in_reverse_start_order_each_with_its_stopsignal()
    {
        using var temp = new TempDirectory();
        var log = temp.File_("log");
        string Program(string name, int priority, string signal) => $"""
            [program.{name}]
            command = {TomlArray("bash", "-c", $"trap 'echo {name} {signal} >> {log}; exit 0' {signal}; echo up > {temp.File_(name)}; while :; do sleep 5 & wait $!; done")}
            priority = {priority}
            stopsignal = "{signal}"
            startsecs = 0

            """;
        await using var init = await SupervisorRun.StartAsync(temp, NoStartup + Program("first", 10, "QUIT") + Program("second", 20, "USR1") + Program("third", 30, "INT"));
        await Eventually.TrueAsync(() => new[] { "first", "second", "third" }.All(n => File.Exists(temp.File_(n))), TimeSpan.FromSeconds(20), "all three up");

        init.Signal(Posix.TERM);

        Assert.Equal(0, await init.WaitForExitAsync());
        Assert.Equal(["third INT", "second USR1", "first QUIT"], File.ReadAllLines(log));
    }

    [Fact(Timeout = 60_000)]
    public async Task A_program_ignoring_its_stop_signal_is_killed_after_stopwaitsecs()
    {
        using var temp = new TempDirectory();
        await using var init = await SupervisorRun.StartAsync(temp, NoStartup + $"""
            [program.stubborn]
            command = {TomlArray("bash", "-c", $"trap '' TERM; echo up > {temp.File_("up")}; exec sleep 1000")}
            stopwaitsecs = 1
            startsecs = 0
            """);
        await Eventually.TrueAsync(() => File.Exists(temp.File_("up")), TimeSpan.FromSeconds(20), "the program");
        var clock = Stopwatch.StartNew();

        init.Signal(Posix.TERM);

        Assert.Equal(0, await init.WaitForExitAsync());
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5));
        Assert.Contains("stubborn: still running after its stop wait; sending SIGKILL", init.ErrorOutput);
    }

    [Fact(Timeout = 60_000)]
    public async Task No_grandchild_survives_a_group_stop()
    {
        using var temp = new TempDirectory();
        await using var init = await SupervisorRun.StartAsync(temp, NoStartup + $"""
            [program.family]
            command = {TomlArray("bash", "-c", $"sleep 1000 & bash -c 'trap \"\" TERM; exec sleep 1000' & echo up > {temp.File_("up")}; wait")}
            stopwaitsecs = 1
            startsecs = 0
            """, asPidOne: false);
        await Eventually.TrueAsync(() => File.Exists(temp.File_("up")) && ProcFs.Descendants(init.Pid).Count >= 3, TimeSpan.FromSeconds(20), "the family");
        var family = ProcFs.Descendants(init.Pid);

        init.Signal(Posix.TERM);

        Assert.Equal(0, await init.WaitForExitAsync());
        Assert.All(family, pid => Assert.False(ProcFs.Exists(pid) && ProcFs.State(pid) != 'Z', $"{pid} survived"));
    }

    [Fact(Timeout = 60_000)]
    public async Task A_second_SIGTERM_during_the_stop_kills_everything_at_once()
    {
        using var temp = new TempDirectory();
        await using var init = await SupervisorRun.StartAsync(temp, NoStartup + $"""
            [program.slow]
            command = {TomlArray("bash", "-c", $"trap '' TERM; echo up > {temp.File_("up")}; exec sleep 1000")}
            stopwaitsecs = 30
            startsecs = 0
            """);
        await Eventually.TrueAsync(() => File.Exists(temp.File_("up")), TimeSpan.FromSeconds(20), "the program");
        init.Signal(Posix.TERM);
        await Eventually.TrueAsync(() => init.ErrorOutput.Contains("slow: stopping with SIGTERM"), TimeSpan.FromSeconds(10), "the stop to begin");
        var clock = Stopwatch.StartNew();

        init.Signal(Posix.TERM);

        Assert.Equal(0, await init.WaitForExitAsync());
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
    }

    [Fact(Timeout = 60_000)]
    public async Task The_whole_stop_ends_within_shutdown_timeout_whatever_stopwaitsecs_say()
    {
        using var temp = new TempDirectory();
        await using var init = await SupervisorRun.StartAsync(temp, """
            [init]
            startup_dir = ""
            shutdown_timeout = 2
            """ + $"""

            [program.slow]
            command = {TomlArray("bash", "-c", $"trap '' TERM; echo up > {temp.File_("up")}; exec sleep 1000")}
            stopwaitsecs = 60
            startsecs = 0
            """);
        await Eventually.TrueAsync(() => File.Exists(temp.File_("up")), TimeSpan.FromSeconds(20), "the program");
        var clock = Stopwatch.StartNew();

        init.Signal(Posix.TERM);

        Assert.Equal(0, await init.WaitForExitAsync());
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(1.9), TimeSpan.FromSeconds(6));
    }
}
