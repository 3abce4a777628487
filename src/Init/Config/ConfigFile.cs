using System.Text.RegularExpressions;
using Tomlyn;
using Tomlyn.Parsing;
using Tomlyn.Syntax;

namespace ContainerInit.Config;

/// <summary>One TOML file, parsed: the raw model and the positions of its keys.</summary>
internal sealed partial record ConfigFile(string Path, RawConfig Raw, KeyLocations Where)
{
    /// <summary>Reads and parses a file; null (with diagnostics) when it cannot be read or is not valid TOML.</summary>
    /// <param name="readErrorAt">Where to report an unreadable file (an include line), or null for the file itself.</param>
    public static ConfigFile? Read(string path, SourceLocation? readErrorAt, List<ConfigDiagnostic> diagnostics)
    {
        string text;
        if (Directory.Exists(path))
        {
            diagnostics.Add(new ConfigDiagnostic(readErrorAt ?? new SourceLocation(path, 1, 1),
                $"config file '{path}' is a directory; give the path of a .toml file"));
            return null;
        }
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            var why = e switch
            {
                FileNotFoundException or DirectoryNotFoundException => "does not exist; check the path (--config or CONTAINER_INIT_CONFIG)",
                UnauthorizedAccessException => "cannot be read: permission denied; make it readable by the init's user",
                _ => "cannot be read: " + e.Message,
            };
            diagnostics.Add(new ConfigDiagnostic(readErrorAt ?? new SourceLocation(path, 1, 1), $"config file '{path}' {why}"));
            return null;
        }

        // The syntax tree reports every syntax error at once, and gives the positions that the
        // generated model does not keep (see KeyLocations).
        var document = SyntaxParser.Parse(text, path, validate: true);
        var syntaxErrors = document.Diagnostics.Where(d => d.Kind == DiagnosticMessageKind.Error).ToList();
        foreach (var d in syntaxErrors)
            diagnostics.Add(new ConfigDiagnostic(At(path, d.Span), "TOML syntax: " + Redact(d.Message)));
        if (syntaxErrors.Count > 0)
            return null;

        var where = KeyLocations.Build(document, path);
        try
        {
            var context = new RawTomlContext(new TomlSerializerOptions { SourceName = path });
            var raw = TomlSerializer.Deserialize(text, context.RawConfig) ?? new RawConfig();
            return new ConfigFile(path, raw, where);
        }
        catch (TomlException e)
        {
            // Only the shape can fail here ([init] or [program.X] not a table): every value is an object.
            const string fix = "; [init] and each [program.NAME] must be tables";
            if (e.Diagnostics.Count > 0)
            {
                foreach (var d in e.Diagnostics)
                    diagnostics.Add(new ConfigDiagnostic(At(path, d.Span), Redact(d.Message).TrimEnd('.') + fix));
            }
            else
            {
                diagnostics.Add(new ConfigDiagnostic(new SourceLocation(path, e.Line ?? 1, e.Column ?? 1), Redact(e.Message).TrimEnd('.') + fix));
            }
            return null;
        }
    }

    private static SourceLocation At(string path, SourceSpan span) =>
        new(path, Math.Max(1, span.Start.Line + 1), Math.Max(1, span.Start.Column + 1));

    // Tomlyn quotes the offending token, which may be part of a secret in an environment table; keep
    // punctuation (`=`, `]`) and drop words.
    private static string Redact(string message) => QuotedWord().Replace(message, m =>
        m.Groups[1].Value.Any(char.IsLetterOrDigit) ? "`…`" : m.Value);

    [GeneratedRegex("`([^`]*)`")]
    private static partial Regex QuotedWord();
}
