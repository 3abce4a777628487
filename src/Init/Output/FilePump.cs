using System.Buffers;

namespace ContainerInit.Output;

/// <summary>Copies a program's output pipe into a <see cref="RotatingFileWriter"/>.</summary>
public static class FilePump
{
    private const int ChunkBytes = 64 * 1024;

    /// <summary>
    /// Reads <paramref name="source"/> until EOF and appends every byte to <paramref name="writer"/>.
    /// A failing write (disk full, file removed with its directory) is noted once and the data
    /// dropped, but the pipe is still drained so that the program never blocks on it.
    /// </summary>
    public static async Task RunAsync(Stream source, RotatingFileWriter writer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(writer);
        byte[] chunk = ArrayPool<byte>.Shared.Rent(ChunkBytes);
        bool failing = false;
        try
        {
            while (true)
            {
                int read = await source.ReadAsync(chunk.AsMemory(0, ChunkBytes), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    return;
                }
                try
                {
                    writer.Write(chunk.AsSpan(0, read));
                    if (failing)
                    {
                        failing = false;
                        writer.Note($"writing {writer.Path} works again");
                    }
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException or ObjectDisposedException)
                {
                    // Keep trying with later data (a full disk may get space back), but say so only once.
                    if (!failing)
                    {
                        failing = true;
                        writer.Note($"cannot write {writer.Path} ({e.Message}); output is dropped until a write succeeds");
                    }
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
    }
}
