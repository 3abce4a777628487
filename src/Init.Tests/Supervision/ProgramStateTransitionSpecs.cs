using ContainerInit.Supervision;
using static ContainerInit.Supervision.ProgramState;

namespace ContainerInit.Tests.Supervision;

/// <summary>The lifecycle table, pair by pair: every legal change is listed, everything else is refused.</summary>
public sealed class ProgramStateTransitionSpecs
{
    private static readonly (ProgramState From, ProgramState To)[] Legal =
    [
        (Stopped, Starting), (Backoff, Starting), (Exited, Starting), (Fatal, Starting),
        (Starting, Running), (Starting, Backoff), (Starting, Fatal), (Starting, Stopping),
        (Running, Exited), (Running, Stopping),
        (Backoff, Stopped), (Stopping, Stopped),
    ];

    public static TheoryData<ProgramState, ProgramState> AllPairs()
    {
        var data = new TheoryData<ProgramState, ProgramState>();
        foreach (var from in Enum.GetValues<ProgramState>())
            foreach (var to in Enum.GetValues<ProgramState>())
                data.Add(from, to);
        return data;
    }

    [Theory]
    [MemberData(nameof(AllPairs))]
    public void Only_the_changes_supervisord_makes_are_allowed(ProgramState from, ProgramState to)
    {
        Assert.Equal(Legal.Contains((from, to)), ProgramStateTransitions.IsAllowed(from, to));
    }
}
