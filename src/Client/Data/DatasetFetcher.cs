using System.Security.Cryptography;
using RobustGrid.Results;

namespace RobustGrid.Client.Data;

/// <summary>
/// Downloads files into a directory, keeping a file only when it is complete and its MD5 is right: each is
/// streamed to a temporary name beside its final one, hashed on the way, and renamed only when it verifies.
/// A failure or cancellation deletes the temporary file; files verified earlier in the same call stay.
/// </summary>
public sealed class DatasetFetcher(HttpClient http)
{
    public async Task<IReadOnlyList<string>> FetchAsync(Uri mirror, string directory, IReadOnlyList<RemoteFile> files,
        Action<string, long, long?>? progress, CancellationToken cancellationToken)
    {
        if (mirror.Scheme is not ("http" or "https"))
        {
            throw new FetchException($"the mirror must be an http or https URL (got {mirror}).");
        }
        Directory.CreateDirectory(directory);
        var kept = new List<string>();
        foreach (RemoteFile file in files)
        {
            string final = Path.Combine(directory, file.Name);
            if (File.Exists(final) && await Md5Async(final, cancellationToken) == file.Md5)
            {
                progress?.Invoke(file.Name, new FileInfo(final).Length, new FileInfo(final).Length);
                kept.Add(final);
                continue;
            }
            await DownloadAsync(new Uri(WithSlash(mirror), file.Name), file, final, progress, cancellationToken);
            kept.Add(final);
        }
        return kept;
    }

    private async Task DownloadAsync(Uri url, RemoteFile file, string final, Action<string, long, long?>? progress, CancellationToken cancellationToken)
    {
        try
        {
            // Kept under a hidden temporary name until its MD5 sum is checked.
            await using AtomicFile output = AtomicFile.Create(Path.GetDirectoryName(final)!, file.Name);
            using HttpResponseMessage response = await http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                throw new FetchException($"{file.Name}: {url} answered {(int)response.StatusCode} {response.ReasonPhrase}.");
            }
            long? total = response.Content.Headers.ContentLength;
            using var md5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
            long received = 0;
            await using (Stream body = await response.Content.ReadAsStreamAsync(cancellationToken))
            {
                byte[] buffer = new byte[1 << 16];
                int read;
                while ((read = await body.ReadAsync(buffer, cancellationToken)) > 0)
                {
                    md5.AppendData(buffer, 0, read);
                    await output.Stream.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                    received += read;
                    progress?.Invoke(file.Name, received, total);
                }
            }
            if (total is { } expected && received != expected)
            {
                throw new FetchException($"{file.Name}: {url} sent {received} of {expected} bytes.");
            }
            string actual = Convert.ToHexStringLower(md5.GetHashAndReset());
            if (actual != file.Md5)
            {
                throw new FetchException($"{file.Name}: MD5 mismatch from {url}: expected {file.Md5}, got {actual}; the file was not kept.");
            }
            await output.CommitAsync();
        }
        catch (HttpRequestException e)
        {
            throw new FetchException($"{file.Name}: cannot download {url}: {e.Message}", e);
        }
        catch (IOException e) when (e is not FileNotFoundException)
        {
            throw new FetchException($"{file.Name}: download from {url} broke off: {e.Message}", e);
        }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new FetchException($"{file.Name}: {url} timed out.", e);
        }
    }

    private static async Task<string> Md5Async(string path, CancellationToken cancellationToken)
    {
        await using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(await MD5.HashDataAsync(stream, cancellationToken));
    }

    private static Uri WithSlash(Uri mirror) => mirror.AbsoluteUri.EndsWith('/') ? mirror : new Uri(mirror.AbsoluteUri + "/");
}
