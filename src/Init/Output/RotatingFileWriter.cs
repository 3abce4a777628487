namespace ContainerInit.Output;

/// <summary>
/// Appends a program's output to a log file and rotates it as supervisord does:
/// PATH -> PATH.1 -> PATH.2 ... up to PATH.BACKUPS, the oldest dropped.
/// </summary>
/// <remarks>
/// Not thread-safe: one pump owns one writer. Writes go straight to the file (no buffer in
/// between) so that `tail -f` sees a line as soon as the program wrote it.
/// </remarks>
public sealed class RotatingFileWriter : IDisposable
{
    private readonly Action<string>? _note;
    // Null after a failed reopen; the next write tries again (a full disk may get space back).
    private FileStream? _file;
    private long _length;
    // Whether the file ends at the end of a line, so that rotating now splits none.
    private bool _atLineStart = true;

    /// <summary>Opens (or creates) <paramref name="path"/> for appending; its directory must exist.</summary>
    /// <param name="maxBytes">The size a write may not push the file past; 0 never rotates.</param>
    /// <param name="backups">Rotated files kept; 0 truncates the file in place instead.</param>
    /// <param name="note">Told about write failures, which the pump survives.</param>
    /// <exception cref="IOException">The file cannot be opened; the message names the path and the reason.</exception>
    public RotatingFileWriter(string path, long maxBytes, int backups, Action<string>? note = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentOutOfRangeException.ThrowIfNegative(maxBytes);
        ArgumentOutOfRangeException.ThrowIfNegative(backups);
        Path = System.IO.Path.GetFullPath(path);
        MaxBytes = maxBytes;
        Backups = backups;
        _note = note;
        _file = Open(FileMode.Append);
        _length = _file.Length;
    }

    /// <summary>The log file's absolute path.</summary>
    public string Path { get; }

    /// <summary>The size limit; 0 means none.</summary>
    public long MaxBytes { get; }

    /// <summary>How many rotated files are kept.</summary>
    public int Backups { get; }

    /// <summary>Appends <paramref name="data"/>, rotating first wherever the limit requires.</summary>
    public void Write(ReadOnlySpan<byte> data)
    {
        while (!data.IsEmpty)
        {
            long room = MaxBytes == 0 ? long.MaxValue : Math.Max(0, MaxBytes - _length);
            if (data.Length <= room)
            {
                Append(data);
                return;
            }

            // The data does not fit: cut at the last line end that fits, so that a line is not
            // split across two files...
            int cut = data[..(int)room].LastIndexOf((byte)'\n') + 1;
            if (cut == 0 && _atLineStart && _length > 0)
            {
                // ...or, when none fits but the file ends at a line end, start a fresh file...
                Rotate();
                continue;
            }
            if (cut == 0)
            {
                // ...and only a line that does not fit into a whole file is cut at the byte limit.
                cut = (int)room;
            }
            Append(data[..cut]);
            data = data[cut..];
            Rotate();
        }
    }

    internal void Note(string message)
    {
        try
        {
            _note?.Invoke(message);
        }
        catch
        {
            // A failing logger must not stop the pump from draining the program's pipe.
        }
    }

    private void Append(ReadOnlySpan<byte> data)
    {
        if (data.IsEmpty)
        {
            return;
        }
        if (_file is null)
        {
            _file = Open(FileMode.Append);
            _length = _file.Length;
        }
        _file.Write(data);
        _length += data.Length;
        _atLineStart = data[^1] == (byte)'\n';
    }

    private void Rotate()
    {
        _file?.Dispose();
        _file = null;
        _length = 0;
        _atLineStart = true;
        if (Backups == 0)
        {
            _file = Open(FileMode.Create);
            return;
        }
        try
        {
            // Oldest first, so that no move overwrites a file still to be moved.
            File.Delete($"{Path}.{Backups}");
            for (int i = Backups - 1; i >= 1; i--)
            {
                string from = $"{Path}.{i}";
                if (File.Exists(from))
                {
                    File.Move(from, $"{Path}.{i + 1}", overwrite: true);
                }
            }
            File.Move(Path, $"{Path}.1", overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Keep the output rather than lose it: go on in the same file, which then grows past the
            // limit. _length stays 0, so the next attempt (and note) comes only after maxBytes more.
            Note($"cannot rotate {Path} ({e.Message}); writing on to the same file");
        }
        _file = Open(FileMode.Append);
    }

    private FileStream Open(FileMode mode)
    {
        string? directory = System.IO.Path.GetDirectoryName(Path);
        if (directory is not null && !Directory.Exists(directory))
        {
            throw new IOException($"cannot open log file {Path}: the directory {directory} does not exist; create it in the image or choose another path");
        }
        try
        {
            // FileShare.Delete|ReadWrite: readers and external rotation tools may open it too.
            return new FileStream(Path, mode, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete, bufferSize: 0);
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            throw new IOException($"cannot open log file {Path}: {e.Message}", e);
        }
    }

    /// <summary>Closes the file.</summary>
    public void Dispose() => _file?.Dispose();
}
