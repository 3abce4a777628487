using ContainerInit.Tests.Infrastructure;

namespace ContainerInit.Tests.CommandMode;

public sealed class ReapingSpecs
{
    /// <summary>
    /// A child that leaves <paramref name="count"/> orphans behind, all waiting for a lock the test holds, so that the
    /// test can see them re-parented to the init and then release them all at the same instant.
    /// </summary>
    private static string OrphanMaker(TempDirectory temp, int count) => temp.Script("orphans", $"""
        for i in $(seq {count}); do ( flock --shared {temp.File_("release")} true & ); done
        echo spawned > {temp.File_("spawned")}
        exec sleep 1000
        """);

    [Theory(Timeout = 60_000)]
    [InlineData(true, 50)]
    [InlineData(false, 50)]
    [InlineData(true, 20)]
    public async Task Orphans_that_exit_together_leave_no_zombie(bool asPidOne, int count)
    {
        using var temp = new TempDirectory();
        // .NET takes an exclusive flock for FileShare.None: the orphans' shared flock waits for it.
        var gate = new FileStream(temp.File_("release"), FileMode.Create, FileAccess.ReadWrite, FileShare.None);
        await using var init = await InitProcess.StartAsync(["--", OrphanMaker(temp, count)], asPidOne);
        await Eventually.TrueAsync(() => ProcFs.Children(init.Pid).Count == count + 1, TimeSpan.FromSeconds(20),
            $"{count} orphans re-parented to the init");

        await gate.DisposeAsync();

        await Eventually.TrueAsync(() => ProcFs.Children(init.Pid).Count == 1, TimeSpan.FromSeconds(20), "every orphan reaped");
        Assert.DoesNotContain(ProcFs.Children(init.Pid), pid => ProcFs.State(pid) == 'Z');
        init.Signal(Posix.TERM);
        Assert.Equal(128 + Posix.TERM, await init.WaitForExitAsync());
    }
}
