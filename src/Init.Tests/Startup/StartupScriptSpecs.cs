using System.Diagnostics;
using ContainerInit.Tests.Infrastructure;
using static ContainerInit.Tests.Infrastructure.SupervisorRun;

namespace ContainerInit.Tests.Startup;

public sealed class StartupScriptSpecs
{
    private static string Config(TempDirectory temp, string extra = "") => $"""
        [init]
        startup_dir = {Toml(temp.File_("startup.d"))}
        {extra}

        [program.marker]
        command = {TomlArray("sh", "-c", $"echo started > {temp.File_("program-started")}; exec sleep 1000")}
        startsecs = 0
        """;

    private static void Script(TempDirectory temp, string name, string body, bool executable = true)
    {
        Directory.CreateDirectory(temp.File_("startup.d"));
        var path = Path.Combine(temp.File_("startup.d"), name);
        File.WriteAllText(path, "#!/bin/sh\n" + body + "\n");
        File.SetUnixFileMode(path, executable ? (UnixFileMode)0b111_101_101 : (UnixFileMode)0b110_100_100);
    }

    [Fact(Timeout = 60_000)]
    public async Task Scripts_run_in_byte_order_and_hidden_backup_package_and_non_executable_files_are_skipped()
    {
        using var temp = new TempDirectory();
        var log = temp.File_("order");
        foreach (var name in new[] { "90-warm-cache", "10-clear-cache", "20-Z", "20-a", ".hidden", "50-edit~", "60-x.rpmnew", "61-x.rpmsave", "62-x.dpkg-dist" })
            Script(temp, name, $"echo {name} >> {log}");
        Script(temp, "30-not-executable", $"echo 30-not-executable >> {log}", executable: false);
        Directory.CreateDirectory(Path.Combine(temp.File_("startup.d"), "40-a-directory"));

        await using var init = await SupervisorRun.StartAsync(temp, Config(temp));
        await Eventually.TrueAsync(() => File.Exists(temp.File_("program-started")), TimeSpan.FromSeconds(20), "the program to start after the scripts");
        init.Signal(Posix.TERM);

        Assert.Equal(0, await init.WaitForExitAsync());
        Assert.Equal(["10-clear-cache", "20-Z", "20-a", "90-warm-cache"], File.ReadAllLines(log));
        foreach (var skipped in new[] { ".hidden", "50-edit~", "60-x.rpmnew", "30-not-executable", "40-a-directory" })
            Assert.Contains($"skipping {Path.Combine(temp.File_("startup.d"), skipped)}", init.ErrorOutput);
    }

    [Fact(Timeout = 60_000)]
    public async Task The_first_failing_script_stops_the_boot_with_its_status()
    {
        using var temp = new TempDirectory();
        var log = temp.File_("order");
        Script(temp, "10-ok", $"echo 10-ok >> {log}");
        Script(temp, "20-fails", $"echo 20-fails >> {log}; exit 3");
        Script(temp, "30-never", $"echo 30-never >> {log}");

        await using var init = await SupervisorRun.StartAsync(temp, Config(temp));

        Assert.Equal(3, await init.WaitForExitAsync());
        Assert.Equal(["10-ok", "20-fails"], File.ReadAllLines(log));
        Assert.False(File.Exists(temp.File_("program-started")), "a program started after a failed script");
        Assert.Contains("20-fails failed with exit status 3", init.ErrorOutput);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_stop_signal_during_a_script_reaches_it_and_no_program_starts()
    {
        using var temp = new TempDirectory();
        Script(temp, "10-slow", $"trap 'echo TERM > {temp.File_("script-got")}; exit 143' TERM\necho running > {temp.File_("script-running")}\nwhile :; do sleep 1 & wait $!; done");

        await using var init = await SupervisorRun.StartAsync(temp, Config(temp));
        await Eventually.TrueAsync(() => File.Exists(temp.File_("script-running")), TimeSpan.FromSeconds(20), "the script to run");
        init.Signal(Posix.TERM);

        Assert.Equal(0, await init.WaitForExitAsync());
        Assert.Equal("TERM", File.ReadAllText(temp.File_("script-got")).Trim());
        Assert.False(File.Exists(temp.File_("program-started")), "a program started after the stop request");
    }

    [Fact(Timeout = 60_000)]
    public async Task A_script_running_past_startup_timeout_is_killed_and_the_init_exits_124()
    {
        using var temp = new TempDirectory();
        Script(temp, "10-hangs", $"sleep 1000 & echo $! > {temp.File_("grandchild")}; wait");
        var clock = Stopwatch.StartNew();

        await using var init = await SupervisorRun.StartAsync(temp, Config(temp, "startup_timeout = 1"), asPidOne: false);

        Assert.Equal(124, await init.WaitForExitAsync());
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(15));
        Assert.Contains("10-hangs ran past startup_timeout", init.ErrorOutput);
        var grandchild = int.Parse(File.ReadAllText(temp.File_("grandchild")));
        await Eventually.TrueAsync(() => !ProcFs.Exists(grandchild) || ProcFs.State(grandchild) == 'Z', TimeSpan.FromSeconds(5), "the script's group to be killed");
        Assert.False(File.Exists(temp.File_("program-started")));
    }

    [Fact(Timeout = 60_000)]
    public async Task In_command_mode_startup_runs_the_scripts_before_the_command_and_a_failure_stops_it()
    {
        using var temp = new TempDirectory();
        var log = temp.File_("order");
        Script(temp, "10-first", $"echo 10-first >> {log}");
        File.WriteAllText(temp.File_("init.toml"), Config(temp));

        await using (var init = await InitProcess.StartAsync(["--config", temp.File_("init.toml"), "--startup", "--", "sh", "-c", $"echo command >> {log}; exit 4"], waitUntilListening: false))
            Assert.Equal(4, await init.WaitForExitAsync());
        Assert.Equal(["10-first", "command"], File.ReadAllLines(log));

        Script(temp, "20-fails", "exit 9");
        await using (var init = await InitProcess.StartAsync(["--config", temp.File_("init.toml"), "--startup", "--", "sh", "-c", $"echo command >> {log}"], waitUntilListening: false))
            Assert.Equal(9, await init.WaitForExitAsync());
        Assert.Equal(["10-first", "command", "10-first"], File.ReadAllLines(log));
    }
}
