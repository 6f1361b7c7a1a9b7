namespace RobustGrid.Core.Evaluation;

/// <summary>A test sample the attack fools: its index in the task's test split and its perturbed logit f(x').</summary>
public readonly record struct MisclassifiedSample(int TestIndex, float Logit);
