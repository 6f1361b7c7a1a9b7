namespace RobustGrid.Client.Tests;

/// <summary>CLI tests share the process console, so they run one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class CliCollection
{
    public const string Name = "cli";
}
