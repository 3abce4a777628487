using ContainerInit.Config;

namespace ContainerInit.Readiness;

/// <summary>Makes the probe that a <see cref="ReadinessSpec"/> describes.</summary>
public static class ReadinessProbes
{
    /// <summary>Creates the probe for <paramref name="spec"/>; exec probes run their command through <paramref name="runCommand"/> (argv, cancellation) -> exit status.</summary>
    public static IReadinessProbe Create(ReadinessSpec spec, Func<IReadOnlyList<string>, CancellationToken, Task<int>> runCommand)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(runCommand);
        return spec switch
        {
            ReadinessSpec.UnixSocket unix => new UnixSocketProbe(unix.Path),
            ReadinessSpec.Tcp tcp => new TcpProbe(tcp.Host, tcp.Port),
            ReadinessSpec.Http http => new HttpProbe(http.Url),
            ReadinessSpec.FileExists file => new FileExistsProbe(file.Path),
            ReadinessSpec.Exec exec => new ExecProbe(exec.Command, runCommand),
            _ => throw new ArgumentOutOfRangeException(nameof(spec), spec, "unknown readiness kind"),
        };
    }
}
