using ContainerInit.Tests.Infrastructure;
using static ContainerInit.Tests.Infrastructure.SupervisorRun;

namespace ContainerInit.Tests.Supervision;

public sealed class ProgramReapingSpecs
{
    [Theory(Timeout = 60_000)]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Orphans_double_forked_by_a_program_leave_no_zombie(bool asPidOne)
    {
        using var temp = new TempDirectory();
        var gate = new FileStream(temp.File_("release"), FileMode.Create, FileAccess.ReadWrite, FileShare.None);
        await using var init = await SupervisorRun.StartAsync(temp, $"""
            [init]
            startup_dir = ""

            [program.forker]
            command = {TomlArray("bash", "-c", $"for i in $(seq 50); do ( flock --shared {temp.File_("release")} true & ); done; exec sleep 1000")}
            startsecs = 0
            """, asPidOne);
        await Eventually.TrueAsync(() => ProcFs.Children(init.Pid).Count == 51, TimeSpan.FromSeconds(20), "50 orphans re-parented to the init");

        await gate.DisposeAsync();

        await Eventually.TrueAsync(() => ProcFs.Children(init.Pid).Count == 1, TimeSpan.FromSeconds(20), "every orphan reaped");
        init.Signal(Posix.TERM);
        Assert.Equal(0, await init.WaitForExitAsync());
    }
}
