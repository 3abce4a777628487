namespace ContainerInit.Cli;

/// <summary>The init's own exit statuses (the contract's table); others are passed through from children.</summary>
internal static class ExitCodes
{
    internal const int Success = 0;
    internal const int Failure = 1;
    internal const int Usage = 2;
    internal const int StartupTimeout = 124;
}
