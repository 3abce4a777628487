using ContainerInit.Tests.Infrastructure;
using static ContainerInit.Tests.Infrastructure.SupervisorRun;

namespace ContainerInit.Tests.Supervision;

public sealed class ProgramEnvironmentSpecs
{
    [Fact(Timeout = 60_000)]
    public async Task Programs_get_expanded_environment_and_no_value_reaches_the_log()
    {
        using var temp = new TempDirectory();
        const string secret = "s3cr3t-Value-that-must-not-leak";
        await using var init = await SupervisorRun.StartAsync(temp, $$"""
            [init]
            startup_dir = ""
            log_level = "debug"
            environment = { TZ = "UTC", FROM_INIT = "init-${DB_PASSWORD}" }

            [program.env]
            command = {{TomlArray("sh", "-c", $"env > {temp.File_("env")}")}}
            environment = { APP_ENV = "prod", PASSWORD_COPY = "${DB_PASSWORD}", WITH_DEFAULT = "${NOT_SET:-fallback}", LITERAL = "$${NOT_EXPANDED}" }
            startsecs = 0
            """, environment: new Dictionary<string, string?> { ["DB_PASSWORD"] = secret, ["CONTAINER_INIT_LOG_LEVEL"] = "debug" });

        Assert.Equal(0, await init.WaitForExitAsync());
        var environment = File.ReadAllLines(temp.File_("env"));
        Assert.Contains("TZ=UTC", environment);
        Assert.Contains($"FROM_INIT=init-{secret}", environment);
        Assert.Contains("APP_ENV=prod", environment);
        Assert.Contains($"PASSWORD_COPY={secret}", environment);
        Assert.Contains($"DB_PASSWORD={secret}", environment);
        Assert.Contains("WITH_DEFAULT=fallback", environment);
        Assert.Contains("LITERAL=${NOT_EXPANDED}", environment);
        Assert.DoesNotContain(secret, init.ErrorOutput);
        Assert.DoesNotContain(secret, init.Output);
        Assert.Contains("env: ", init.ErrorOutput);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_program_runs_as_its_user_with_that_user_s_ids_home_directory_and_umask()
    {
        using var temp = new TempDirectory();
        var work = Directory.CreateDirectory(temp.File_("work")).FullName;
        File.SetUnixFileMode(work, (UnixFileMode)0b111_111_111);
        await using var init = await SupervisorRun.StartAsync(temp, $"""
            [init]
            startup_dir = ""

            [program.whoami]
            command = {TomlArray("sh", "-c", $"echo $(id -u) $(id -g) $(id -G) $HOME $USER $LOGNAME $(pwd) $(umask) > {temp.File_("who")}")}
            user = "nobody"
            directory = {Toml(work)}
            umask = "027"
            startsecs = 0
            """);

        Assert.Equal(0, await init.WaitForExitAsync());
        Assert.Equal($"65534 65534 65534 /nonexistent nobody nobody {work} 0027", File.ReadAllText(temp.File_("who")).Trim());
    }
}
