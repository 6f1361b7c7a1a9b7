namespace RobustGrid.Client.Sweeps;

/// <summary>A sweep spec file or flag that cannot be read; the message says which and why.</summary>
public sealed class SweepSpecException(string message) : Exception(message);
