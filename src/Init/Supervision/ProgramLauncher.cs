using System.Globalization;
using ContainerInit.Config;
using ContainerInit.Native;
using ContainerInit.Output;
using ContainerInit.Processes;

namespace ContainerInit.Supervision;

/// <summary>Turns a <see cref="ProgramSpec"/> into a running process with its output wired as configured.</summary>
internal sealed class ProgramLauncher(IReadOnlyDictionary<string, string> baseEnvironment, OutputSink sink)
{
    /// <summary>Spawns the program; the returned task completes when its output pipes have drained.</summary>
    /// <remarks>The pumps take no token: they run to EOF, past the process's exit, so that no last line is lost.</remarks>
    public (ChildProcess Process, Task OutputDrained) Launch(ProgramSpec spec)
    {
        var environment = new Dictionary<string, string>(baseEnvironment, StringComparer.Ordinal);
        foreach (var (name, value) in spec.Environment) environment[name] = value;

        var process = Spawner.Start(new SpawnRequest
        {
            Argv = spec.Command,
            Environment = environment,
            WorkingDirectory = spec.Directory,
            User = spec.User is null ? null : ResolveUser(spec.User),
            Umask = spec.Umask,
            Group = ProcessGroupMode.NewSession,
            Stdin = StdinMode.Null,
            Stdout = spec.Stdout is OutputTarget.InheritTarget ? StdoutMode.Inherit : StdoutMode.Pipe,
            Stderr = spec.Stderr switch
            {
                OutputTarget.InheritTarget => StderrMode.Inherit,
                OutputTarget.MergeIntoStdoutTarget => StderrMode.MergeIntoStdout,
                _ => StderrMode.Pipe,
            },
        });

        var pumps = new List<Task>(2);
        if (process.StandardOutput is { } stdout) pumps.Add(Pump(stdout, spec.Name, spec.Stdout, spec.StdoutMaxBytes, spec.StdoutBackups, toStderr: false));
        if (process.StandardError is { } stderr) pumps.Add(Pump(stderr, spec.Name, spec.Stderr, spec.StderrMaxBytes, spec.StderrBackups, toStderr: true));
        return (process, Task.WhenAll(pumps));
    }

    private Task Pump(Stream source, string name, OutputTarget target, long maxBytes, int backups, bool toStderr) =>
        target switch
        {
            OutputTarget.FileTarget file => PumpToFileAsync(source, file.Path, maxBytes, backups),
            _ => PrefixPump.RunAsync(source, name, sink, toStderr),
        };

    private static async Task PumpToFileAsync(Stream source, string path, long maxBytes, int backups)
    {
        using var writer = new RotatingFileWriter(path, maxBytes, backups);
        await FilePump.RunAsync(source, writer).ConfigureAwait(false);
    }

    /// <summary>A name, "uid" or "uid:gid"; the config check has already refused names that do not exist.</summary>
    internal static UserIdentity ResolveUser(string user)
    {
        var colon = user.IndexOf(':');
        var uidText = colon < 0 ? user : user[..colon];
        if (uint.TryParse(uidText, NumberStyles.None, CultureInfo.InvariantCulture, out var uid))
        {
            var known = Passwd.TryLookup(uid, out var name, out var passwdGid, out var home);
            var gid = colon >= 0 ? uint.Parse(user[(colon + 1)..], CultureInfo.InvariantCulture) : known ? passwdGid : uid;
            return new UserIdentity(uid, gid, known ? name : null, known ? home : null);
        }
        if (!Passwd.TryLookup(uidText, out uid, out var userGid, out var userHome))
            throw new InvalidOperationException($"user {uidText} does not exist");
        var group = colon >= 0 ? uint.Parse(user[(colon + 1)..], CultureInfo.InvariantCulture) : userGid;
        return new UserIdentity(uid, group, uidText, userHome);
    }
}
