namespace RobustGrid.Grains.Contracts.Messages;

/// <summary>One of the k misclassified test samples nearest the boundary at one attack radius.</summary>
/// <param name="EpsIndex">Index of the radius in the run's attack grid.</param>
/// <param name="Rank">0 for the sample nearest the boundary, then 1, 2, ...</param>
/// <param name="TestIndex">Index in the binary task's test split.</param>
/// <param name="Logit">The perturbed logit f(x').</param>
[GenerateSerializer, Immutable]
public sealed record MisclassifiedRecord(
    [property: Id(0)] int EpsIndex,
    [property: Id(1)] int Rank,
    [property: Id(2)] int TestIndex,
    [property: Id(3)] float Logit);
