namespace RobustGrid.Results;

/// <summary>The results root must be writable before a sweep starts: finding out after training every run would waste it.</summary>
public static class ResultsRoot
{
    /// <summary>Null when files can be created under <paramref name="root"/> (created if missing), otherwise why not.</summary>
    public static string? CheckWritable(string root)
    {
        string probe = Path.Combine(root, ".robustgrid-write-probe-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            Directory.CreateDirectory(root);
            File.WriteAllBytes(probe, []);
            File.Delete(probe);
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            return $"the results directory {Path.GetFullPath(root)} cannot be written: {e.Message}";
        }
    }
}
