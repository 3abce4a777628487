namespace ContainerInit.Processes;

/// <summary>How a child ended, as the shell reports it: the exit code, or 128+N after death by signal N.</summary>
/// <remarks>The runtime folds a signal death into 128+N before we see it, so an exit(143) and a death by SIGTERM look the same.</remarks>
public readonly record struct ExitStatus(int Code)
{
    /// <summary>The signal that probably ended the process, when the code is above 128.</summary>
    public int? Signal => Code > 128 && Code < 128 + 65 ? Code - 128 : null;

    public override string ToString() => Signal is { } signal ? $"killed by signal {signal} (status {Code})" : $"exit status {Code}";
}
