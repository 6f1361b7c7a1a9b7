using System.Security.Cryptography;
using System.Text;

namespace RobustGrid.Hosting.Storage;

/// <summary>
/// Where <see cref="FileGrainStorage"/> keeps one grain's state: <c>&lt;state name&gt;/&lt;fan-out&gt;/&lt;grain id&gt;.bin</c>,
/// relative to the storage's root.
/// </summary>
/// <remarks>
/// Grain ids hold '/', ':' and anything else a key may contain, so names are escaped: lower-case ASCII letters,
/// digits, '-' and '_' stay as they are and every other UTF-8 byte becomes <c>%xx</c>. Upper case is escaped too, so
/// keys that differ only in case stay apart on case-insensitive file systems; '.' is escaped, so no name is hidden or
/// looks like a temporary file. A name longer than <see cref="MaxNameLength"/> keeps a readable prefix followed by
/// '~' and the SHA-256 of the whole escaped name ('~' never occurs in an escaped name, so a hashed name cannot equal
/// a plain one). Two hex digits of the name's hash fan the files out over 256 directories, so a directory holds a few
/// hundred files, not a hundred thousand.
/// </remarks>
public static class StateFileName
{
    /// <summary>The longest file name (before ".bin"): well under the 255 bytes of common file systems, leaving room for the temporary name.</summary>
    public const int MaxNameLength = 200;

    public const string Extension = ".bin";

    /// <summary>The state file's path relative to the storage root.</summary>
    public static string RelativePath(string stateName, string grainId)
    {
        string name = Name(grainId);
        return Path.Combine(Name(stateName), FanOut(name), name + Extension);
    }

    /// <summary>The escaped, length-limited file name of <paramref name="text"/>.</summary>
    public static string Name(string text)
    {
        string escaped = Escape(text);
        if (escaped.Length <= MaxNameLength)
        {
            return escaped;
        }
        string hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(escaped)));
        int keep = MaxNameLength - hash.Length - 1;
        // Cut before an escape sequence rather than through it, so the prefix still reads as the key's start.
        int percent = escaped.LastIndexOf('%', keep - 1, 3);
        if (percent >= 0 && percent + 3 > keep)
        {
            keep = percent;
        }
        return escaped[..keep] + "~" + hash;
    }

    /// <summary>Percent-escapes every UTF-8 byte but [a-z0-9-_]; the empty string becomes "%" (no escape sequence is that short).</summary>
    public static string Escape(string text)
    {
        if (text.Length == 0)
        {
            return "%";
        }
        var escaped = new StringBuilder(text.Length);
        foreach (byte b in Encoding.UTF8.GetBytes(text))
        {
            if (b is (>= (byte)'a' and <= (byte)'z') or (>= (byte)'0' and <= (byte)'9') or (byte)'-' or (byte)'_')
            {
                escaped.Append((char)b);
            }
            else
            {
                escaped.Append('%').Append(b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }
        return escaped.ToString();
    }

    private static string FanOut(string name) => Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(name)).AsSpan(0, 1));
}
