using CliWrap;
using ContainerInit.Tests.Infrastructure;

namespace ContainerInit.Tests.CommandMode;

public sealed class ChildSetupSpecs
{
    [Theory(Timeout = 60_000)]
    [InlineData(true)]
    [InlineData(false)]
    public async Task My_command_starts_with_no_blocked_or_ignored_signal_only_fds_0_to_2_and_the_init_cwd(bool asPidOne)
    {
        using var temp = new TempDirectory();
        var child = temp.Script("child", $"echo $$ > {temp.File_("pid")}\nexec sleep 1000\n");
        // The init itself starts with SIGPIPE and SIGUSR1 ignored, SIGUSR2 blocked and fds 7 and 8 open: none of it may leak.
        var wrapper = temp.Script("wrapper", """
            trap '' PIPE USR1
            exec 7</dev/null 8>/dev/null
            exec "$@"
            """);
        var arguments = asPidOne
            ? new[] { "unshare", "--pid", "--fork", "--mount-proc", "--", Paths.InitBinary, "--", child }
            : [Paths.InitBinary, "--", child];
        await using var run = await InitProcess.StartWrappedAsync(wrapper, arguments, temp.Path);

        var pidText = await Eventually.ValueAsync(() => File.Exists(temp.File_("pid")) ? File.ReadAllText(temp.File_("pid")).Trim() : null,
            TimeSpan.FromSeconds(10), "the child to start");
        // The child writes its pid as its namespace sees it; find it on the host as the init's only child.
        var hostPid = await Eventually.ValueAsync<object>(() => ProcFs.Children(run.Pid).Cast<object>().FirstOrDefault(), TimeSpan.FromSeconds(10), "the child");
        var pid = (int)hostPid;
        // sleep opens locale files while it starts: look once it sleeps.
        await Eventually.TrueAsync(() => ProcFs.Executable(pid)?.EndsWith("sleep", StringComparison.Ordinal) == true && ProcFs.IsInNanosleep(pid),
            TimeSpan.FromSeconds(10), "sleep to be sleeping");

        Assert.Equal("0000000000000000", ProcFs.Status(pid, "SigBlk"));
        Assert.Equal("0000000000000000", ProcFs.Status(pid, "SigIgn"));
        Assert.Equal(["0", "1", "2"], Directory.GetFileSystemEntries($"/proc/{pid}/fd").Select(Path.GetFileName).Order());
        Assert.Equal(temp.Path, new DirectoryInfo($"/proc/{pid}/cwd").LinkTarget);
        Assert.NotNull(pidText);
    }

    [Fact(Timeout = 60_000)]
    public async Task Ten_megabytes_pass_through_stdin_and_stdout_byte_for_byte()
    {
        var input = new byte[10 * 1024 * 1024];
        new Random(42).NextBytes(input);
        using var output = new MemoryStream();

        await using var init = await InitProcess.StartAsync(["--", "cat"], stdin: PipeSource.FromBytes(input), stdout: output, waitUntilListening: false);

        Assert.Equal(0, await init.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        Assert.True(input.AsSpan().SequenceEqual(output.ToArray()), $"got {output.Length} bytes back");
    }
}
