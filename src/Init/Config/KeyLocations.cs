using Tomlyn.Syntax;

namespace ContainerInit.Config;

/// <summary>Where each key and value of one file is, by key path (["program", "nginx", "priority"]).</summary>
/// <remarks>Tomlyn's source-generated deserializers keep no positions for plain objects (its metadata store
/// serves TomlTable models), so the values come from the generated model and the positions from a walk
/// over Tomlyn's syntax tree of the same text, which keeps the span of every key, value and array item.</remarks>
internal sealed class KeyLocations
{
    private const char Separator = '\u001f';
    private readonly Dictionary<string, (SourceLocation Key, SourceLocation Value)> _map = new(StringComparer.Ordinal);
    private readonly string _file;

    private KeyLocations(string file) => _file = file;

    /// <summary>The position of a file's first character, for problems with the file as a whole.</summary>
    public SourceLocation FileStart => new(_file, 1, 1);

    public static KeyLocations Build(DocumentSyntax document, string file)
    {
        var locations = new KeyLocations(file);
        foreach (var kv in document.KeyValues)
            locations.AddKeyValue([], kv);
        foreach (var table in document.Tables)
        {
            if (table.Name is null)
                continue;
            var prefix = Segments(table.Name);
            var at = locations.Location(table);
            // [program.x] after [program.x.environment] still starts the program: keep the first.
            for (var i = 1; i <= prefix.Count; i++)
                locations._map.TryAdd(Join(prefix.Take(i)), (at, at));
            foreach (var kv in table.Items)
                locations.AddKeyValue(prefix, kv);
        }
        return locations;
    }

    /// <summary>Where the key is written (for unknown keys and table starts).</summary>
    public SourceLocation? KeyAt(params IEnumerable<string> path) =>
        _map.TryGetValue(Join(path), out var l) ? l.Key : null;

    /// <summary>Where the value of the key is written (for wrong types and bad values).</summary>
    public SourceLocation? ValueAt(params IEnumerable<string> path) =>
        _map.TryGetValue(Join(path), out var l) ? l.Value : null;

    private void AddKeyValue(IReadOnlyList<string> prefix, KeyValueSyntax kv)
    {
        if (kv.Key is null)
            return;
        var path = prefix.Concat(Segments(kv.Key)).ToList();
        var keyAt = Location(kv.Key);
        for (var i = prefix.Count + 1; i < path.Count; i++)
            _map.TryAdd(Join(path.Take(i)), (keyAt, keyAt));
        var valueAt = kv.Value is null ? keyAt : Location(kv.Value);
        _map[Join(path)] = (keyAt, valueAt);
        AddValue(path, kv.Value);
    }

    private void AddValue(List<string> path, ValueSyntax? value)
    {
        switch (value)
        {
            case InlineTableSyntax inline:
                foreach (var item in inline.Items)
                {
                    if (item.KeyValue is not null)
                        AddKeyValue(path, item.KeyValue);
                }
                break;
            case ArraySyntax array:
                var index = 0;
                foreach (var item in array.Items)
                {
                    if (item.Value is null)
                        continue;
                    var itemPath = new List<string>(path) { $"[{index++}]" };
                    var at = Location(item.Value);
                    _map[Join(itemPath)] = (at, at);
                    AddValue(itemPath, item.Value);
                }
                break;
        }
    }

    private static List<string> Segments(KeySyntax key)
    {
        var segments = new List<string> { Text(key.Key) };
        foreach (var dotted in key.DotKeys)
            segments.Add(Text(dotted.Key));
        return segments;
    }

    private static string Text(BareKeyOrStringValueSyntax? key) => key switch
    {
        BareKeySyntax bare => bare.Key?.Text ?? "",
        StringValueSyntax quoted => quoted.Value ?? "",
        _ => "",
    };

    private SourceLocation Location(SyntaxNode node) =>
        new(_file, node.Span.Start.Line + 1, node.Span.Start.Column + 1);

    private static string Join(IEnumerable<string> path) => string.Join(Separator, path);
}
