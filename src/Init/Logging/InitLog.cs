using Serilog;
using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting.Compact;
using Serilog.Formatting;
using Serilog.Formatting.Display;

namespace ContainerInit.Logging;

/// <summary>The init's own log: always stderr, text or one JSON object per line.</summary>
/// <remarks>
/// Created on first use, so that command mode, which is quiet unless something goes wrong, pays nothing for it at
/// start-up. Messages name programs, scripts, paths and statuses, never an environment value.
/// </remarks>
internal static class InitLog
{
    private static readonly Lock Gate = new();
    private static Logger? _logger;
    private static LogEventLevel _minimum = LogEventLevel.Information;
    private static bool _json;

    /// <summary>Sets format and level; environment variables win over the config file's values.</summary>
    internal static void Configure(string? format, string? level, LogEventLevel fallbackLevel)
    {
        lock (Gate)
        {
            _json = string.Equals(Environment.GetEnvironmentVariable("CONTAINER_INIT_LOG_FORMAT") ?? format, "json", StringComparison.OrdinalIgnoreCase);
            _minimum = ParseLevel(Environment.GetEnvironmentVariable("CONTAINER_INIT_LOG_LEVEL") ?? level) ?? fallbackLevel;
            _logger?.Dispose();
            _logger = null;
        }
    }

    internal static ILogger Logger
    {
        get
        {
            if (_logger is { } logger) return logger;
            lock (Gate) return _logger ??= Create();
        }
    }

    internal static void Flush()
    {
        lock (Gate)
        {
            _logger?.Dispose();
            _logger = null;
        }
    }

    internal static LogEventLevel? ParseLevel(string? level) => level?.ToLowerInvariant() switch
    {
        "debug" or "verbose" or "trace" => LogEventLevel.Debug,
        "info" or "information" => LogEventLevel.Information,
        "warn" or "warning" => LogEventLevel.Warning,
        "error" => LogEventLevel.Error,
        _ => null,
    };

    private static Logger Create()
    {
        // Everything goes to stderr: stdout belongs to the programs.
        ITextFormatter formatter = _json
            ? new CompactJsonFormatter()
            : new MessageTemplateTextFormatter(
                "{Timestamp:yyyy-MM-ddTHH:mm:ss.fffzzz} container-init[{Level:u4}] {Message:lj}{NewLine}{Exception}",
                System.Globalization.CultureInfo.InvariantCulture);
        return new LoggerConfiguration()
            .MinimumLevel.Is(_minimum)
            .WriteTo.Sink(new StreamSink(StandardStreams.Error(), formatter))
            .CreateLogger();
    }
}
