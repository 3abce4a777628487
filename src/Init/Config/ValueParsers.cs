using System.Globalization;

namespace ContainerInit.Config;

/// <summary>Parsers for the small value languages of the config: sizes, umasks, readiness checks.</summary>
/// <remarks>Each returns null and an error message (without the offending value's expansion, which could be a secret).</remarks>
internal static class ValueParsers
{
    /// <summary>"50MB", "1KB", "10GB", "512B" or "1024" (1024-based, like supervisord) to bytes.</summary>
    public static long? ParseSize(string text, out string? error)
    {
        error = null;
        var s = text.Trim();
        long multiplier = 1;
        foreach (var (suffix, factor) in new (string, long)[] { ("KB", 1L << 10), ("MB", 1L << 20), ("GB", 1L << 30), ("B", 1) })
        {
            if (s.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
            {
                multiplier = factor;
                s = s[..^suffix.Length].TrimEnd();
                break;
            }
        }
        if (!long.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n > long.MaxValue / multiplier)
        {
            error = "is not a size; write a number of bytes or a string such as \"50MB\", \"512KB\" or \"1GB\"";
            return null;
        }
        return n * multiplier;
    }

    /// <summary>An octal string such as "022" or "0o027" to its value.</summary>
    public static int? ParseUmask(string text, out string? error)
    {
        error = null;
        var s = text.Trim();
        if (s.StartsWith("0o", StringComparison.OrdinalIgnoreCase))
            s = s[2..];
        var value = 0;
        if (s.Length is 0 or > 4)
            s = "x";
        foreach (var c in s)
        {
            if (c is < '0' or > '7')
            {
                error = "is not an octal umask; write a string of octal digits such as \"022\" or \"027\"";
                return null;
            }
            value = value * 8 + (c - '0');
        }
        if (value > 511)
        {
            error = "is larger than 0777; a umask has three octal digits, such as \"022\"";
            return null;
        }
        return value;
    }

    /// <summary>true, false or "unexpected" (strings "true"/"false" too, as supervisord's INI has them).</summary>
    public static AutoRestart? ParseAutoRestart(object value) => value switch
    {
        true => AutoRestart.True,
        false => AutoRestart.False,
        string s when s.Equals("unexpected", StringComparison.OrdinalIgnoreCase) => AutoRestart.Unexpected,
        string s when s.Equals("true", StringComparison.OrdinalIgnoreCase) => AutoRestart.True,
        string s when s.Equals("false", StringComparison.OrdinalIgnoreCase) => AutoRestart.False,
        _ => null,
    };

    /// <summary>"HOST:PORT" (or "[v6]:PORT") to its parts.</summary>
    public static (string Host, int Port)? ParseHostPort(string text, out string? error)
    {
        error = null;
        var colon = text.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(text.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
        {
            error = "needs a host and a port from 1 to 65535, for example \"tcp:127.0.0.1:9000\"";
            return null;
        }
        var host = text[..colon];
        if (host.StartsWith('[') && host.EndsWith(']'))
            host = host[1..^1];
        if (host.Length == 0)
        {
            error = "needs a host before the port, for example \"tcp:127.0.0.1:9000\"";
            return null;
        }
        return (host, port);
    }
}
