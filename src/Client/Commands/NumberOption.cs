using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Numerics;

namespace RobustGrid.Client.Commands;

/// <summary>
/// Every numeric option of the CLI. A value that is not a finite number of the option's kind is refused in words
/// ("--lr must be a finite number greater than 0, got 'inf'."), where System.CommandLine's own parser names the CLR type
/// ("as expected type 'System.Nullable`1[System.Single]'") and takes NaN and infinities. Ranges are checked where the
/// spec is (SweepSpecLimits, RunPoint.Validate); <c>valid</c> only states them.
/// </summary>
public static class NumberOption
{
    /// <param name="valid">What the option takes, e.g. "a whole number in 1..100000".</param>
    public static Option<T?> Create<T>(string name, string description, string valid)
        where T : struct, INumberBase<T> =>
        new(name) { Description = description, CustomParser = result => Read<T>(result, name, valid) };

    /// <summary>An option with a default value (shown in --help).</summary>
    public static Option<T> Create<T>(string name, string description, string valid, T defaultValue)
        where T : struct, INumberBase<T> =>
        new(name) { Description = description, DefaultValueFactory = _ => defaultValue, CustomParser = result => Read<T>(result, name, valid) ?? defaultValue };

    /// <summary>The option's number; null, with the parse error added, when its text is not a finite number of type <typeparamref name="T"/>.</summary>
    internal static T? Read<T>(ArgumentResult result, string name, string valid)
        where T : struct, INumberBase<T>
    {
        string text = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
        NumberStyles styles = default(T) is float or double ? NumberStyles.Float : NumberStyles.Integer;
        if (T.TryParse(text, styles, CultureInfo.InvariantCulture, out T value) && T.IsFinite(value))
        {
            return value;
        }
        result.AddError($"{name} must be {valid}, got '{text}'.");
        return null;
    }
}
