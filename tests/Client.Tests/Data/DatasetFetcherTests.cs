using System.Security.Cryptography;
using RobustGrid.Client.Data;

namespace RobustGrid.Client.Tests.Data;

[Trait("Category", "Integration")]
public sealed class DatasetFetcherTests : IDisposable
{
    private readonly TempDirectory _temp = new("fetch");
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };

    public void Dispose()
    {
        _http.Dispose();
        _temp.Dispose();
    }

    /// <summary>The directory to fetch into: not there until the fetcher (or a test) makes it.</summary>
    private string Destination => Path.Combine(_temp.Path, "data");

    private static (RemoteFile File, byte[] Body) MakeFile(string name, int size, int seed)
    {
        var body = new byte[size];
        new Random(seed).NextBytes(body);
        return (new RemoteFile(name, Convert.ToHexStringLower(MD5.HashData(body))), body);
    }

    [Fact]
    public async Task Downloads_and_verifies_every_file_then_skips_present_ones()
    {
        await using var server = new LocalFileServer();
        var files = new[] { MakeFile("a.gz", 200_000, 1), MakeFile("b.gz", 10, 2) };
        foreach (var (file, body) in files)
        {
            server.Serve(file.Name, body);
        }
        var fetcher = new DatasetFetcher(_http);

        await fetcher.FetchAsync(server.BaseUrl, Destination, files.Select(f => f.File).ToList(), null, CancellationToken.None);

        Assert.Equal(files[0].Body, File.ReadAllBytes(Path.Combine(Destination, "a.gz")));
        Assert.Equal(files[1].Body, File.ReadAllBytes(Path.Combine(Destination, "b.gz")));
        Assert.Equal(2, server.Requests);
        await fetcher.FetchAsync(server.BaseUrl, Destination, files.Select(f => f.File).ToList(), null, CancellationToken.None);
        Assert.Equal(2, server.Requests);
        Assert.Equal(["a.gz", "b.gz"], Directory.GetFiles(Destination).Select(f => Path.GetFileName(f)!).Order());
    }

    [Fact]
    public async Task Corrupted_content_is_an_md5_error_and_leaves_nothing()
    {
        await using var server = new LocalFileServer();
        var (file, body) = MakeFile("c.gz", 5000, 3);
        byte[] corrupted = (byte[])body.Clone();
        corrupted[100] ^= 0xff;
        server.Serve(file.Name, corrupted);

        var e = await Assert.ThrowsAsync<FetchException>(() => new DatasetFetcher(_http).FetchAsync(server.BaseUrl, Destination, [file], null, CancellationToken.None));

        Assert.Contains("MD5 mismatch", e.Message);
        Assert.Contains(file.Md5, e.Message);
        Assert.Empty(Directory.GetFiles(Destination));
    }

    [Fact]
    public async Task A_wrong_existing_file_is_replaced_by_the_verified_one()
    {
        await using var server = new LocalFileServer();
        var (file, body) = MakeFile("d.gz", 3000, 4);
        server.Serve(file.Name, body);
        Directory.CreateDirectory(Destination);
        File.WriteAllText(Path.Combine(Destination, "d.gz"), "stale");

        await new DatasetFetcher(_http).FetchAsync(server.BaseUrl, Destination, [file], null, CancellationToken.None);

        Assert.Equal(body, File.ReadAllBytes(Path.Combine(Destination, "d.gz")));
    }

    [Fact]
    public async Task Not_found_truncated_and_refused_downloads_fail_clearly_and_leave_nothing()
    {
        await using var server = new LocalFileServer();
        var (missing, _) = MakeFile("missing.gz", 10, 5);
        var (cut, cutBody) = MakeFile("cut.gz", 100_000, 6);
        server.Serve(cut.Name, cutBody[..50_000], declaredLength: cutBody.Length);
        var fetcher = new DatasetFetcher(_http);

        var notFound = await Assert.ThrowsAsync<FetchException>(() => fetcher.FetchAsync(server.BaseUrl, Destination, [missing], null, CancellationToken.None));
        Assert.Contains("404", notFound.Message);
        var truncated = await Assert.ThrowsAsync<FetchException>(() => fetcher.FetchAsync(server.BaseUrl, Destination, [cut], null, CancellationToken.None));
        Assert.Contains("cut.gz", truncated.Message);
        int deadPort = server.BaseUrl.Port;
        await server.DisposeAsync();
        var refused = await Assert.ThrowsAsync<FetchException>(() => fetcher.FetchAsync(new Uri($"http://127.0.0.1:{deadPort}/"), Destination, [cut], null, CancellationToken.None));
        Assert.Contains("cannot download", refused.Message);
        Assert.Empty(Directory.GetFiles(Destination));
    }

    [Fact]
    public async Task Official_manifest_rejects_wrong_bytes_naming_the_official_md5()
    {
        await using var server = new LocalFileServer();
        foreach (RemoteFile f in MnistFiles.Official)
        {
            server.Serve(f.Name, [1, 2, 3]);
        }

        var e = await Assert.ThrowsAsync<FetchException>(() => new DatasetFetcher(_http).FetchAsync(server.BaseUrl, Destination, MnistFiles.Official, null, CancellationToken.None));

        Assert.Contains("f68b3c2dcbeaaa9fbdd348bbdeb94873", e.Message);
        Assert.Empty(Directory.GetFiles(Destination));
    }

    [Fact]
    [Trait("Category", "Integration")]
    public async Task Fetch_command_exit_codes()
    {
        await using var server = new LocalFileServer();
        foreach (RemoteFile f in MnistFiles.Official)
        {
            server.Serve(f.Name, [9, 9, 9]);
        }
        Assert.Equal(ExitCodes.BadInput, await CliApp.InvokeAsync(["data", "fetch", "cifar", "--dir", Destination]));
        Assert.Equal(ExitCodes.BadInput, await CliApp.InvokeAsync(["data", "fetch", "mnist", "--dir", Destination, "--mirror", "ftp://example/"]));
        Assert.Equal(ExitCodes.Failed, await CliApp.InvokeAsync(["data", "fetch", "mnist", "--dir", Destination, "--mirror", server.BaseUrl.AbsoluteUri, "--timeout", "5"]));
        Assert.Empty(Directory.GetFiles(Destination));
    }
}
