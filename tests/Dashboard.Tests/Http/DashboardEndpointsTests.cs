using System.Net;
using RobustGrid.Dashboard.Http;
using RobustGrid.Dashboard.Sweeps;

namespace RobustGrid.Dashboard.Tests.Http;

/// <summary>
/// The real server on a free loopback port, asked over real HTTP: the page and its API answer for a sweep folder of the
/// results root; every other id, and every path that tries to leave the root or the report folder ("..", "%2e%2e",
/// absolute paths, backslashes, encoded separators), is refused (400 or 404) and never answered with a file's bytes.
/// </summary>
[Trait("Category", "Unit")]
public sealed class DashboardEndpointsTests : IAsyncLifetime
{
    private const string Id = "sweep-http";
    private const string Secret = "secret-outside-the-results-root";
    private readonly TempDirectory _dir = new("dashboard-http");
    private DashboardServer? _server;

    private string Root => Path.Combine(_dir.Path, "results");

    private Uri Url => new(_server!.Url);

    public async Task InitializeAsync()
    {
        await FixtureSweep.WriteAsync(Path.Combine(Root, Id), Id);
        string report = Path.Combine(Root, Id, "report");
        Directory.CreateDirectory(report);
        await File.WriteAllTextAsync(Path.Combine(report, "index.html"), "<html>the report</html>");
        // Files a traversal would reach: beside the root, at the root, and in the sweep folder (outside its report).
        await File.WriteAllTextAsync(Path.Combine(_dir.Path, "secret.txt"), Secret);
        await File.WriteAllTextAsync(Path.Combine(_dir.Path, "secret.html"), Secret);
        await File.WriteAllTextAsync(Path.Combine(Root, "secret.html"), Secret);
        await File.WriteAllTextAsync(Path.Combine(Root, Id, "secret.html"), Secret);
        // A folder that is not a sweep, and one whose name is not a sweep id.
        Directory.CreateDirectory(Path.Combine(Root, "not-a-sweep"));
        Directory.CreateDirectory(Path.Combine(Root, ".state"));
        _server = await DashboardServer.StartAsync(IPAddress.Loopback, 0, new SweepCatalog(Root), null, CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
        _dir.Dispose();
    }

    [Fact]
    public async Task The_page_its_api_and_the_report_answer_on_loopback()
    {
        Assert.Equal(IPAddress.Loopback.ToString(), Url.Host);
        (int status, string page) = await RawHttp.GetAsync(Url, "/");
        Assert.Equal(200, status);
        Assert.Contains("RobustGrid sweeps", page);
        Assert.Contains("<base href=\"/\">", page);
        Assert.Equal(200, (await RawHttp.GetAsync(Url, "/dashboard.js")).Status);
        (int listStatus, string list) = await RawHttp.GetAsync(Url, "/api/sweeps");
        Assert.Equal(200, listStatus);
        Assert.Contains($"\"id\":\"{Id}\"", list);
        Assert.DoesNotContain("not-a-sweep", list);
        Assert.DoesNotContain(".state", list);
        (int sweepStatus, string sweep) = await RawHttp.GetAsync(Url, $"/api/sweeps/{Id}");
        Assert.Equal(200, sweepStatus);
        Assert.Contains("\"done\":4", sweep);
        Assert.Contains("\"reportUrl\":\"report/sweep-http/index.html\"", sweep);
        (int reportStatus, string report) = await RawHttp.GetAsync(Url, $"/report/{Id}/index.html");
        Assert.Equal(200, reportStatus);
        Assert.Contains("the report", report);
    }

    [Theory]
    // Kestrel removes a dot segment, decoded or not, before routing: these reach no endpoint.
    [InlineData("/api/sweeps/..", 404)]
    [InlineData("/api/sweeps/%2e%2e", 404)]
    [InlineData("/api/sweeps/%2E%2E", 404)]
    [InlineData("/api/sweeps/..%2f..%2fsecret.txt", 400)]
    [InlineData("/api/sweeps/%2e%2e%2fsecret.txt", 400)]
    [InlineData("/api/sweeps/..%5csecret.txt", 400)]
    [InlineData("/api/sweeps/sweep-http%5c..%5c..%5csecret.txt", 400)]
    [InlineData("/api/sweeps/%2ftmp", 400)]
    [InlineData("/api/sweeps/%2fetc%2fpasswd", 400)]
    [InlineData("/api/sweeps/.state", 400)]
    [InlineData("/api/sweeps/not-a-sweep", 404)]
    [InlineData("/api/sweeps/no-such-sweep", 404)]
    public async Task Sweep_ids_that_are_not_sweep_folders_are_refused(string target, int expected)
    {
        (int status, string body) = await RawHttp.GetAsync(Url, target);
        Assert.Equal(expected, status);
        Assert.DoesNotContain(Secret, body);
    }

    [Theory]
    [InlineData("/api/sweeps/../../secret.txt")]
    [InlineData("/api/sweeps/sweep-http/../../../secret.txt")]
    [InlineData("/report/sweep-http/../secret.html")]
    [InlineData("/report/sweep-http/..%2fsecret.html")]
    [InlineData("/report/sweep-http/%2e%2e%2fsecret.html")]
    [InlineData("/report/sweep-http/%2e%2e%2f%2e%2e%2fsecret.html")]
    [InlineData("/report/sweep-http/..%5csecret.html")]
    [InlineData("/report/sweep-http/%2ftmp%2fsecret.html")]
    [InlineData("/report/..%2f..%2fsecret.html/x.html")]
    [InlineData("/report/%2e%2e/secret.html")]
    [InlineData("/report/%2e%2e/%2e%2e%2fsecret.html")]
    [InlineData("/report/sweep-http/.hidden.html")]
    [InlineData("/report/sweep-http/secret.txt")]
    [InlineData("//etc/passwd")]
    [InlineData("/..%2f..%2fsecret.txt")]
    public async Task Paths_that_leave_the_results_root_or_the_report_are_never_served(string target)
    {
        (int status, string body) = await RawHttp.GetAsync(Url, target);
        Assert.True(status is 400 or 404, $"{target} answered {status}: {body}");
        Assert.DoesNotContain(Secret, body);
    }

    [Fact]
    public async Task An_absolute_path_as_the_request_target_is_not_served()
    {
        (int status, string body) = await RawHttp.GetAsync(Url, Path.Combine(_dir.Path, "secret.txt"));
        Assert.True(status is 400 or 404, $"answered {status}: {body}");
        Assert.DoesNotContain(Secret, body);
    }
}
