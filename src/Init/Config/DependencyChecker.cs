namespace ContainerInit.Config;

/// <summary>Checks `after`: every name is a program, and no program waits on itself through others.</summary>
internal static class DependencyChecker
{
    /// <param name="files">The files in the order applied: a cycle is reported at its edge from the latest file, the one that most likely closed it.</param>
    public static void Check(IReadOnlyList<(string Name, ConfigSection Section)> programs, IReadOnlyList<string> files, List<ConfigDiagnostic> diagnostics)
    {
        var names = programs.Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        var edges = new Dictionary<string, List<(string Target, SourceLocation At)>>(StringComparer.Ordinal);
        foreach (var (name, section) in programs)
        {
            var targets = new List<(string, SourceLocation)>();
            // Types were already reported by the resolver; read the list again without a second message.
            if (section.Entries.TryGetValue("after", out var entry))
            {
                var scratch = new ConfigSection(section.Label, section.Location, []);
                scratch.Entries["after"] = entry;
                foreach (var (target, at) in scratch.StringList("after", "") ?? [])
                {
                    if (names.Contains(target))
                    {
                        targets.Add((target, at));
                        continue;
                    }
                    var closest = Suggest.Closest(target, names);
                    var fix = closest is not null
                        ? $"; did you mean '{closest}'?"
                        : names.Count > 0 ? $"; the programs are {string.Join(", ", names)}" : "";
                    diagnostics.Add(new ConfigDiagnostic(at, $"'after' in {section.Label} names '{target}', which is not a program{fix}"));
                }
            }
            edges[name] = targets;
        }

        // Depth-first search; a back edge closes a cycle, reported once from where it was entered.
        var state = new Dictionary<string, int>(StringComparer.Ordinal);
        var stack = new List<string>();
        foreach (var (name, _) in programs)
            Visit(name);

        int Rank(string file)
        {
            for (var i = 0; i < files.Count; i++)
            {
                if (files[i] == file)
                    return i;
            }
            return -1;
        }

        void Visit(string name)
        {
            state[name] = 1;
            stack.Add(name);
            foreach (var (target, at) in edges[name])
            {
                var targetState = state.GetValueOrDefault(target);
                if (targetState == 1)
                {
                    var members = stack.Skip(stack.IndexOf(target)).ToList();
                    var cycle = members.Append(target);
                    var edgesInCycle = members.Select((from, i) =>
                        edges[from].First(e => e.Target == (i + 1 < members.Count ? members[i + 1] : target)).At);
                    var where = edgesInCycle.OrderByDescending(l => Rank(l.File)).ThenByDescending(l => l.Line).First();
                    diagnostics.Add(new ConfigDiagnostic(where,
                        $"'after' makes a cycle: {string.Join(" -> ", cycle)}; remove one of these names from an 'after' list"));
                }
                else if (targetState == 0)
                {
                    Visit(target);
                }
            }
            stack.RemoveAt(stack.Count - 1);
            state[name] = 2;
        }
    }
}
