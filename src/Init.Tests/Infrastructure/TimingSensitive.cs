namespace ContainerInit.Tests.Infrastructure;

/// <summary>Tests that measure time or race the init's start-up run alone.</summary>
[CollectionDefinition(nameof(TimingSensitive), DisableParallelization = true)]
public sealed class TimingSensitive;
