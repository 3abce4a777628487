using System.Diagnostics;
using System.Globalization;

namespace ContainerInit.Processes;

/// <summary>
/// Starts every child of the init through <see cref="Process"/>, by way of the init's own hidden
/// <c>__spawn</c> verb (<see cref="SpawnHelper"/>), which sets up what Process cannot and then execs the real program.
/// </summary>
/// <remarks>
/// Process keeps exit statuses right while the runtime reaps every orphan as PID 1 (dotnet-pid1.md); a child
/// started any other way (posix_spawn, fork) would lose its status to that reaping. The helper execs in place,
/// so <see cref="ChildProcess.Pid"/> is the real program's pid and its status comes back intact.
/// </remarks>
public static class Spawner
{
    internal const string HelperVerb = "__spawn";

    /// <summary>The executable that provides the helper verb: the init itself, or the published binary when tests run in-process.</summary>
    public static string HelperPath { get; set; } = Environment.ProcessPath ?? throw new InvalidOperationException("the init cannot find its own executable");

    public static ChildProcess Start(SpawnRequest request)
    {
        if (request.Argv.Count == 0 || request.Argv[0].Length == 0)
            throw new ArgumentException("a command needs at least a program name", nameof(request));

        var startInfo = new ProcessStartInfo(HelperPath)
        {
            UseShellExecute = false,
            RedirectStandardOutput = request.Stdout == StdoutMode.Pipe,
            RedirectStandardError = request.Stderr == StderrMode.Pipe,
        };
        foreach (var argument in HelperArguments(request)) startInfo.ArgumentList.Add(argument);

        if (request.Environment is not null || request.User is not null)
        {
            var environment = startInfo.Environment;
            if (request.Environment is not null)
            {
                environment.Clear();
                foreach (var (name, value) in request.Environment) environment[name] = value;
            }
            if (request.User is { } user)
            {
                // As su - would: the program must not see the init's HOME and USER.
                if (user.Home is not null) environment["HOME"] = user.Home;
                var name = user.Name ?? user.Uid.ToString(CultureInfo.InvariantCulture);
                environment["USER"] = name;
                environment["LOGNAME"] = name;
            }
        }

        lock (ChildRegistry.Gate)
        {
            var process = Process.Start(startInfo) ?? throw new InvalidOperationException($"could not start {request.Argv[0]}");
            ChildRegistry.Add(process.Id);
            return new ChildProcess(process, request.Group);
        }
    }

    private static IEnumerable<string> HelperArguments(SpawnRequest request)
    {
        yield return HelperVerb;
        switch (request.Group)
        {
            case ProcessGroupMode.NewSession: yield return "--session"; break;
            case ProcessGroupMode.NewGroup: yield return "--group"; break;
        }
        if (request.TakeTerminal) yield return "--terminal";
        if (request.Umask is { } umask) { yield return "--umask"; yield return umask.ToString(CultureInfo.InvariantCulture); }
        if (request.WorkingDirectory is { } directory) { yield return "--cwd"; yield return directory; }
        if (request.User is { } user)
        {
            yield return "--uid"; yield return user.Uid.ToString(CultureInfo.InvariantCulture);
            yield return "--gid"; yield return user.Gid.ToString(CultureInfo.InvariantCulture);
            if (user.Name is not null) { yield return "--user"; yield return user.Name; }
        }
        if (request.Stdin == StdinMode.Null) yield return "--stdin-null";
        if (request.Stderr == StderrMode.MergeIntoStdout) yield return "--stderr-to-stdout";
        yield return "--";
        foreach (var argument in request.Argv) yield return argument;
    }
}
