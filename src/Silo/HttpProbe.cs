namespace RobustGrid.Silo;

/// <summary>
/// <c>robustgrid-silo --probe URL</c>: the silo image's health check. The .NET runtime images have no curl or wget, so
/// the silo's own binary makes the request: exit 0 on a 2xx answer within 5 s, 1 otherwise (one line saying why), 2
/// when the argument is not an http(s) URL.
/// </summary>
public static class HttpProbe
{
    public const string Flag = "--probe";

    /// <param name="arguments">What followed <see cref="Flag"/>: one URL (anything else is bad usage, never a silo start).</param>
    public static async Task<int> RunAsync(string[] arguments)
    {
        if (arguments is not [string url] || !Uri.TryCreate(url, UriKind.Absolute, out Uri? uri) || uri.Scheme is not ("http" or "https"))
        {
            Console.Error.WriteLine($"robustgrid-silo: {Flag} takes one http URL, e.g. http://127.0.0.1:8081/readyz (got '{string.Join(' ', arguments)}')");
            return 2;
        }
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        try
        {
            using HttpResponseMessage response = await http.GetAsync(uri);
            string body = await response.Content.ReadAsStringAsync();
            Console.WriteLine($"{uri}: {(int)response.StatusCode} {body}");
            return response.IsSuccessStatusCode ? 0 : 1;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            Console.WriteLine($"{uri}: no answer ({e.Message})");
            return 1;
        }
    }
}
