using System.Diagnostics;
using ContainerInit.Tests.Infrastructure;
using static ContainerInit.Tests.Infrastructure.SupervisorRun;

namespace ContainerInit.Tests.Supervision;

public sealed class LifecycleSpecs
{
    private const string NoStartup = "[init]\nstartup_dir = \"\"\n";

    [Fact(Timeout = 60_000)]
    public async Task A_program_failing_to_start_is_retried_with_growing_backoff_then_FATAL_stops_the_container()
    {
        using var temp = new TempDirectory();
        var clock = Stopwatch.StartNew();
        await using var init = await SupervisorRun.StartAsync(temp, NoStartup + $"""
            [program.flaky]
            command = {TomlArray("sh", "-c", $"echo try >> {temp.File_("tries")}; exit 5")}
            startretries = 2
            """);

        Assert.Equal(5, await init.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        // One first try and two retries, 1 s then 2 s apart.
        Assert.Equal(3, File.ReadAllLines(temp.File_("tries")).Length);
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(3), $"retries came too fast: {clock.Elapsed}");
        Assert.Contains("retry 1 of 2 in 1 s", init.ErrorOutput);
        Assert.Contains("retry 2 of 2 in 2 s", init.ErrorOutput);
        Assert.Contains("flaky: gave up after 3 failed starts", init.ErrorOutput);
    }

    [Fact(Timeout = 60_000)]
    public async Task An_exit_code_listed_in_exitcodes_is_expected_and_not_restarted_while_others_run_on()
    {
        using var temp = new TempDirectory();
        await using var init = await SupervisorRun.StartAsync(temp, NoStartup + $"""
            [program.oneshot]
            command = {TomlArray("sh", "-c", $"echo run >> {temp.File_("runs")}; exit 3")}
            exitcodes = [0, 3]
            startsecs = 0

            [program.server]
            command = ["sleep", "1000"]
            startsecs = 0
            """);

        await Eventually.TrueAsync(() => init.ErrorOutput.Contains("oneshot: exited (exit status 3, expected)"), TimeSpan.FromSeconds(20), "the expected exit");
        Assert.False(init.HasExited);
        init.Signal(Posix.TERM);
        Assert.Equal(0, await init.WaitForExitAsync());
        Assert.Single(File.ReadAllLines(temp.File_("runs")));
    }

    [Fact(Timeout = 60_000)]
    public async Task An_unexpected_exit_code_restarts_the_program()
    {
        using var temp = new TempDirectory();
        await using var init = await SupervisorRun.StartAsync(temp, NoStartup + $"""
            [program.crashy]
            command = {TomlArray("sh", "-c", $"echo run >> {temp.File_("runs")}; [ $(wc -l < {temp.File_("runs")}) -ge 3 ] && exec sleep 1000; exit 4")}
            exitcodes = [0]
            startsecs = 0
            """);

        await Eventually.TrueAsync(() => temp.Lines("runs").Length == 3, TimeSpan.FromSeconds(20), "two restarts");
        init.Signal(Posix.TERM);
        Assert.Equal(0, await init.WaitForExitAsync());
        Assert.Contains("crashy: exited (exit status 4, unexpected); restarting", init.ErrorOutput);
    }

    [Fact(Timeout = 60_000)]
    public async Task When_every_program_has_ended_as_expected_the_init_exits_0()
    {
        using var temp = new TempDirectory();
        await using var init = await SupervisorRun.StartAsync(temp, NoStartup + """
            [program.job]
            command = ["true"]
            startsecs = 0
            """);
        Assert.Equal(0, await init.WaitForExitAsync());
        Assert.Contains("no program left running", init.ErrorOutput);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_program_dying_of_a_signal_without_autorestart_stops_the_container_with_128_plus_N()
    {
        using var temp = new TempDirectory();
        await using var init = await SupervisorRun.StartAsync(temp, NoStartup + $"""
            [program.victim]
            command = {TomlArray("sh", "-c", $"echo $$$$ > {temp.File_("pid")}; exec sleep 1000")}
            autorestart = false
            startsecs = 0

            [program.bystander]
            command = ["sleep", "1000"]
            startsecs = 0
            """, asPidOne: false);
        var pid = int.Parse(await Eventually.ValueAsync(() => temp.Lines("pid").FirstOrDefault(), TimeSpan.FromSeconds(10), "the victim"));

        Posix.Kill(pid, Posix.KILL);

        Assert.Equal(137, await init.WaitForExitAsync());
        Assert.Contains("victim: exited unexpectedly (killed by signal 9", init.ErrorOutput);
        Assert.Contains("bystander: stopping with SIGTERM", init.ErrorOutput);
    }

    [Fact(Timeout = 60_000)]
    public async Task With_on_fatal_continue_a_failed_program_is_left_FATAL_and_the_rest_run_on()
    {
        using var temp = new TempDirectory();
        await using var init = await SupervisorRun.StartAsync(temp, """
            [init]
            startup_dir = ""
            on_fatal = "continue"

            [program.broken]
            command = ["false"]
            startretries = 0

            [program.server]
            command = ["sleep", "1000"]
            startsecs = 0
            """);
        await Eventually.TrueAsync(() => init.ErrorOutput.Contains("broken: gave up"), TimeSpan.FromSeconds(20), "broken to be FATAL");
        Assert.False(init.HasExited);
        init.Signal(Posix.TERM);
        Assert.Equal(0, await init.WaitForExitAsync());
    }

    [Fact(Timeout = 60_000)]
    public async Task A_missing_config_file_exits_2_and_says_so()
    {
        await using var init = await InitProcess.StartAsync(["--config", "/no/such/init.toml"], waitUntilListening: false);
        Assert.Equal(2, await init.WaitForExitAsync());
        Assert.Contains("/no/such/init.toml: no such config file", init.ErrorOutput);
    }

    [Fact(Timeout = 60_000)]
    public async Task An_invalid_config_reports_every_error_with_its_position_and_starts_nothing()
    {
        using var temp = new TempDirectory();
        await using var init = await SupervisorRun.StartAsync(temp, NoStartup + $"""
            [program.a]
            command = {TomlArray("sh", "-c", $"touch {temp.File_("started")}")}
            stopwait = 3
            after = ["b"]

            [program.b]
            command = ["true"]
            after = ["a"]
            stopsignal = "NOPE"
            """, waitUntilListening: false);

        Assert.Equal(2, await init.WaitForExitAsync());
        var path = temp.File_("init.toml");
        Assert.Contains($"{path}:5:1: error: unknown key 'stopwait'", init.ErrorOutput);
        Assert.Matches($@"{path}:11:\d+: error: .*NOPE", init.ErrorOutput);
        Assert.Contains("a -> b -> a", init.ErrorOutput);
        Assert.False(File.Exists(temp.File_("started")));
    }
}
