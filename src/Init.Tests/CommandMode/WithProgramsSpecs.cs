using ContainerInit.Tests.Infrastructure;
using static ContainerInit.Tests.Infrastructure.SupervisorRun;

namespace ContainerInit.Tests.CommandMode;

public sealed class WithProgramsSpecs
{
    private static string Config(TempDirectory temp) => NoStartup + $"""
        [program.sidecar]
        command = {TomlArray("bash", "-c", $"trap 'echo stopped > {temp.File_("sidecar-stopped")}; exit 0' TERM; touch {temp.File_("sidecar-up")}; while :; do sleep 5 & wait $!; done")}
        ready = {Toml("file:" + temp.File_("sidecar-up"))}
        """;

    [Fact(Timeout = 60_000)]
    public async Task My_command_starts_once_the_programs_are_ready_and_its_end_stops_them_with_its_status()
    {
        using var temp = new TempDirectory();
        await File.WriteAllTextAsync(temp.File_("init.toml"), Config(temp));

        await using var init = await InitProcess.StartAsync(["--config", temp.File_("init.toml"), "--with-programs", "--",
            "sh", "-c", $"test -e {temp.File_("sidecar-up")} && echo saw-sidecar; exit 5"]);

        Assert.Equal(5, await init.WaitForExitAsync());
        Assert.Contains("saw-sidecar", init.Output);
        Assert.Equal("stopped", File.ReadAllText(temp.File_("sidecar-stopped")).Trim());
    }

    [Fact(Timeout = 60_000)]
    public async Task A_SIGTERM_goes_to_my_command_and_the_programs_stop_after_it()
    {
        using var temp = new TempDirectory();
        await File.WriteAllTextAsync(temp.File_("init.toml"), Config(temp));

        await using var init = await InitProcess.StartAsync(["--config", temp.File_("init.toml"), "--with-programs", "--",
            "bash", "-c", $"trap 'echo cmd-got-term > {temp.File_("cmd")}; exit 0' TERM; touch {temp.File_("cmd-up")}; while :; do sleep 5 & wait $!; done"]);
        await Eventually.TrueAsync(() => File.Exists(temp.File_("cmd-up")), TimeSpan.FromSeconds(20), "the command to start");

        init.Signal(Posix.TERM);

        Assert.Equal(0, await init.WaitForExitAsync());
        Assert.Equal("cmd-got-term", File.ReadAllText(temp.File_("cmd")).Trim());
        Assert.Equal("stopped", File.ReadAllText(temp.File_("sidecar-stopped")).Trim());
    }
}
