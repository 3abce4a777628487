using System.Reflection;

namespace ContainerInit.Cli;

internal static class Usage
{
    internal static string Version { get; } =
        typeof(Usage).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "unknown";

    internal const string Text = """
        Usage:
          container-init [--config PATH]                 supervise the configured programs
          container-init [OPTIONS] [--] CMD [ARG...]     run CMD as the main process (like tini)
          container-init check [--config PATH]           validate the config; exit 0 valid, 2 invalid
          container-init status|start|stop|restart NAME... | signal SIG NAME... | health

        Options:
          -c, --config PATH     config file (default /etc/container-init/init.toml, or $CONTAINER_INIT_CONFIG)
          -g, --group           command mode: send signals to the child's process group
          -r, --rewrite FROM:TO command mode: turn signal FROM into TO before passing it on (TO 0 drops it)
          -t, --grace SECONDS   command mode: time leftovers get between SIGTERM and SIGKILL (default 5)
              --startup         command mode: run the startup scripts first
              --with-programs   command mode: run the configured programs beside CMD
          -h, --help            this text
          -V, --version         the version

        Environment: CONTAINER_INIT_CONFIG, CONTAINER_INIT_LOG_FORMAT (text|json), CONTAINER_INIT_LOG_LEVEL.
        Exit status: the command's, 128+N after death by signal N, 126/127 when CMD cannot run, 2 on usage errors.

        """;
}
