using System.CommandLine;
using RobustGrid.Client.Data;
using RobustGrid.Client.Output;
using Spectre.Console;

namespace RobustGrid.Client.Commands;

/// <summary><c>robustgrid data fetch mnist [--dir D] [--mirror URL]</c>: the four official MNIST files, MD5-checked.</summary>
public static class DataFetchCommand
{
    public static Command Create()
    {
        var dataset = new Argument<string>("dataset") { Description = "The dataset to fetch: mnist." };
        var dir = new Option<DirectoryInfo>("--dir") { Description = "Where to put the files.", DefaultValueFactory = _ => new DirectoryInfo(Path.Combine("data", "mnist")) };
        var mirror = new Option<string>("--mirror") { Description = "Base URL serving the four files.", DefaultValueFactory = _ => MnistFiles.DefaultMirror.AbsoluteUri };
        var timeout = NumberOption.Create("--timeout", "Seconds before a stalled download fails.", "a whole number of seconds, at least 1", 60);
        var command = new Command("fetch", "Download full MNIST (the four official files), keeping each only when its MD5 sum is right.") { dataset, dir, mirror, timeout };
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (!string.Equals(parse.GetValue(dataset), "mnist", StringComparison.OrdinalIgnoreCase))
            {
                return ErrorOutput.BadInput($"unknown dataset '{parse.GetValue(dataset)}': only mnist can be fetched.");
            }
            if (!Uri.TryCreate(parse.GetValue(mirror), UriKind.Absolute, out Uri? baseUrl) || baseUrl.Scheme is not ("http" or "https"))
            {
                return ErrorOutput.BadInput($"--mirror must be an http or https URL (got '{parse.GetValue(mirror)}').");
            }
            if (parse.GetValue(timeout) < 1)
            {
                return ErrorOutput.BadInput("--timeout must be at least 1 second.");
            }
            string target = parse.GetValue(dir)!.FullName;
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(parse.GetValue(timeout)) };
            var fetcher = new DatasetFetcher(http);
            try
            {
                var lastShown = new Dictionary<string, long>();
                await fetcher.FetchAsync(baseUrl, target, MnistFiles.Official, (name, received, total) =>
                {
                    // A line per file every 10%, so plain logs and terminals both see progress.
                    long step = Math.Max(1, (total ?? 10_000_000) / 10);
                    if (!lastShown.TryGetValue(name, out long shown) || received - shown >= step || received == total)
                    {
                        lastShown[name] = received;
                        AnsiConsole.MarkupLineInterpolated($"{name}: {received / 1024} KiB{(total is { } t ? $" of {t / 1024} KiB" : "")}");
                    }
                }, cancellationToken);
            }
            catch (FetchException e)
            {
                return ErrorOutput.Failed(e.Message);
            }
            AnsiConsole.MarkupLineInterpolated($"MNIST is in [bold]{target}[/] (MD5 verified); use --data-dir {target}");
            return ExitCodes.Success;
        });
        return command;
    }
}
