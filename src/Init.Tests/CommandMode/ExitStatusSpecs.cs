using ContainerInit.Tests.Infrastructure;

namespace ContainerInit.Tests.CommandMode;

public sealed class ExitStatusSpecs
{
    [Theory(Timeout = 30_000)]
    [InlineData(0, true)]
    [InlineData(1, true)]
    [InlineData(42, true)]
    [InlineData(255, true)]
    [InlineData(42, false)]
    public async Task I_get_the_exit_status_of_my_command(int status, bool asPidOne)
    {
        await using var init = await InitProcess.StartAsync(["--", "sh", "-c", $"exit {status}"], asPidOne, waitUntilListening: false);
        Assert.Equal(status, await init.WaitForExitAsync());
    }

    [Theory(Timeout = 30_000)]
    [InlineData("TERM", 15)]
    [InlineData("KILL", 9)]
    [InlineData("USR1", 10)]
    public async Task I_get_128_plus_the_signal_when_my_command_dies_of_a_signal(string signal, int number)
    {
        await using var init = await InitProcess.StartAsync(["--", "sh", "-c", $"kill -{signal} $$"], waitUntilListening: false);
        Assert.Equal(128 + number, await init.WaitForExitAsync());
    }

    [Fact(Timeout = 30_000)]
    public async Task I_get_127_and_the_path_when_my_command_does_not_exist()
    {
        await using var init = await InitProcess.StartAsync(["--", "/no/such/program", "arg"], waitUntilListening: false);
        Assert.Equal(127, await init.WaitForExitAsync());
        Assert.Contains("/no/such/program: not found", init.ErrorOutput);
    }

    [Fact(Timeout = 30_000)]
    public async Task I_get_127_when_my_command_is_not_in_PATH()
    {
        await using var init = await InitProcess.StartAsync(["no-such-command-anywhere"], waitUntilListening: false);
        Assert.Equal(127, await init.WaitForExitAsync());
        Assert.Contains("no-such-command-anywhere: not found", init.ErrorOutput);
    }

    [Fact(Timeout = 30_000)]
    public async Task I_get_126_and_the_path_when_my_command_is_not_executable()
    {
        using var temp = new TempDirectory();
        var path = temp.File_("not-executable");
        File.WriteAllText(path, "#!/bin/sh\nexit 0\n");
        await using var init = await InitProcess.StartAsync(["--", path], waitUntilListening: false);
        Assert.Equal(126, await init.WaitForExitAsync());
        Assert.Contains($"{path}: permission denied", init.ErrorOutput);
    }
}
