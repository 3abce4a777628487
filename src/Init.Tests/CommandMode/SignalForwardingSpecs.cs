using ContainerInit.Tests.Infrastructure;

namespace ContainerInit.Tests.CommandMode;

public sealed class SignalForwardingSpecs
{
    private static readonly (string Name, int Number)[] Forwarded =
    [
        ("HUP", Posix.HUP), ("INT", Posix.INT), ("QUIT", Posix.QUIT), ("USR1", Posix.USR1), ("USR2", Posix.USR2),
        ("TERM", Posix.TERM), ("WINCH", Posix.WINCH), ("CONT", Posix.CONT), ("ALRM", Posix.ALRM),
    ];

    /// <summary>A child that logs each trapped signal on a line of its own and exits on SIGPWR.</summary>
    private static string SignalLogger(TempDirectory temp) => temp.Script("logger", $$"""
        log={{temp.File_("log")}}
        for s in {{string.Join(' ', Forwarded.Select(s => s.Name))}}; do trap "echo $s >> $log" $s; done
        trap 'echo END >> $log; exit 0' PWR
        echo ready > {{temp.File_("ready")}}
        while :; do sleep 5 & wait $!; done
        """);

    [Theory(Timeout = 60_000)]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Every_signal_I_send_reaches_my_command_exactly_once(bool asPidOne)
    {
        using var temp = new TempDirectory();
        await using var init = await InitProcess.StartAsync(["--", SignalLogger(temp)], asPidOne);
        await Eventually.TrueAsync(() => File.Exists(temp.File_("ready")), TimeSpan.FromSeconds(10), "the child to trap its signals");

        var expected = new List<string>();
        foreach (var (name, number) in Forwarded)
        {
            init.Signal(number);
            expected.Add(name);
            await Eventually.TrueAsync(() => temp.Lines("log").Length >= expected.Count, TimeSpan.FromSeconds(10), $"SIG{name} to reach the child");
        }
        init.Signal(30); // SIGPWR ends the logger
        Assert.Equal(0, await init.WaitForExitAsync());
        Assert.Equal([.. expected, "END"], File.ReadAllLines(temp.File_("log")));
    }

    [Fact(Timeout = 60_000)]
    public async Task With_group_a_signal_reaches_the_grandchildren_too()
    {
        using var temp = new TempDirectory();
        var log = temp.File_("log");
        var script = temp.Script("parent", $$"""
            bash -c 'trap "echo grandchild >> {{log}}; exit 0" USR1; echo ready > {{temp.File_("ready2")}}; while :; do sleep 5 & wait $!; done' &
            trap "echo child >> {{log}}" USR1
            echo ready > {{temp.File_("ready1")}}
            wait $!
            wait $!
            exit 0
            """);
        await using var init = await InitProcess.StartAsync(["--group", "--", script]);
        await Eventually.TrueAsync(() => File.Exists(temp.File_("ready1")) && File.Exists(temp.File_("ready2")), TimeSpan.FromSeconds(10), "both to trap USR1");

        init.Signal(Posix.USR1);

        Assert.Equal(0, await init.WaitForExitAsync());
        Assert.Equal(["child", "grandchild"], File.ReadAllLines(log).Order());
    }

    [Fact(Timeout = 60_000)]
    public async Task Without_group_a_signal_reaches_only_my_command()
    {
        using var temp = new TempDirectory();
        var log = temp.File_("log");
        var script = temp.Script("parent", $$"""
            bash -c 'trap "echo grandchild >> {{log}}; exit 0" USR1 USR2; echo ready > {{temp.File_("ready2")}}; while :; do sleep 5 & wait $!; done' &
            grandchild=$!
            trap "echo child >> {{log}}; kill -USR2 $grandchild" USR1
            echo ready > {{temp.File_("ready1")}}
            wait $grandchild
            wait $grandchild
            exit 0
            """);
        await using var init = await InitProcess.StartAsync(["--", script]);
        await Eventually.TrueAsync(() => File.Exists(temp.File_("ready1")) && File.Exists(temp.File_("ready2")), TimeSpan.FromSeconds(10), "both to trap USR1");

        init.Signal(Posix.USR1);

        Assert.Equal(0, await init.WaitForExitAsync());
        // The grandchild heard of it only through the child's USR2, after the child's own line.
        Assert.Equal(["child", "grandchild"], File.ReadAllLines(log));
    }

    [Fact(Timeout = 60_000)]
    public async Task A_rewrite_turns_one_signal_into_another_and_zero_drops_it()
    {
        using var temp = new TempDirectory();
        await using var init = await InitProcess.StartAsync(["--rewrite", "TERM:USR1", "-r", "HUP:0", "--", SignalLogger(temp)]);
        await Eventually.TrueAsync(() => File.Exists(temp.File_("ready")), TimeSpan.FromSeconds(10), "the child to trap its signals");

        init.Signal(Posix.TERM);
        await Eventually.TrueAsync(() => temp.Lines("log").Length >= 1, TimeSpan.FromSeconds(10), "the rewritten signal");
        init.Signal(Posix.HUP);
        init.Signal(Posix.USR2);
        await Eventually.TrueAsync(() => temp.Lines("log").Length >= 2, TimeSpan.FromSeconds(10), "USR2");
        init.Signal(30);

        Assert.Equal(0, await init.WaitForExitAsync());
        Assert.Equal(["USR1", "USR2", "END"], File.ReadAllLines(temp.File_("log")));
    }

}

/// <summary>Timing-sensitive: run alone, so that other tests' load does not stretch the init's start-up.</summary>
[Collection(nameof(TimingSensitive))]
public sealed class EarlySignalSpecs
{
    [Fact(Timeout = 120_000)]
    public async Task A_SIGTERM_5_ms_after_launch_never_leaves_the_init_hanging()
    {
        for (var run = 0; run < 20; run++)
        {
            await using var init = await InitProcess.StartAsync(["--", "sleep", "100"], waitUntilListening: false);
            // The scenario itself: a stop request arriving while the init is still starting up.
            await Task.Delay(5);
            init.Signal(Posix.TERM);
            int status;
            try
            {
                status = await init.WaitForExitAsync(TimeSpan.FromSeconds(10));
            }
            catch (TimeoutException)
            {
                throw new TimeoutException($"run {run}: the init ignored a SIGTERM sent during start-up; {ProcFs.Describe(init.Pid)}");
            }
            Assert.Equal(128 + Posix.TERM, status);
        }
    }
}
