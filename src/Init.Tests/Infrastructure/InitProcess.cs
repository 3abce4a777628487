using System.Text;
using CliWrap;

namespace ContainerInit.Tests.Infrastructure;

/// <summary>
/// The published container-init running for one test: as PID 1 of a fresh PID namespace
/// (unshare --pid --fork --mount-proc), or as a plain child of the test. Disposing it kills
/// whatever is left, namespace included.
/// </summary>
public sealed class InitProcess : IAsyncDisposable
{
    private readonly CommandTask<CommandResult> _task;
    private readonly int _wrapperPid;

    private InitProcess(CommandTask<CommandResult> task, bool asPidOne)
    {
        _task = task;
        _wrapperPid = task.ProcessId;
        AsPidOne = asPidOne;
    }

    public bool AsPidOne { get; }

    /// <summary>The init's pid as the host sees it.</summary>
    public int Pid { get; private set; }

    public static async Task<InitProcess> StartAsync(
        IEnumerable<string> arguments,
        bool asPidOne = true,
        PipeSource? stdin = null,
        Stream? stdout = null,
        IReadOnlyDictionary<string, string?>? environment = null,
        string? workingDirectory = null,
        bool waitUntilListening = true)
    {
        var stdoutBuilder = new StringBuilder();
        var stderrBuilder = new StringBuilder();
        var command = asPidOne
            ? CliWrap.Cli.Wrap("unshare").WithArguments(["--pid", "--fork", "--mount-proc", "--", Paths.InitBinary, .. arguments])
            : CliWrap.Cli.Wrap(Paths.InitBinary).WithArguments(arguments);
        command = command
            .WithValidation(CommandResultValidation.None)
            .WithStandardInputPipe(stdin ?? PipeSource.Null)
            .WithStandardOutputPipe(stdout is null ? PipeTarget.ToStringBuilder(stdoutBuilder) : PipeTarget.ToStream(stdout))
            .WithStandardErrorPipe(PipeTarget.ToStringBuilder(stderrBuilder));
        if (environment is not null) command = command.WithEnvironmentVariables(environment);
        if (workingDirectory is not null) command = command.WithWorkingDirectory(workingDirectory);

        var task = command.ExecuteAsync();
        var init = new InitProcess(task, asPidOne);
        init.StdoutBuilder = stdoutBuilder;
        init.StderrBuilder = stderrBuilder;
        init.Pid = await FindInitAsync(task);
        if (waitUntilListening)
        {
            // SigCgt shows the SIGTERM handler once the init listens: before that, PID 1 discards the signal.
            await Eventually.TrueAsync(() => ProcFs.Catches(init.Pid, Posix.TERM) || task.Task.IsCompleted,
                TimeSpan.FromSeconds(10), "the init to install its signal handlers");
        }
        return init;
    }

    private StringBuilder StdoutBuilder { get; set; } = new();
    private StringBuilder StderrBuilder { get; set; } = new();

    public string Output => StdoutBuilder.ToString();
    public string ErrorOutput => StderrBuilder.ToString();

    /// <summary>The init is the started process itself, or a descendant once wrappers such as unshare have forked and exec'd.</summary>
    private static async Task<int> FindInitAsync(CommandTask<CommandResult> task)
    {
        var resolved = Path.GetFullPath(Paths.InitBinary);
        var startedPid = task.ProcessId;
        return (int)await Eventually.ValueAsync<object>(() =>
        {
            // A command that ends at once may be gone before it is seen: there is nothing left to find then.
            if (task.Task.IsCompleted) return 0;
            foreach (var pid in (IEnumerable<int>)[startedPid, .. ProcFs.Descendants(startedPid)])
                if (ProcFs.Executable(pid) == resolved) return pid;
            return null;
        }, TimeSpan.FromSeconds(10), "container-init to start");
    }

    /// <summary>Runs the init through a wrapper script that prepares its inherited state, then execs the given argv.</summary>
    public static async Task<InitProcess> StartWrappedAsync(string wrapper, IReadOnlyList<string> argv, string workingDirectory)
    {
        var stdoutBuilder = new StringBuilder();
        var stderrBuilder = new StringBuilder();
        var task = CliWrap.Cli.Wrap(wrapper).WithArguments(argv)
            .WithValidation(CommandResultValidation.None)
            .WithWorkingDirectory(workingDirectory)
            .WithStandardOutputPipe(PipeTarget.ToStringBuilder(stdoutBuilder))
            .WithStandardErrorPipe(PipeTarget.ToStringBuilder(stderrBuilder))
            .ExecuteAsync();
        var init = new InitProcess(task, argv[0] == "unshare") { StdoutBuilder = stdoutBuilder, StderrBuilder = stderrBuilder };
        init.Pid = await FindInitAsync(task);
        return init;
    }

    public void Signal(int signal) => Posix.Kill(Pid, signal);

    public bool HasExited => _task.Task.IsCompleted;

    /// <summary>The init's exit code (unshare passes it through, and re-raises a fatal signal, which reads as 128+N).</summary>
    public async Task<int> WaitForExitAsync(TimeSpan? timeout = null)
    {
        var limit = timeout ?? TimeSpan.FromSeconds(20);
        try
        {
            return (await _task.Task.WaitAsync(limit)).ExitCode;
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"the init did not exit within {limit.TotalSeconds} s; its stderr so far:\n{ErrorOutput}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_task.Task.IsCompleted)
        {
            var leftovers = ProcFs.Descendants(_wrapperPid);
            // SIGKILL to PID 1 of a namespace takes the whole namespace with it.
            Posix.Kill(Pid, Posix.KILL);
            foreach (var pid in leftovers) Posix.Kill(pid, Posix.KILL);
        }
        try { await _task.Task.WaitAsync(TimeSpan.FromSeconds(10)); }
        catch (OperationCanceledException) { }
        catch (TimeoutException) { }
    }
}
