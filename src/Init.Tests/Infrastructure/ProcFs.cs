using System.Globalization;

namespace ContainerInit.Tests.Infrastructure;

/// <summary>Reads process state from /proc, as the assertions need it.</summary>
public static class ProcFs
{
    public static bool Exists(int pid) => Directory.Exists($"/proc/{pid}");

    public static IReadOnlyList<int> Children(int pid)
    {
        var result = new List<int>();
        try
        {
            foreach (var task in Directory.EnumerateDirectories($"/proc/{pid}/task"))
                foreach (var field in File.ReadAllText(Path.Combine(task, "children")).Split(' ', StringSplitOptions.RemoveEmptyEntries))
                    result.Add(int.Parse(field, CultureInfo.InvariantCulture));
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
        return result;
    }

    public static char State(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[stat.LastIndexOf(')') + 2];
        }
        catch (IOException) { return 'X'; }
    }

    public static string? Status(int pid, string field)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
                if (line.StartsWith(field + ":", StringComparison.Ordinal)) return line[(field.Length + 1)..].Trim();
        }
        catch (IOException) { }
        return null;
    }

    /// <summary>True when the process has a handler for the signal (SigCgt), i.e. it is past start-up and listening.</summary>
    public static bool Catches(int pid, int signal)
    {
        var mask = Status(pid, "SigCgt");
        return mask is not null && (ulong.Parse(mask, NumberStyles.HexNumber, CultureInfo.InvariantCulture) & (1UL << (signal - 1))) != 0;
    }

    /// <summary>Signal masks, pending signals and children of a process and its threads, for failure messages.</summary>
    public static string Describe(int pid)
    {
        var text = new System.Text.StringBuilder($"pid {pid}: children [{string.Join(' ', Children(pid))}]");
        foreach (var field in new[] { "SigBlk", "SigIgn", "SigCgt", "SigPnd", "ShdPnd" }) text.Append($" {field} {Status(pid, field)}");
        try
        {
            foreach (var task in Directory.EnumerateDirectories($"/proc/{pid}/task"))
            {
                var tid = int.Parse(Path.GetFileName(task), CultureInfo.InvariantCulture);
                text.Append($"; thread {tid} {File.ReadAllText(Path.Combine(task, "comm")).Trim()} blocked {Status(tid, "SigBlk")} pending {Status(tid, "SigPnd")}");
            }
        }
        catch (IOException) { }
        return text.ToString();
    }

    /// <summary>True once the process sleeps in nanosleep, as `sleep` does once it has started up.</summary>
    public static bool IsInNanosleep(int pid)
    {
        try { return File.ReadAllText($"/proc/{pid}/wchan").Contains("nanosleep", StringComparison.Ordinal); }
        catch (IOException) { return false; }
    }

    public static string? Executable(int pid)
    {
        try { return new FileInfo($"/proc/{pid}/exe").LinkTarget; }
        catch (IOException) { return null; }
        catch (UnauthorizedAccessException) { return null; }
    }

    /// <summary>Every live pid whose PID namespace is the given one.</summary>
    public static IReadOnlyList<int> InNamespace(string pidNamespace)
    {
        var result = new List<int>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var pid)) continue;
            try
            {
                if (new FileInfo($"/proc/{pid}/ns/pid").LinkTarget == pidNamespace) result.Add(pid);
            }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        }
        return result;
    }

    public static string? PidNamespace(int pid)
    {
        try { return new FileInfo($"/proc/{pid}/ns/pid").LinkTarget; }
        catch (IOException) { return null; }
    }

    /// <summary>The descendants of a process (children, grandchildren, ...), zombies included.</summary>
    public static IReadOnlyList<int> Descendants(int pid)
    {
        var result = new List<int>();
        var pending = new Stack<int>([pid]);
        while (pending.Count > 0)
            foreach (var child in Children(pending.Pop()))
            {
                result.Add(child);
                pending.Push(child);
            }
        return result;
    }
}
