namespace RobustGrid.TestUtilities;

/// <summary>
/// A directory of a test's own under the system's temporary directory, named <c>robustgrid-&lt;name&gt;-&lt;8 hex digits&gt;</c>:
/// created on construction, deleted with all it holds on disposal.
/// </summary>
/// <remarks>A test that needs a path that does not exist yet (one the code under test must create) takes one inside it.</remarks>
public sealed class TempDirectory : IDisposable
{
    /// <param name="name">What the directory is for, e.g. "results": a part of its name, to tell the tests' directories apart.</param>
    public TempDirectory(string name) =>
        Path = Directory.CreateDirectory(System.IO.Path.Combine(System.IO.Path.GetTempPath(), "robustgrid-" + name + "-" + Guid.NewGuid().ToString("N")[..8])).FullName;

    /// <summary>The directory's full path.</summary>
    public string Path { get; }

    /// <summary>Deletes the directory and everything in it; nothing to do if it is gone already (disposed twice, or deleted by the test).</summary>
    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }
}
