using System.Text;
using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting;

namespace ContainerInit.Logging;

/// <summary>Writes each event to a stream in one write call, so that a line never mixes with a program's output.</summary>
internal sealed class StreamSink(Stream stream, ITextFormatter formatter) : ILogEventSink
{
    private readonly Lock _gate = new();
    private readonly StringWriter _buffer = new(System.Globalization.CultureInfo.InvariantCulture);

    public void Emit(LogEvent logEvent)
    {
        lock (_gate)
        {
            _buffer.GetStringBuilder().Clear();
            formatter.Format(logEvent, _buffer);
            var bytes = Encoding.UTF8.GetBytes(_buffer.ToString());
            try
            {
                stream.Write(bytes);
            }
            catch (IOException)
            {
                // stderr is closed or broken: there is nowhere left to say so, and the init must go on.
            }
        }
    }
}
