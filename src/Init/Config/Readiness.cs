namespace ContainerInit.Config;

/// <summary>Parses `ready`: unix:PATH | tcp:HOST:PORT | http(s)://URL | file:PATH | exec:COMMAND.</summary>
internal static class Readiness
{
    private const string Schemes = "unix:PATH, tcp:HOST:PORT, http://URL, file:PATH or exec:COMMAND";

    public static ReadinessSpec? Parse(ConfigSection s, IReadOnlyDictionary<string, string> variables)
    {
        var raw = s.String("ready", "\"unix:/run/php-fpm/www.sock\"");
        if (raw is null)
            return null;
        var e = s.Entries["ready"];
        var what = $"'ready' in {s.Label}";
        var colon = raw.IndexOf(':');
        var scheme = colon < 0 ? "" : raw[..colon].ToLowerInvariant();
        var rest = colon < 0 ? "" : raw[(colon + 1)..];

        if (scheme == "exec")
        {
            // Split first, then expand each word, as for command.
            var words = ProgramResolver.Words(s, e with { Key = "ready", Value = rest }, variables, "\"exec:/usr/local/bin/healthy\"");
            if (words is null)
                return null;
            if (words.Count == 0 || words[0].Length == 0)
            {
                s.Error(e.ValueLocation, $"{what}: exec: needs a command, for example \"exec:/usr/local/bin/php-fpm-healthcheck\"");
                return null;
            }
            return new ReadinessSpec.Exec(words);
        }

        var expanded = ProgramResolver.Expand(s, rest, e.ValueLocation, what, variables);
        if (expanded is null)
            return null;
        switch (scheme)
        {
            case "unix" or "file":
                if (!expanded.StartsWith('/'))
                {
                    s.Error(e.ValueLocation, $"{what}: {scheme}: needs an absolute path, for example \"{scheme}:/run/php-fpm/www.sock\"");
                    return null;
                }
                return scheme == "unix" ? new ReadinessSpec.UnixSocket(expanded) : new ReadinessSpec.FileExists(expanded);
            case "tcp":
                if (ValueParsers.ParseHostPort(expanded, out var error) is not { } hostPort)
                {
                    s.Error(e.ValueLocation, $"{what}: tcp: {error}");
                    return null;
                }
                return new ReadinessSpec.Tcp(hostPort.Host, hostPort.Port);
            case "http" or "https":
                if (!Uri.TryCreate(scheme + ":" + expanded, UriKind.Absolute, out var url) || string.IsNullOrEmpty(url.Host))
                {
                    s.Error(e.ValueLocation, $"{what}: not a valid URL; write it as \"http://127.0.0.1:8080/health\"");
                    return null;
                }
                if (url.Scheme == "https" && !ContainerInit.Readiness.HttpProbe.IsHttpsSupported)
                {
                    s.Error(e.ValueLocation, $"{what}: https probes are not built into this binary (TLS would add 3.4 MB); probe a plain http:// endpoint or use \"tcp:{url.Host}:{url.Port}\"");
                    return null;
                }
                return new ReadinessSpec.Http(url);
            default:
                var shown = colon < 0 ? "no scheme" : $"unknown scheme '{raw[..colon]}'";
                s.Error(e.ValueLocation, $"{what} has {shown}; use {Schemes}");
                return null;
        }
    }
}
