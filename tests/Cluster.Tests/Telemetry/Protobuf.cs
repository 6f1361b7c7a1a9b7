namespace RobustGrid.Cluster.Tests.Telemetry;

/// <summary>
/// Just enough of the protobuf wire format to read OTLP requests: a message is a list of fields, each a number and
/// either a varint or a length-delimited payload (a nested message, a string or bytes). Fixed-width fields are skipped.
/// </summary>
internal readonly record struct Protobuf(ReadOnlyMemory<byte> Bytes)
{
    /// <summary>The payloads of field <paramref name="number"/>, in order (repeated fields give several).</summary>
    public IEnumerable<Protobuf> All(int number) => Fields().Where(f => f.Number == number && f.Payload is not null).Select(f => new Protobuf(f.Payload!.Value));

    public Protobuf One(int number) => All(number).FirstOrDefault();

    public string Text(int number) => System.Text.Encoding.UTF8.GetString(One(number).Bytes.Span);

    public string Hex(int number) => Convert.ToHexStringLower(One(number).Bytes.Span);

    private List<(int Number, ReadOnlyMemory<byte>? Payload)> Fields()
    {
        var fields = new List<(int, ReadOnlyMemory<byte>?)>();
        ReadOnlySpan<byte> span = Bytes.Span;
        int position = 0;
        while (position < span.Length)
        {
            ulong tag = Varint(span, ref position);
            int number = (int)(tag >> 3);
            switch (tag & 7)
            {
                case 0:
                    Varint(span, ref position);
                    fields.Add((number, null));
                    break;
                case 1:
                    position += 8;
                    break;
                case 2:
                    int length = (int)Varint(span, ref position);
                    fields.Add((number, Bytes.Slice(position, length)));
                    position += length;
                    break;
                case 5:
                    position += 4;
                    break;
                default:
                    throw new InvalidDataException($"wire type {tag & 7} at byte {position}");
            }
        }
        return fields;
    }

    private static ulong Varint(ReadOnlySpan<byte> span, ref int position)
    {
        ulong value = 0;
        for (int shift = 0; ; shift += 7)
        {
            byte b = span[position++];
            value |= (ulong)(b & 0x7f) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }
    }
}
