using System.Buffers;
using System.Text;

namespace ContainerInit.Output;

/// <summary>Copies a program's output pipe to the <see cref="OutputSink"/> as lines tagged "NAME | ".</summary>
public static class PrefixPump
{
    /// <summary>The longest line passed on whole; a longer one is passed on in pieces of this size, each its own line.</summary>
    public const int MaxLineBytes = 64 * 1024;

    /// <summary>
    /// Reads <paramref name="source"/> until EOF (the program and every child holding the pipe have
    /// closed it) and submits each line, prefixed, to <paramref name="sink"/>; a last line without a
    /// newline is submitted with one added.
    /// </summary>
    public static async Task RunAsync(Stream source, string programName, OutputSink sink, bool toStderr, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(programName);
        ArgumentNullException.ThrowIfNull(sink);

        // Bytes only, never text: a program's output passes through unchanged, invalid UTF-8 included.
        byte[] prefix = Encoding.UTF8.GetBytes(programName + " | ");
        int lineEnd = prefix.Length + MaxLineBytes; // where a full piece ends; one byte more for '\n'
        byte[] chunk = ArrayPool<byte>.Shared.Rent(MaxLineBytes);
        // The line is built in place after the prefix, then the buffer itself goes to the sink:
        // no copy per line beyond the one out of the read buffer.
        byte[]? line = NewLine(prefix, lineEnd + 1);
        int length = prefix.Length;
        try
        {
            while (true)
            {
                int read = await source.ReadAsync(chunk.AsMemory(0, MaxLineBytes), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }
                int position = 0;
                while (position < read)
                {
                    ReadOnlySpan<byte> rest = chunk.AsSpan(position, read - position);
                    int newline = rest.IndexOf((byte)'\n');
                    int take = newline < 0 ? rest.Length : newline;
                    int room = lineEnd - length;
                    bool lineComplete = newline >= 0;
                    if (take > room)
                    {
                        // Longer than 64 KiB: pass on a full piece rather than buffer without limit.
                        take = room;
                        lineComplete = true;
                    }
                    else if (newline >= 0)
                    {
                        position++; // the '\n' itself; the sink's line gets its own
                    }
                    rest[..take].CopyTo(line.AsSpan(length));
                    length += take;
                    position += take;
                    if (lineComplete)
                    {
                        byte[] full = line;
                        line = null; // the sink owns it from here, even if submitting throws
                        full[length] = (byte)'\n';
                        await sink.EnqueueAsync(full, length + 1, toStderr, cancellationToken).ConfigureAwait(false);
                        line = NewLine(prefix, lineEnd + 1);
                        length = prefix.Length;
                    }
                }
            }

            if (length > prefix.Length)
            {
                byte[] last = line;
                line = null;
                last[length] = (byte)'\n';
                await sink.EnqueueAsync(last, length + 1, toStderr, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
            if (line is not null)
            {
                ArrayPool<byte>.Shared.Return(line);
            }
        }
    }

    private static byte[] NewLine(byte[] prefix, int size)
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(size);
        prefix.CopyTo(buffer, 0);
        return buffer;
    }
}
