using ContainerInit.Signals;
using System.Globalization;
using ContainerInit.Native;
using Tomlyn.Model;

namespace ContainerInit.Config;

/// <summary>Turns a merged [program.NAME] table into a <see cref="ProgramSpec"/>: defaults, types,
/// expansion, user look-up. Reports every problem and returns null when there was one.</summary>
internal static class ProgramResolver
{
    private const string CommandExample = "[\"/usr/sbin/nginx\", \"-g\", \"daemon off;\"]";

    public static ProgramSpec? Resolve(string name, ConfigSection s, IReadOnlyDictionary<string, string> variables)
    {
        var errorsBefore = s.Diagnostics.Count;
        var spec = new ProgramSpec { Name = name, Command = Command(s, variables) ?? [], Location = s.Location };

        if (s.Integer("priority", 0, int.MaxValue, "10") is { } priority)
            spec = spec with { Priority = (int)priority };
        if (s.Bool("autostart") is { } autostart)
            spec = spec with { AutoStart = autostart };
        if (s.TryGet("autorestart", out var ar))
        {
            if (ValueParsers.ParseAutoRestart(ar.Value) is { } restart)
                spec = spec with { AutoRestart = restart };
            else
                s.Error(ar.ValueLocation, $"'autorestart' in {s.Label} must be true, false or \"unexpected\", not {Show(ar.Value)}");
        }
        if (ExitCodes(s) is { } codes)
            spec = spec with { ExitCodes = codes };
        if (s.Seconds("startsecs", allowZero: true, "1") is { } startsecs)
            spec = spec with { StartSecs = startsecs };
        if (s.Integer("startretries", 0, int.MaxValue, "3") is { } retries)
            spec = spec with { StartRetries = (int)retries };
        if (Signal(s) is { } signal)
            spec = spec with { StopSignal = signal };
        if (s.Seconds("stopwaitsecs", allowZero: true, "10") is { } stopwait)
            spec = spec with { StopWaitSecs = stopwait };
        if (s.Bool("stopasgroup") is { } stopAsGroup)
            spec = spec with { StopAsGroup = stopAsGroup };
        if (s.Bool("killasgroup") is { } killAsGroup)
            spec = spec with { KillAsGroup = killAsGroup };
        spec = spec with { User = User(s, variables) };
        if (ExpandedString(s, "directory", "\"/var/www/html\"", variables) is { } directory)
        {
            if (directory.StartsWith('/'))
                spec = spec with { Directory = directory };
            else
                s.Error(s.Entries["directory"].ValueLocation, $"'directory' in {s.Label} must be an absolute path (starting with /)");
        }
        spec = spec with { Umask = Umask(s) };

        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (variable, entry) in s.Environment)
        {
            if (ExpandValue(s, entry, variables) is { } value)
                environment[variable] = value;
        }
        spec = spec with { Environment = environment };

        if (Output(s, "stdout", variables) is { } stdout)
            spec = spec with { Stdout = stdout };
        if (Output(s, "stderr", variables) is { } stderr)
            spec = spec with { Stderr = stderr };
        if (Size(s, "stdout_maxbytes") is { } outMax)
            spec = spec with { StdoutMaxBytes = outMax };
        if (s.Integer("stdout_backups", 0, int.MaxValue, "10") is { } outBackups)
            spec = spec with { StdoutBackups = (int)outBackups };
        if (Size(s, "stderr_maxbytes") is { } errMax)
            spec = spec with { StderrMaxBytes = errMax };
        if (s.Integer("stderr_backups", 0, int.MaxValue, "10") is { } errBackups)
            spec = spec with { StderrBackups = (int)errBackups };
        spec = spec with { Ready = Readiness.Parse(s, variables) };
        if (s.Seconds("ready_timeout", allowZero: false, "60") is { } readyTimeout)
            spec = spec with { ReadyTimeout = readyTimeout };
        if (s.StringList("after", "[\"php-fpm\"]") is { } after)
            spec = spec with { After = after.Select(a => a.Value).ToList() };

        return s.Diagnostics.Count == errorsBefore ? spec : null;
    }

    /// <summary>An environment table value, expanded; only strings are accepted so that nothing is guessed.</summary>
    public static string? ExpandValue(ConfigSection s, ConfigEntry entry, IReadOnlyDictionary<string, string> variables)
    {
        var where = $"the environment of {s.Label}";
        if (entry.Value is not string raw)
        {
            // Never show the value: environment tables hold secrets.
            s.Error(entry.ValueLocation, $"'{entry.Key}' in {where} must be a string, not {TomlTypes.Describe(entry.Value)}; quote it: {entry.Key} = \"...\"");
            return null;
        }
        return Expand(s, raw, entry.ValueLocation, $"'{entry.Key}' in {where}", variables);
    }

    /// <summary>Expands ${VAR}; each problem is reported at <paramref name="at"/>, naming the variable, never a value.</summary>
    public static string? Expand(ConfigSection s, string raw, SourceLocation at, string what, IReadOnlyDictionary<string, string> variables)
    {
        var errors = new List<string>();
        var value = VariableExpander.Expand(raw, variables, errors);
        foreach (var error in errors)
            s.Error(at, $"{what}: {error}");
        return errors.Count == 0 ? value : null;
    }

    private static IReadOnlyList<string>? Command(ConfigSection s, IReadOnlyDictionary<string, string> variables)
    {
        if (!s.TryGet("command", out var e))
        {
            s.Error(s.Location, $"{s.Label} has no 'command'; add one, for example command = {CommandExample}");
            return null;
        }
        var words = Words(s, e, variables, CommandExample);
        if (words is null)
            return null;
        if (words.Count == 0 || words[0].Length == 0)
        {
            s.Error(e.ValueLocation, $"'command' in {s.Label} is empty; give the program to run, for example command = {CommandExample}");
            return null;
        }
        return words;
    }

    /// <summary>An argv from an array (each item a word) or a string split as sh splits words; then expanded.</summary>
    internal static List<string>? Words(ConfigSection s, ConfigEntry e, IReadOnlyDictionary<string, string> variables, string example)
    {
        var what = $"'{e.Key}' in {s.Label}";
        switch (e.Value)
        {
            case string text:
            {
                var split = ShellWords.Split(text, out var error);
                if (split is null)
                {
                    s.Error(e.ValueLocation, $"{what}: {error}");
                    return null;
                }
                var words = split.Select(w => Expand(s, w, e.ValueLocation, what, variables)).ToList();
                return words.Any(w => w is null) ? null : words.Select(w => w!).ToList();
            }
            case TomlArray array:
            {
                var words = new List<string?>();
                for (var i = 0; i < array.Count; i++)
                {
                    if (array[i] is string word)
                    {
                        words.Add(Expand(s, word, e.ItemLocation(i), what, variables));
                        continue;
                    }
                    s.Error(e.ItemLocation(i), $"item {i + 1} of {what} must be a string, not {TomlTypes.Describe(array[i])}; quote it");
                    words.Add(null);
                }
                return words.Any(w => w is null) ? null : words.Select(w => w!).ToList();
            }
            default:
                s.WrongType(e, "an array of strings or a string", example);
                return null;
        }
    }

    private static HashSet<int>? ExitCodes(ConfigSection s)
    {
        if (!s.TryGet("exitcodes", out var e))
            return null;
        var items = e.Value switch
        {
            TomlArray array => array.ToList(),
            long => [e.Value],
            _ => null,
        };
        if (items is null)
        {
            s.WrongType(e, "an array of integers", "[0, 2]");
            return null;
        }
        var codes = new HashSet<int>();
        for (var i = 0; i < items.Count; i++)
        {
            var at = e.Value is TomlArray ? e.ItemLocation(i) : e.ValueLocation;
            if (items[i] is long code and >= 0 and <= 255)
                codes.Add((int)code);
            else
                s.Error(at, $"item {i + 1} of 'exitcodes' in {s.Label} must be an exit status from 0 to 255, not {Show(items[i])}");
        }
        return codes.Count == items.Count ? codes : null;
    }

    private static int? Signal(ConfigSection s)
    {
        if (!s.TryGet("stopsignal", out var e))
            return null;
        switch (e.Value)
        {
            case string name when SignalNames.TryParse(name, out var number):
                return number;
            case long number when SignalNames.IsValid(number):
                return (int)number;
            case string or long:
                var closest = e.Value is string n ? Suggest.Closest(n.ToUpperInvariant().Replace("SIG", ""), SignalNames.Names) : null;
                var fix = closest is not null ? $"; did you mean \"{closest}\"?" : "; use a name such as \"TERM\", \"QUIT\" or \"INT\", or a number from 1 to 64";
                s.Error(e.ValueLocation, $"'stopsignal' in {s.Label}: {Show(e.Value)} is not a signal{fix}");
                return null;
            default:
                s.WrongType(e, "a signal name or number", "\"QUIT\"");
                return null;
        }
    }

    private static string? User(ConfigSection s, IReadOnlyDictionary<string, string> variables)
    {
        if (!s.TryGet("user", out var e))
            return null;
        if (e.Value is long uid and >= 0 and <= uint.MaxValue)
            return uid.ToString(CultureInfo.InvariantCulture);
        var user = ExpandedString(s, "user", "\"www-data\"", variables);
        if (user is null)
            return null;
        var parts = user.Split(':');
        if (parts.Length <= 2 && parts.All(p => uint.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out _)))
            return user;
        if (parts.Length > 1 || !Passwd.TryLookup(user, out _, out _, out _))
        {
            // The raw text is config, not a variable's value, so it can be shown.
            s.Error(e.ValueLocation, $"'user' in {s.Label}: no user {Show(e.Value)} in the user database (getpwnam); create it in the image or give a numeric \"uid\" or \"uid:gid\"");
            return null;
        }
        return user;
    }

    private static int? Umask(ConfigSection s)
    {
        if (!s.TryGet("umask", out var e))
            return null;
        switch (e.Value)
        {
            case long n and >= 0 and <= 511:
                return (int)n;
            case string text when ValueParsers.ParseUmask(text, out var error) is { } mask:
                return mask;
            case string or long:
                s.Error(e.ValueLocation, $"'umask' in {s.Label}: {Show(e.Value)} is not a umask; write an octal string such as \"022\" or \"027\"");
                return null;
            default:
                s.WrongType(e, "an octal string", "\"022\"");
                return null;
        }
    }

    private static OutputTarget? Output(ConfigSection s, string key, IReadOnlyDictionary<string, string> variables)
    {
        var raw = s.String(key, "\"inherit\"");
        if (raw is null)
            return null;
        var at = s.Entries[key].ValueLocation;
        switch (raw)
        {
            case "inherit":
                return OutputTarget.Inherit;
            case "prefix":
                return OutputTarget.Prefix;
            case "stdout" when key == "stderr":
                return OutputTarget.MergeIntoStdout;
        }
        var path = Expand(s, raw, at, $"'{key}' in {s.Label}", variables);
        if (path is null)
            return null;
        if (!path.StartsWith('/'))
        {
            var choices = key == "stderr" ? "\"inherit\", \"prefix\", \"stdout\"" : "\"inherit\", \"prefix\"";
            s.Error(at, $"'{key}' in {s.Label} must be {choices} or an absolute file path (starting with /)");
            return null;
        }
        return new OutputTarget.FileTarget(path);
    }

    private static long? Size(ConfigSection s, string key)
    {
        if (!s.TryGet(key, out var e))
            return null;
        switch (e.Value)
        {
            case long n and >= 0:
                return n;
            case string text when ValueParsers.ParseSize(text, out _) is { } size:
                return size;
            case string text:
                ValueParsers.ParseSize(text, out var error);
                s.Error(e.ValueLocation, $"'{key}' in {s.Label}: {Show(e.Value)} {error}");
                return null;
            case long:
                s.Error(e.ValueLocation, $"'{key}' in {s.Label} must be 0 or more (0 turns rotation off), not {Show(e.Value)}");
                return null;
            default:
                s.WrongType(e, "a size", "\"50MB\"");
                return null;
        }
    }

    private static string? ExpandedString(ConfigSection s, string key, string example, IReadOnlyDictionary<string, string> variables)
    {
        var raw = s.String(key, example);
        return raw is null ? null : Expand(s, raw, s.Entries[key].ValueLocation, $"'{key}' in {s.Label}", variables);
    }

    /// <summary>A value as written in the file (never after expansion, which could reveal a secret).</summary>
    internal static string Show(object? value) => value switch
    {
        string text => $"\"{text}\"",
        long n => n.ToString(CultureInfo.InvariantCulture),
        _ => TomlTypes.Describe(value),
    };
}
