using System.Text.RegularExpressions;

namespace RobustGrid.Client.Tests.Dashboard;

/// <summary>The page's address a CLI process prints ("Dashboard: http://127.0.0.1:PORT/..."), awaited with a deadline.</summary>
internal static partial class DashboardUrl
{
    public static async Task<Uri> WaitAsync(ChildProcess cli, TimeSpan timeout)
    {
        DateTime deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (Printed().Match(cli.Output) is { Success: true } match)
            {
                return new Uri(match.Groups[1].Value);
            }
            Assert.False(cli.HasExited, $"{cli.Name} ended before printing its dashboard's URL: {cli.Output}");
            await Task.Delay(100);
        }
        throw new TimeoutException($"{cli.Name} printed no 'Dashboard: <url>' within {timeout.TotalSeconds:0} s: {cli.Output}");
    }

    [GeneratedRegex(@"Dashboard: (http://\S+)")]
    private static partial Regex Printed();
}
