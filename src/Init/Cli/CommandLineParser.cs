using System.Globalization;
using ContainerInit.Signals;

namespace ContainerInit.Cli;

/// <summary>Reads argv into an <see cref="InitCommand"/>; never throws for bad input, it returns a usage error.</summary>
internal static class CommandLineParser
{
    internal const string DefaultConfigPath = "/etc/container-init/init.toml";

    private static readonly HashSet<string> ControlVerbs = ["status", "start", "stop", "restart", "signal", "health"];

    internal static InitCommand Parse(IReadOnlyList<string> args, Func<string, string?> environment)
    {
        var configPath = environment("CONTAINER_INIT_CONFIG") is { Length: > 0 } fromEnvironment ? fromEnvironment : DefaultConfigPath;
        var options = new CommandModeOptions();
        var rewrites = new Dictionary<int, int>();
        string? verb = null;
        var verbArguments = new List<string>();

        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (verb is not null && verb != "check")
            {
                verbArguments.Add(arg);
                continue;
            }
            switch (arg)
            {
                case "-h" or "--help": return new InitCommand.ShowHelp();
                case "-V" or "--version": return new InitCommand.ShowVersion();
                case "-c" or "--config":
                    if (++i >= args.Count) return Usage($"{arg} needs a path");
                    configPath = args[i];
                    break;
                case "-g" or "--group": options = options with { ToGroup = true }; break;
                case "--startup": options = options with { RunStartupScripts = true }; break;
                case "--with-programs": options = options with { WithPrograms = true }; break;
                case "-r" or "--rewrite":
                    if (++i >= args.Count) return Usage($"{arg} needs FROM:TO, for example TERM:QUIT");
                    if (!TryParseRewrite(args[i], out var from, out var to)) return Usage($"cannot read {arg} '{args[i]}': expected FROM:TO with signal names or numbers, for example TERM:QUIT or USR1:0");
                    rewrites[from] = to;
                    break;
                case "-t" or "--grace":
                    if (++i >= args.Count) return Usage($"{arg} needs a number of seconds");
                    if (!double.TryParse(args[i], NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) || seconds < 0 || seconds > 86400)
                        return Usage($"cannot read {arg} '{args[i]}': expected seconds from 0 to 86400");
                    options = options with { Grace = TimeSpan.FromSeconds(seconds) };
                    break;
                case "--":
                    if (verb is not null) return Usage($"'{verb}' takes no command");
                    return Command(args.Skip(i + 1).ToList(), options, rewrites, configPath);
                default:
                    if (arg.StartsWith('-') && arg.Length > 1) return Usage($"unknown option {arg}");
                    if (verb is null && arg == "check") { verb = arg; break; }
                    if (verb is null && ControlVerbs.Contains(arg)) { verb = arg; break; }
                    if (verb is not null) return Usage($"'{verb}' takes no argument '{arg}'");
                    // A first word that is not a verb is a command, so that ENTRYPOINT ["container-init"] + CMD works.
                    return Command(args.Skip(i).ToList(), options, rewrites, configPath);
            }
        }

        return verb switch
        {
            "check" => new InitCommand.Check(configPath),
            null when options.ToGroup || rewrites.Count > 0 || options.WithPrograms || options.RunStartupScripts
                => Usage("--group, --rewrite, --startup and --with-programs apply to command mode: add -- CMD"),
            null => new InitCommand.Supervise(configPath),
            _ => new InitCommand.Control(verb, verbArguments),
        };
    }

    private static InitCommand Command(List<string> argv, CommandModeOptions options, Dictionary<int, int> rewrites, string configPath) =>
        argv.Count == 0
            ? Usage("no command after --")
            : new InitCommand.RunCommand(argv, options with { Rewrites = rewrites }, configPath);

    private static InitCommand.UsageError Usage(string message) => new(message);

    private static bool TryParseRewrite(string text, out int from, out int to)
    {
        from = to = 0;
        var colon = text.IndexOf(':');
        return colon > 0
            && SignalNames.TryParse(text[..colon], out from)
            && (text[(colon + 1)..] == "0" || SignalNames.TryParse(text[(colon + 1)..], out to));
    }
}
