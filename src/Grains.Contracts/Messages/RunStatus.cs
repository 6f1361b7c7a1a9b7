namespace RobustGrid.Grains.Contracts.Messages;

/// <summary>Where a run is.</summary>
[GenerateSerializer]
public enum RunStatus
{
    Pending = 0,
    Running = 1,
    Completed = 2,
    Failed = 3,
}
