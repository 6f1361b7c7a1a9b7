using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using static RobustGrid.Cluster.Tests.Deploy.DeployFiles;

namespace RobustGrid.Cluster.Tests.Deploy;

/// <summary>
/// The Dockerfiles copy paths that exist and that their .dockerignore keeps, copy every project the published one
/// references (and the build's props and targets) before publishing, use .NET images of the projects' target
/// framework, run as a non-root user with a /results volume, and start the assembly the project builds with <c>dotnet</c>
/// itself (no entrypoint script); the silo image checks its health over HTTP with the silo's own <c>--probe</c>.
/// </summary>
[Trait("Category", "Unit")]
public sealed partial class DockerfilesTests
{
    [Theory]
    [InlineData("silo", "src/Silo", "aspnet")]
    [InlineData("cli", "src/Client", "aspnet")]
    public void The_image_builds_what_it_runs(string name, string projectDirectory, string runtimeImage)
    {
        string path = $"deploy/docker/{name}.Dockerfile", ignorePath = path + ".dockerignore";
        Assert.True(File.Exists(Repository.Path(ignorePath)), $"{ignorePath} is missing (BuildKit reads it instead of a root .dockerignore)");
        string version = TargetFramework().Match(Read("Directory.Build.props")) is { Success: true } tfm ? tfm.Groups[1].Value : "";
        Assert.NotEqual("", version);
        var rules = IgnoreRules(Read(ignorePath));
        var errors = new List<string>();
        var stages = new List<Stage>();
        var copied = new List<string>();
        foreach (var (op, args) in Instructions(Read(path)))
        {
            string[] words = args.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            switch (op)
            {
                case "FROM":
                    stages.Add(new Stage(words.First(w => !w.StartsWith("--", StringComparison.Ordinal))));
                    break;
                case "COPY" when !words.Any(w => w.StartsWith("--from", StringComparison.Ordinal)):
                    foreach (string source in words.Where(w => !w.StartsWith("--", StringComparison.Ordinal)).SkipLast(1))
                    {
                        string full = Repository.Path(source.TrimEnd('/'));
                        if (!File.Exists(full) && !Directory.Exists(full))
                        {
                            errors.Add($"{path}: COPY {source}: no such path in the repository");
                            continue;
                        }
                        if (!FilesUnder(full).Any(f => !Ignored(rules, Relative(f))))
                        {
                            errors.Add($"{path}: COPY {source}: {ignorePath} leaves it out of the build context");
                        }
                        copied.Add(source.TrimEnd('/'));
                    }
                    break;
                case "RUN":
                    foreach (Match m in DotnetCommand().Matches(args))
                    {
                        string verb = m.Groups[1].Value, project = m.Groups[2].Value;
                        if (!File.Exists(Repository.Path(project)))
                        {
                            errors.Add($"{path}: dotnet {verb} {project}: no such project");
                            continue;
                        }
                        if (Path.GetDirectoryName(project)!.Replace('\\', '/') != projectDirectory)
                        {
                            errors.Add($"{path}: dotnet {verb} {project}: expected the project in {projectDirectory}");
                        }
                        // A restore (or a publish that restores) needs the build's props and targets and every referenced project.
                        if (verb == "restore" || !args.Contains("--no-restore", StringComparison.Ordinal))
                        {
                            string[] needed = ["global.json", .. Directory.EnumerateFiles(Repository.Root, "Directory.*").Select(Relative).Order(StringComparer.Ordinal), .. ProjectClosure(project)];
                            errors.AddRange(needed.Where(n => !copied.Any(c => n == c || n.StartsWith(c + "/", StringComparison.Ordinal)))
                                .Select(n => $"{path}: dotnet {verb} {project} runs before {n} is copied"));
                        }
                        if (verb == "publish")
                        {
                            stages[^1].Published = project;
                        }
                    }
                    break;
                case "USER" when stages.Count > 0:
                    stages[^1].User = args.Trim();
                    break;
                case "VOLUME" when stages.Count > 0:
                    stages[^1].Volumes.AddRange(VolumePath().Matches(args).Select(v => v.Value));
                    break;
                case "ENTRYPOINT" when stages.Count > 0:
                    stages[^1].Entrypoint = ExecForm(args);
                    break;
            }
        }
        Assert.True(stages.Count >= 2, $"{path}: expected a multi-stage build");
        Stage final = stages[^1];
        if (stages[0].Image != $"mcr.microsoft.com/dotnet/sdk:{version}")
        {
            errors.Add($"{path}: the build stage must use mcr.microsoft.com/dotnet/sdk:{version} (uses {stages[0].Image})");
        }
        if (final.Image != $"mcr.microsoft.com/dotnet/{runtimeImage}:{version}")
        {
            errors.Add($"{path}: the final stage must use mcr.microsoft.com/dotnet/{runtimeImage}:{version} (uses {final.Image})");
        }
        if (final.User is null or "root" or "0" or "0:0")
        {
            errors.Add($"{path}: the final stage must switch to a non-root USER");
        }
        if (!final.Volumes.Contains("/results"))
        {
            errors.Add($"{path}: the final stage must declare VOLUME /results");
        }
        string? published = stages.Select(s => s.Published).FirstOrDefault(p => p is not null);
        Assert.True(published is not null, $"{path}: no `dotnet publish` of {projectDirectory}");
        XElement publishedProject = XDocument.Load(Repository.Path(published)).Root!;
        if (publishedProject.Attribute("Sdk")?.Value == "Microsoft.NET.Sdk.Web" && runtimeImage != "aspnet")
        {
            errors.Add($"{path}: {published} is a web project: it needs the aspnet image");
        }
        if (UsesAspNetCore(Repository.Path(published)) && runtimeImage != "aspnet")
        {
            errors.Add($"{path}: {published} uses ASP.NET Core (a FrameworkReference to Microsoft.AspNetCore.App in it or a project it references): it needs the aspnet image");
        }
        string assembly = publishedProject.Element("PropertyGroup")?.Element("AssemblyName")?.Value ?? Path.GetFileNameWithoutExtension(published);
        if (final.Entrypoint is not ["dotnet", string dll] || Path.GetFileName(dll) != $"{assembly}.dll")
        {
            errors.Add($"{path}: the final stage's ENTRYPOINT must be [\"dotnet\", \"/app/{assembly}.dll\"], the assembly {published} builds " +
                $"(is {(final.Entrypoint is null ? "none" : string.Join(' ', final.Entrypoint))})");
        }
        AssertNone(errors);
    }

    [Fact]
    public void The_silo_image_has_no_entrypoint_script_advertises_its_container_and_probes_readyz()
    {
        const string path = "deploy/docker/silo.Dockerfile";
        var errors = new List<string>();
        errors.AddRange(Directory.EnumerateFiles(Repository.Path("deploy/docker")).Select(Relative)
            .Where(f => !f.EndsWith(".Dockerfile", StringComparison.Ordinal) && !f.EndsWith(".Dockerfile.dockerignore", StringComparison.Ordinal))
            .Select(f => $"{f}: deploy/docker holds the Dockerfiles and their .dockerignore files only (the silo needs no entrypoint script)"));
        var instructions = Instructions(Read(path)).ToList();
        int final = instructions.FindLastIndex(i => i.Op == "FROM");
        var runtime = instructions.Skip(final).ToList();
        var env = runtime.Where(i => i.Op == "ENV").SelectMany(i => EnvironmentPair().Matches(i.Args)).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);
        errors.AddRange(runtime.Where(i => i.Op == "COPY" && i.Args.Contains(".sh", StringComparison.Ordinal)).Select(i => $"{path}: COPY {i.Args}: the image copies a script"));

        string advertised = env.GetValueOrDefault("RobustGrid__AdvertisedAddress", "127.0.0.1");
        if (IPAddress.TryParse(advertised, out IPAddress? literal) && (IPAddress.IsLoopback(literal) || literal.Equals(IPAddress.Any) || literal.Equals(IPAddress.IPv6Any)))
        {
            errors.Add($"{path}: RobustGrid__AdvertisedAddress={advertised}: other containers cannot dial it; use \"auto\" (the container's address)");
        }
        string healthPort = env.GetValueOrDefault("RobustGrid__HealthPort", "");
        if (!int.TryParse(healthPort, out int port) || port <= 0)
        {
            errors.Add($"{path}: the image must set RobustGrid__HealthPort to a fixed port (is '{healthPort}')");
        }
        if (!runtime.Where(i => i.Op == "EXPOSE").SelectMany(i => i.Args.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Contains(healthPort))
        {
            errors.Add($"{path}: the health port {healthPort} is not exposed");
        }
        var healthcheck = runtime.Where(i => i.Op == "HEALTHCHECK").ToList();
        if (healthcheck.Count != 1 || healthcheck[0].Args.IndexOf("CMD ", StringComparison.Ordinal) is not (>= 0 and var cmd))
        {
            errors.Add($"{path}: the final stage needs one HEALTHCHECK ... CMD [...]");
        }
        else
        {
            errors.AddRange(ProbeErrors(ExecForm(healthcheck[0].Args[(cmd + 4)..]) ?? [], healthPort, HealthPath.Ready).Select(e => $"{path}: HEALTHCHECK: {e}"));
        }
        AssertNone(errors);
    }

    [Theory]
    [InlineData("src/Silo/Program.cs", false)]
    [InlineData("src/Silo/bin/Release/x.dll", true)]
    [InlineData("deploy/docker/silo.Dockerfile", true)]
    [InlineData("deploy/docker-compose.yml", true)]
    [InlineData("README.md", true)]
    public void The_ignore_rules_follow_dockers_last_match(string file, bool ignored) =>
        Assert.Equal(ignored, Ignored(IgnoreRules(Read("deploy/docker/silo.Dockerfile.dockerignore")), file));

    /// <summary>Instructions without comments, continuation lines joined: (upper-case op, arguments).</summary>
    private static IEnumerable<(string Op, string Args)> Instructions(string dockerfile)
    {
        string text = string.Join('\n', dockerfile.Split('\n').Where(l => !l.TrimStart().StartsWith('#'))).Replace("\\\n", " ");
        foreach (string line in text.Split('\n').Where(l => l.Trim().Length > 0))
        {
            string[] parts = line.Trim().Split(' ', 2, StringSplitOptions.RemoveEmptyEntries);
            yield return (parts[0].ToUpperInvariant(), parts.Length > 1 ? parts[1] : "");
        }
    }

    /// <summary>.dockerignore patterns as (regex, negated), in order.</summary>
    private static List<(Regex Pattern, bool Negated)> IgnoreRules(string ignoreFile)
    {
        var rules = new List<(Regex, bool)>();
        foreach (string raw in ignoreFile.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')))
        {
            bool negated = raw.StartsWith('!');
            string pattern = (negated ? raw[1..] : raw).Trim('/');
            var regex = new StringBuilder();
            for (int i = 0; i < pattern.Length;)
            {
                if (pattern.AsSpan(i).StartsWith("**/"))
                {
                    regex.Append("(?:.*/)?");
                    i += 3;
                }
                else if (pattern.AsSpan(i).StartsWith("**"))
                {
                    regex.Append(".*");
                    i += 2;
                }
                else
                {
                    regex.Append(pattern[i] switch { '*' => "[^/]*", '?' => "[^/]", char c => Regex.Escape(c.ToString()) });
                    i++;
                }
            }
            rules.Add((new Regex("^" + regex + @"\z"), negated));
        }
        return rules;
    }

    /// <summary>Docker's rule: the last pattern that matches the path, or one of its parent directories, decides.</summary>
    private static bool Ignored(List<(Regex Pattern, bool Negated)> rules, string path)
    {
        string[] parts = path.Split('/');
        string[] prefixes = [.. Enumerable.Range(1, parts.Length).Select(n => string.Join('/', parts[..n]))];
        bool excluded = false;
        foreach (var (pattern, negated) in rules.Where(r => prefixes.Any(r.Pattern.IsMatch)))
        {
            excluded = !negated;
        }
        return excluded;
    }

    private static IEnumerable<string> FilesUnder(string path) => File.Exists(path)
        ? [path]
        : Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories)
            .Where(f => !Relative(f).Split('/').Any(d => d is "bin" or "obj"));

    /// <summary>The project and every project it references, transitively, repository-relative.</summary>
    private static SortedSet<string> ProjectClosure(string project)
    {
        var seen = new SortedSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>([project]);
        while (pending.TryPop(out string? next))
        {
            if (File.Exists(Repository.Path(next)) && seen.Add(next))
            {
                foreach (XElement reference in XDocument.Load(Repository.Path(next)).Descendants("ProjectReference"))
                {
                    pending.Push(Relative(Path.GetFullPath(Path.Combine(Path.GetDirectoryName(Repository.Path(next))!, reference.Attribute("Include")!.Value.Replace('\\', '/')))));
                }
            }
        }
        return seen;
    }

    private sealed class Stage(string image)
    {
        public string Image { get; } = image;

        public string? User { get; set; }

        public string? Published { get; set; }

        public List<string> Volumes { get; } = [];

        public string[]? Entrypoint { get; set; }
    }

    /// <summary>An instruction's exec form (a JSON array of strings), or null for the shell form.</summary>
    private static string[]? ExecForm(string args)
    {
        try
        {
            return System.Text.Json.JsonSerializer.Deserialize<string[]>(args.Trim());
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    [GeneratedRegex(@"<TargetFramework>net(\d+\.\d+)</TargetFramework>")]
    private static partial Regex TargetFramework();

    [GeneratedRegex(@"dotnet\s+(restore|publish)\s+(\S+\.csproj)")]
    private static partial Regex DotnetCommand();

    [GeneratedRegex(@"/[\w/.-]+")]
    private static partial Regex VolumePath();

    /// <summary>True when the project or a project it references (transitively) has a FrameworkReference to ASP.NET Core.</summary>
    private static bool UsesAspNetCore(string projectFile)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>([Path.GetFullPath(projectFile)]);
        while (pending.TryPop(out string? next))
        {
            if (!seen.Add(next))
            {
                continue;
            }
            XElement project = XDocument.Load(next).Root!;
            if (project.Descendants("FrameworkReference").Any(f => (string?)f.Attribute("Include") == "Microsoft.AspNetCore.App"))
            {
                return true;
            }
            foreach (XElement reference in project.Descendants("ProjectReference"))
            {
                pending.Push(Path.GetFullPath(Path.Combine(Path.GetDirectoryName(next)!, (string)reference.Attribute("Include")!)));
            }
        }
        return false;
    }

    [GeneratedRegex(@"(\w+)=(\S*)")]
    private static partial Regex EnvironmentPair();
}
