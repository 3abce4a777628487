using System.Globalization;
using Tomlyn.Model;

namespace ContainerInit.Config;

/// <summary>One table ([init] or [program.NAME]) after every file has been applied: for each key, the
/// last value written and where; typed readers that report wrong types and keep going.</summary>
internal sealed class ConfigSection(string label, SourceLocation location, List<ConfigDiagnostic> diagnostics)
{
    /// <summary>"[init]" or "[program.nginx]", as messages name the table.</summary>
    public string Label { get; } = label;

    /// <summary>Where the table was first declared.</summary>
    public SourceLocation Location { get; } = location;

    public Dictionary<string, ConfigEntry> Entries { get; } = new(StringComparer.Ordinal);

    /// <summary>The environment table, merged per variable across files.</summary>
    public Dictionary<string, ConfigEntry> Environment { get; } = new(StringComparer.Ordinal);

    public List<ConfigDiagnostic> Diagnostics { get; } = diagnostics;

    public void Error(SourceLocation at, string message) => Diagnostics.Add(new ConfigDiagnostic(at, message));

    public bool TryGet(string key, out ConfigEntry entry) => Entries.TryGetValue(key, out entry!);

    public void WrongType(ConfigEntry e, string expected, string example)
    {
        var hint = e.Value is string && expected.Contains("integer", StringComparison.Ordinal)
            ? $"; remove the quotes: {e.Key} = {example}"
            : $", for example {e.Key} = {example}";
        Error(e.ValueLocation, $"'{e.Key}' in {Label} must be {expected}, not {TomlTypes.Describe(e.Value)}{hint}");
    }

    public string? String(string key, string example)
    {
        if (!TryGet(key, out var e))
            return null;
        if (e.Value is string s)
            return s;
        WrongType(e, "a string", example);
        return null;
    }

    public bool? Bool(string key)
    {
        if (!TryGet(key, out var e))
            return null;
        if (e.Value is bool b)
            return b;
        WrongType(e, "true or false", "true");
        return null;
    }

    public long? Integer(string key, long min, long max, string example)
    {
        if (!TryGet(key, out var e))
            return null;
        if (e.Value is not long n)
        {
            WrongType(e, "an integer", example);
            return null;
        }
        if (n < min || n > max)
        {
            var range = max == long.MaxValue || max == int.MaxValue
                ? $"{min} or more"
                : $"between {min} and {max}";
            Error(e.ValueLocation, $"'{key}' in {Label} must be {range}, not {n}");
            return null;
        }
        return n;
    }

    /// <summary>Seconds as an integer or a float; <paramref name="allowZero"/> false requires more than 0.</summary>
    public TimeSpan? Seconds(string key, bool allowZero, string example)
    {
        if (!TryGet(key, out var e))
            return null;
        double seconds;
        switch (e.Value)
        {
            case long l:
                seconds = l;
                break;
            case double d when double.IsFinite(d):
                seconds = d;
                break;
            default:
                WrongType(e, "a number of seconds", example);
                return null;
        }
        if (seconds < 0 || (!allowZero && seconds == 0) || seconds > int.MaxValue)
        {
            var rule = allowZero ? "0 or more" : "more than 0";
            Error(e.ValueLocation, $"'{key}' in {Label} must be {rule} seconds, not {seconds.ToString(CultureInfo.InvariantCulture)}");
            return null;
        }
        return TimeSpan.FromSeconds(seconds);
    }

    /// <summary>An array of strings (a single string counts as one item), each with its location.</summary>
    public List<(string Value, SourceLocation At)>? StringList(string key, string example)
    {
        if (!TryGet(key, out var e))
            return null;
        if (e.Value is string single)
            return [(single, e.ValueLocation)];
        if (e.Value is not TomlArray array)
        {
            WrongType(e, "an array of strings", example);
            return null;
        }
        var items = new List<(string, SourceLocation)>();
        var ok = true;
        for (var i = 0; i < array.Count; i++)
        {
            if (array[i] is string s)
            {
                items.Add((s, e.ItemLocation(i)));
                continue;
            }
            Error(e.ItemLocation(i), $"item {i + 1} of '{key}' in {Label} must be a string, not {TomlTypes.Describe(array[i])}; for example {key} = {example}");
            ok = false;
        }
        return ok ? items : null;
    }
}
