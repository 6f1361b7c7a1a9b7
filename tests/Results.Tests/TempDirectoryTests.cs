namespace RobustGrid.Results.Tests;

/// <summary>The tests' own temporary directory (TestUtilities): there once made, gone with its contents once disposed.</summary>
[Trait("Category", "Unit")]
public sealed class TempDirectoryTests
{
    [Fact]
    public void It_exists_empty_on_construction_under_the_system_temporary_directory_named_for_its_use()
    {
        using var dir = new TempDirectory("temp-test");
        using var other = new TempDirectory("temp-test");

        Assert.True(Directory.Exists(dir.Path));
        Assert.Empty(Directory.EnumerateFileSystemEntries(dir.Path));
        Assert.Equal(Path.TrimEndingDirectorySeparator(Path.GetFullPath(Path.GetTempPath())), Path.GetDirectoryName(dir.Path));
        Assert.Matches("^robustgrid-temp-test-[0-9a-f]{8}$", Path.GetFileName(dir.Path));
        Assert.NotEqual(dir.Path, other.Path);
    }

    [Fact]
    public void Dispose_deletes_it_with_its_contents_and_a_second_dispose_is_harmless()
    {
        var dir = new TempDirectory("temp-test");
        string nested = Directory.CreateDirectory(Path.Combine(dir.Path, "a", "b")).FullName;
        File.WriteAllText(Path.Combine(nested, "file.txt"), "contents");
        File.WriteAllText(Path.Combine(dir.Path, "top.txt"), "contents");

        dir.Dispose();
        Assert.False(Directory.Exists(dir.Path));

        dir.Dispose();
        Assert.False(Directory.Exists(dir.Path));
    }

    [Fact]
    public void Dispose_of_a_directory_the_test_deleted_itself_is_harmless()
    {
        var dir = new TempDirectory("temp-test");
        Directory.Delete(dir.Path);

        dir.Dispose();
        Assert.False(Directory.Exists(dir.Path));
    }
}
