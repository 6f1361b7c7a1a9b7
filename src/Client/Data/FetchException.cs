namespace RobustGrid.Client.Data;

/// <summary>A download that failed or did not verify; the message names the file, the URL and why.</summary>
public sealed class FetchException(string message, Exception? inner = null) : Exception(message, inner);
