using CliWrap;
using CliWrap.Buffered;
using ContainerInit.Tests.Infrastructure;

namespace ContainerInit.Tests.Config;

/// <summary>`container-init check` run as the published binary.</summary>
public sealed class CheckBinarySpecs
{
    private static async Task<BufferedCommandResult> CheckAsync(TempDirectory temp, string toml)
    {
        await File.WriteAllTextAsync(temp.File_("init.toml"), toml);
        return await CliWrap.Cli.Wrap(Paths.InitBinary).WithArguments(["check", "--config", temp.File_("init.toml")])
            .WithValidation(CommandResultValidation.None).ExecuteBufferedAsync();
    }

    [Fact(Timeout = 30_000)]
    public async Task Check_accepts_a_valid_config_and_names_its_programs()
    {
        using var temp = new TempDirectory();
        var result = await CheckAsync(temp, "[program.web]\ncommand = [\"true\"]\n");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("ok, 1 program", result.StandardOutput);
    }

    [Fact(Timeout = 30_000)]
    public async Task The_shipped_binary_refuses_https_probes_with_a_way_out()
    {
        using var temp = new TempDirectory();
        var result = await CheckAsync(temp, "[program.web]\ncommand = [\"true\"]\nready = \"https://127.0.0.1:8443/health\"\n");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"{temp.File_("init.toml")}:3:9: error:", result.StandardError);
        Assert.Contains("tcp:127.0.0.1:8443", result.StandardError);
    }
}
