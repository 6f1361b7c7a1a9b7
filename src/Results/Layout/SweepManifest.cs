using System.Text.Json;
using System.Text.Json.Serialization;

namespace RobustGrid.Results.Layout;

/// <summary>
/// <c>manifest.json</c> in a sweep's directory: how far its committed parts go, written (atomically) after each commit
/// so a reader of a running sweep can say "N of M runs". The commit itself is recorded in the coordinator's state, fenced
/// by its etag; this file follows it. Its bytes depend only on the sweep and how far it is. A sweep of the single-file
/// layout has none.
/// </summary>
public sealed record SweepManifest(
    [property: JsonPropertyName("format")] int Format,
    [property: JsonPropertyName("sweep_id")] string SweepId,
    [property: JsonPropertyName("total_runs")] int TotalRuns,
    [property: JsonPropertyName("runs_per_part")] int RunsPerPart,
    [property: JsonPropertyName("committed_parts")] int CommittedParts,
    [property: JsonPropertyName("committed_runs")] int CommittedRuns,
    [property: JsonPropertyName("complete")] bool Complete)
{
    public const string FileName = "manifest.json";

    /// <summary>The layout version this code writes and reads.</summary>
    public const int CurrentFormat = 1;

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    /// <summary>The manifest of a sweep of <paramref name="total"/> runs whose first <paramref name="committedParts"/> parts are committed.</summary>
    public static SweepManifest Of(string sweepId, int total, int committedParts, bool complete) => new(
        CurrentFormat, sweepId, total, SweepTables.RunsPerPart, committedParts,
        Math.Min(total, committedParts * SweepTables.RunsPerPart), complete);

    /// <summary>Writes it into <paramref name="sweepDirectory"/>, replacing the older one in one rename.</summary>
    public void Write(string sweepDirectory) =>
        AtomicFile.WriteAllText(Path.Combine(sweepDirectory, FileName), JsonSerializer.Serialize(this, Json));

    /// <summary>The directory's manifest; null when it has none; <see cref="InvalidDataException"/> when it is not one.</summary>
    public static SweepManifest? Read(string sweepDirectory)
    {
        string path = Path.Combine(sweepDirectory, FileName);
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
        try
        {
            SweepManifest manifest = JsonSerializer.Deserialize<SweepManifest>(text, Json)
                ?? throw new InvalidDataException($"{path} is empty.");
            if (manifest.Format != CurrentFormat || manifest.RunsPerPart <= 0 || manifest.CommittedRuns < 0 || manifest.CommittedRuns > manifest.TotalRuns)
            {
                throw new InvalidDataException($"{path} is not a manifest this RobustGrid reads (format {manifest.Format}).");
            }
            return manifest;
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path} is not valid JSON: {e.Message}", e);
        }
    }
}
