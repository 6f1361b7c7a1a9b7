using System.Text.Json;
using System.Text.Json.Serialization;

namespace RobustGrid.Core.Runs;

/// <summary>
/// The one mapping between RobustGrid's enums (<c>TrainingMode</c>, <c>ThreatNorm</c>, <c>LossReduction</c>, run
/// statuses) and their names in JSON specs, CLI flags, run keys, result files and reports: the member name in lower
/// case ("regular", "robust", "linf", "l2", "l1"). Parsing trims and ignores case and accepts only defined members
/// by name, never a number.
/// </summary>
public static class EnumNames
{
    public static string Name<T>(T value)
        where T : struct, Enum => value.ToString().ToLowerInvariant();

    /// <summary>The names of every member, in declaration order.</summary>
    public static string[] All<T>()
        where T : struct, Enum => [.. Enum.GetValues<T>().Select(Name)];

    public static bool TryParse<T>(string? text, out T value)
        where T : struct, Enum
    {
        string name = (text ?? "").Trim().ToLowerInvariant();
        foreach (T member in Enum.GetValues<T>())
        {
            if (Name(member) == name)
            {
                value = member;
                return true;
            }
        }
        value = default;
        return false;
    }

    /// <summary>The member named <paramref name="text"/>; <see cref="FormatException"/> saying what was expected when there is none.</summary>
    public static T Parse<T>(string? text)
        where T : struct, Enum =>
        TryParse(text, out T value) ? value : throw new FormatException(Unknown<T>(text));

    /// <summary>"unknown mode 'x' (expected one of regular, robust)."</summary>
    public static string Unknown<T>(object? value)
        where T : struct, Enum => $"unknown {What<T>()} '{value}' (expected one of {string.Join(", ", All<T>())}).";

    /// <summary>What a value of <typeparamref name="T"/> is called in messages and spec fields: "mode", "norm", ...</summary>
    public static string What<T>()
        where T : struct, Enum => typeof(T) == typeof(Training.TrainingMode) ? "mode"
            : typeof(T) == typeof(Evaluation.ThreatNorm) ? "norm"
            : typeof(T).Name.ToLowerInvariant();

    /// <summary>Writes and reads enums by <see cref="Name{T}"/> in System.Text.Json.</summary>
    public sealed class JsonConverter : JsonConverterFactory
    {
        public override bool CanConvert(Type typeToConvert) => typeToConvert.IsEnum;

        public override System.Text.Json.Serialization.JsonConverter? CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
            (System.Text.Json.Serialization.JsonConverter?)Activator.CreateInstance(typeof(Converter<>).MakeGenericType(typeToConvert));

        private sealed class Converter<T> : JsonConverter<T>
            where T : struct, Enum
        {
            public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
            {
                string? text = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                return TryParse(text, out T value)
                    ? value
                    : throw new JsonException(Unknown<T>(text ?? reader.TokenType.ToString().ToLowerInvariant()));
            }

            public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => writer.WriteStringValue(Name(value));
        }
    }
}
