using System.Globalization;

namespace ContainerInit.Processes;

/// <summary>What /proc says about the processes below the init.</summary>
internal static class ProcessTree
{
    /// <summary>The live (not zombie) descendants of <paramref name="root"/>, found by walking every /proc/PID/stat.</summary>
    /// <remarks>
    /// As PID 1 of a namespace this is every other process in the container. A zombie is excluded: it is dead,
    /// and <see cref="ChildReaper"/> reaps it once its parent is gone.
    /// </remarks>
    internal static List<int> LiveDescendants(int root)
    {
        var children = new Dictionary<int, List<int>>();
        var zombies = new HashSet<int>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)) continue;
            if (!TryReadStat(pid, out var parent, out var state)) continue;
            if (state == 'Z') zombies.Add(pid);
            if (!children.TryGetValue(parent, out var list)) children[parent] = list = [];
            list.Add(pid);
        }

        var result = new List<int>();
        var pending = new Stack<int>();
        pending.Push(root);
        while (pending.Count > 0)
        {
            if (!children.TryGetValue(pending.Pop(), out var list)) continue;
            foreach (var child in list)
            {
                if (child == root) continue;
                if (!zombies.Contains(child)) result.Add(child);
                pending.Push(child);
            }
        }
        return result;
    }

    private static bool TryReadStat(int pid, out int parent, out char state)
    {
        parent = 0;
        state = '?';
        string text;
        try { text = File.ReadAllText($"/proc/{pid}/stat"); }
        catch (IOException) { return false; } // it exited while we looked
        catch (UnauthorizedAccessException) { return false; }
        // The command name may hold spaces and parentheses: fields resume after the last ')'.
        var end = text.LastIndexOf(')');
        if (end < 0 || end + 4 >= text.Length) return false;
        var fields = text.AsSpan(end + 2);
        state = fields[0];
        fields = fields[2..];
        var space = fields.IndexOf(' ');
        return int.TryParse(space < 0 ? fields : fields[..space], NumberStyles.None, CultureInfo.InvariantCulture, out parent);
    }
}
