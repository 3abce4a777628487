using System.Text.RegularExpressions;
using Tomlyn.Model;

namespace ContainerInit.Config;

/// <summary>Applies files in order onto one [init] and the [program.NAME] tables: a later file's key
/// replaces an earlier one's; environment tables merge per variable. Reports unknown keys.</summary>
internal sealed partial class ConfigMerger(List<ConfigDiagnostic> diagnostics)
{
    private static readonly string[] TopLevelKeys = ["init", "program"];

    public ConfigSection? Init { get; private set; }

    /// <summary>Programs in the order they were first declared.</summary>
    public List<(string Name, ConfigSection Section)> Programs { get; } = [];

    public void Apply(ConfigFile file, bool isMain)
    {
        var where = file.Where;
        foreach (var (key, value) in file.Raw.Unknown ?? [])
        {
            var at = where.KeyAt(key) ?? where.FileStart;
            var what = value is TomlTable ? $"unknown table [{key}]" : $"unknown top-level key '{key}'";
            var closest = Suggest.Closest(key, TopLevelKeys);
            var fix = closest is not null
                ? $"; did you mean [{closest}]?"
                : "; settings belong in [init] or in a [program.NAME] table";
            diagnostics.Add(new ConfigDiagnostic(at, what + fix));
        }

        if (file.Raw.Init is { } init)
        {
            Init ??= new ConfigSection("[init]", where.KeyAt("init") ?? where.FileStart, diagnostics);
            ReportUnknown(init.Unknown, Init, where, ["init"], RawInit.Keys);
            foreach (var (key, value) in init.SetKeys())
            {
                var entry = new ConfigEntry(key, value, where, ["init", key]);
                if (key == "include" && !isMain)
                {
                    diagnostics.Add(new ConfigDiagnostic(entry.KeyLocation,
                        "'include' is allowed only in the main config file, not in a drop-in; move the pattern to the main file's [init].include"));
                    continue;
                }
                Set(Init, entry);
            }
        }

        foreach (var (name, program) in file.Raw.Program ?? [])
        {
            var section = Programs.FirstOrDefault(p => p.Name == name).Section;
            if (section is null)
            {
                section = new ConfigSection($"[program.{name}]", where.KeyAt("program", name) ?? where.FileStart, diagnostics);
                Programs.Add((name, section));
                if (!ValidName().IsMatch(name))
                {
                    diagnostics.Add(new ConfigDiagnostic(section.Location,
                        $"program name '{name}' is not allowed; use letters, digits, '.', '_' and '-', starting with a letter or digit"));
                }
            }
            ReportUnknown(program.Unknown, section, where, ["program", name], RawProgram.Keys);
            foreach (var (key, value) in program.SetKeys())
                Set(section, new ConfigEntry(key, value, where, ["program", name, key]));
        }
    }

    private void Set(ConfigSection section, ConfigEntry entry)
    {
        if (entry.Key != "environment")
        {
            section.Entries[entry.Key] = entry;
            return;
        }
        if (entry.Value is not TomlTable table)
        {
            section.WrongType(entry, "a table of strings", "{ APP_ENV = \"prod\" }");
            return;
        }
        foreach (var (name, value) in table)
        {
            var variable = new ConfigEntry(name, value, entry.Where, [.. entry.Path, name]);
            if (!VariableExpander.IsValidName(name))
            {
                diagnostics.Add(new ConfigDiagnostic(variable.KeyLocation,
                    $"'{name}' in the environment of {section.Label} is not a valid variable name; use letters, digits and _, not starting with a digit"));
                continue;
            }
            section.Environment[name] = variable;
        }
    }

    private void ReportUnknown(Dictionary<string, object?>? unknown, ConfigSection section, KeyLocations where, string[] prefix, string[] known)
    {
        foreach (var key in unknown?.Keys ?? Enumerable.Empty<string>())
        {
            var at = where.KeyAt([.. prefix, key]) ?? section.Location;
            diagnostics.Add(new ConfigDiagnostic(at, $"unknown key '{key}' in {section.Label}{Suggest.Hint(key, known)}"));
        }
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]*$")]
    private static partial Regex ValidName();
}
