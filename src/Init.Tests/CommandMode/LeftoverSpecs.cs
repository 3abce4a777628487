using System.Diagnostics;
using System.Text.Json;
using ContainerInit.Tests.Infrastructure;

namespace ContainerInit.Tests.CommandMode;

public sealed class LeftoverSpecs
{
    private static string LeaveTwoBehind(TempDirectory temp) => temp.Script("leaver", $$"""
        ( trap 'echo TERM > {{temp.File_("polite-got")}}; exit 0' TERM; echo $BASHPID > {{temp.File_("polite")}}; while :; do sleep 5 & wait $!; done ) &
        ( trap '' TERM; echo $BASHPID > {{temp.File_("stubborn")}}; exec sleep 1000 ) &
        while [ ! -s {{temp.File_("polite")}} ] || [ ! -s {{temp.File_("stubborn")}} ]; do sleep 0.01; done
        exit 7
        """);

    [Theory(Timeout = 60_000)]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Leftovers_get_SIGTERM_then_SIGKILL_after_the_grace_period(bool asPidOne)
    {
        using var temp = new TempDirectory();
        var clock = Stopwatch.StartNew();
        await using var init = await InitProcess.StartAsync(["--grace", "1.5", "--", LeaveTwoBehind(temp)], asPidOne);

        Assert.Equal(7, await init.WaitForExitAsync());

        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(1.5), $"the init exited after {clock.Elapsed}, before the grace period ended");
        Assert.Equal("TERM", File.ReadAllText(temp.File_("polite-got")).Trim());
        // As PID 1 the pids written are the namespace's, and the kernel ends the namespace with the init anyway.
        if (asPidOne) return;
        var stubborn = int.Parse(File.ReadAllText(temp.File_("stubborn")));
        var polite = int.Parse(File.ReadAllText(temp.File_("polite")));
        Assert.False(ProcFs.Exists(stubborn) && ProcFs.State(stubborn) != 'Z', "the process ignoring SIGTERM survived");
        Assert.False(ProcFs.Exists(polite) && ProcFs.State(polite) != 'Z', "the polite process survived");
    }

    [Fact(Timeout = 60_000)]
    public async Task Leftovers_that_obey_SIGTERM_do_not_make_me_wait_for_the_grace_period()
    {
        using var temp = new TempDirectory();
        var script = temp.Script("leaver", $$"""
            ( trap 'exit 0' TERM; echo started > {{temp.File_("started")}}; while :; do sleep 5 & wait $!; done ) &
            while [ ! -s {{temp.File_("started")}} ]; do sleep 0.01; done
            exit 3
            """);
        var clock = Stopwatch.StartNew();
        await using var init = await InitProcess.StartAsync(["--grace", "20", "--", script]);
        Assert.Equal(3, await init.WaitForExitAsync(TimeSpan.FromSeconds(15)));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10));
    }

    [Fact(Timeout = 60_000)]
    public async Task The_init_logs_one_JSON_object_per_line_when_asked()
    {
        using var temp = new TempDirectory();
        await using var init = await InitProcess.StartAsync(["--grace", "0.2", "--", LeaveTwoBehind(temp)],
            environment: new Dictionary<string, string?> { ["CONTAINER_INIT_LOG_FORMAT"] = "json", ["SECRET_TOKEN"] = "hunter2-value" });

        Assert.Equal(7, await init.WaitForExitAsync());

        var lines = init.ErrorOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.NotEmpty(lines);
        foreach (var line in lines)
        {
            using var document = JsonDocument.Parse(line);
            Assert.True(document.RootElement.TryGetProperty("@mt", out _), line);
        }
        Assert.Contains(lines, line => line.Contains("SIGKILL", StringComparison.Ordinal));
        Assert.DoesNotContain("hunter2-value", init.ErrorOutput);
    }
}
