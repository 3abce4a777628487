using System.Diagnostics;
using ContainerInit.Tests.Infrastructure;
using static ContainerInit.Tests.Infrastructure.SupervisorRun;

namespace ContainerInit.Tests.Logging;

public sealed class InitLogSpecs
{
    [Fact(Timeout = 60_000)]
    public async Task A_stderr_nobody_reads_never_blocks_supervision()
    {
        using var temp = new TempDirectory();
        // A program that restarts as fast as it can makes the init log without pause.
        await File.WriteAllTextAsync(temp.File_("init.toml"), NoStartup + """
            log_level = "debug"

            [program.flapping]
            command = ["true"]
            autorestart = true
            startsecs = 0
            """);
        // stderr is a FIFO whose reader never reads: after 64 KiB every write to it blocks.
        var wrapper = temp.Script("wrapper", $"""
            mkfifo {temp.File_("stderr")}
            sleep 1000 < {temp.File_("stderr")} &
            exec 2> {temp.File_("stderr")}
            exec "$@"
            """);
        await using var init = await InitProcess.StartWrappedAsync(wrapper, [Paths.InitBinary, "--config", temp.File_("init.toml")], temp.Path);
        await Eventually.TrueAsync(() => ThreadsBlockedWritingAPipe(init.Pid) > 0, TimeSpan.FromSeconds(30), "the init's stderr to be full");
        var clock = Stopwatch.StartNew();

        init.Signal(Posix.TERM);

        Assert.Equal(0, await init.WaitForExitAsync(TimeSpan.FromSeconds(15)));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"the stop took {clock.Elapsed}");
    }

    private static int ThreadsBlockedWritingAPipe(int pid)
    {
        var blocked = 0;
        foreach (var task in Directory.EnumerateDirectories($"/proc/{pid}/task"))
        {
            try { if (File.ReadAllText(Path.Combine(task, "wchan")).EndsWith("pipe_write", StringComparison.Ordinal)) blocked++; }
            catch (IOException) { }
        }
        return blocked;
    }
}
