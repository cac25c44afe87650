using System.Globalization;
using System.Text;
using System.Text.Json;
using RafeCast.Mavlink.Framing;

namespace RafeCast.Mavlink.Inspection;

/// <summary>
/// Renders frames for people and scripts: one line of text, or one JSON object with the field names exactly
/// as in the dialect XML. The signature itself is never rendered, only whether there is one.
/// </summary>
public static class MavlinkFrameFormatter
{
    /// <summary>
    /// Writes the frame as the JSON object
    /// <c>{"version":2,"seq":..,"sysid":..,"compid":..,"msgid":..,"name":"..","signed":false,"fields":{...}}</c>.
    /// Char arrays become strings, other arrays JSON arrays, NaN and infinities <c>null</c>. A frame of an
    /// unknown message has <c>"name":null</c> and its payload in hex as <c>"payload"</c> instead of fields.
    /// </summary>
    public static void WriteJson(Utf8JsonWriter writer, in MavlinkFrame frame)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        writer.WriteNumber("version", (int)frame.Version);
        writer.WriteNumber("seq", frame.Sequence);
        writer.WriteNumber("sysid", frame.SystemId);
        writer.WriteNumber("compid", frame.ComponentId);
        writer.WriteNumber("msgid", frame.MessageId);
        var info = frame.Info;
        if (info is null)
        {
            writer.WriteNull("name");
            writer.WriteBoolean("signed", frame.IsSigned);
            writer.WriteString("payload", Convert.ToHexStringLower(frame.Payload));
        }
        else
        {
            writer.WriteString("name", info.Name);
            writer.WriteBoolean("signed", frame.IsSigned);
            writer.WriteStartObject("fields");
            var payload = frame.Payload;
            foreach (var field in info.Fields)
            {
                writer.WritePropertyName(field.Name);
                if (field.IsText)
                {
                    writer.WriteStringValue(field.ReadText(payload));
                }
                else if (field.ArrayLength > 0)
                {
                    writer.WriteStartArray();
                    for (var i = 0; i < field.ArrayLength; i++)
                    {
                        WriteValue(writer, field, payload, i);
                    }
                    writer.WriteEndArray();
                }
                else
                {
                    WriteValue(writer, field, payload, 0);
                }
            }
            writer.WriteEndObject();
        }
        writer.WriteEndObject();
    }

    /// <summary>The frame as one JSON line (see <see cref="WriteJson"/>).</summary>
    public static string ToJson(in MavlinkFrame frame)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            WriteJson(writer, frame);
        }
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    /// <summary>The frame as one line of text: header, name and <c>field=value</c> pairs.</summary>
    public static string ToText(in MavlinkFrame frame)
    {
        var text = new StringBuilder(128);
        text.Append(CultureInfo.InvariantCulture, $"v{(int)frame.Version} seq={frame.Sequence} {frame.SystemId}/{frame.ComponentId} ");
        var info = frame.Info;
        if (info is null)
        {
            text.Append(CultureInfo.InvariantCulture, $"#{frame.MessageId} payload={Convert.ToHexStringLower(frame.Payload)}");
        }
        else
        {
            text.Append(info.Name);
            var payload = frame.Payload;
            foreach (var field in info.Fields)
            {
                text.Append(' ').Append(field.Name).Append('=');
                if (field.IsText)
                {
                    text.Append('"').Append(field.ReadText(payload)).Append('"');
                }
                else if (field.ArrayLength > 0)
                {
                    text.Append('[');
                    for (var i = 0; i < field.ArrayLength; i++)
                    {
                        text.Append(i == 0 ? string.Empty : ",").Append(FormatValue(field, payload, i));
                    }
                    text.Append(']');
                }
                else
                {
                    text.Append(FormatValue(field, payload, 0));
                }
            }
        }
        if (frame.IsSigned)
        {
            text.Append(" signed");
        }
        return text.ToString();
    }

    private static void WriteValue(Utf8JsonWriter writer, MavlinkFieldInfo field, ReadOnlySpan<byte> payload, int index)
    {
        switch (field.Type)
        {
            case MavlinkFieldType.Float:
                var single = (float)field.ReadDouble(payload, index);
                if (float.IsFinite(single))
                {
                    writer.WriteNumberValue(single);
                }
                else
                {
                    writer.WriteNullValue();
                }
                break;
            case MavlinkFieldType.Double:
                var value = field.ReadDouble(payload, index);
                if (double.IsFinite(value))
                {
                    writer.WriteNumberValue(value);
                }
                else
                {
                    writer.WriteNullValue();
                }
                break;
            case MavlinkFieldType.UInt64:
                writer.WriteNumberValue(field.ReadUInt64(payload, index));
                break;
            default:
                writer.WriteNumberValue(field.ReadInt64(payload, index));
                break;
        }
    }

    private static string FormatValue(MavlinkFieldInfo field, ReadOnlySpan<byte> payload, int index) => field.Type switch
    {
        MavlinkFieldType.Float => ((float)field.ReadDouble(payload, index)).ToString("R", CultureInfo.InvariantCulture),
        MavlinkFieldType.Double => field.ReadDouble(payload, index).ToString("R", CultureInfo.InvariantCulture),
        MavlinkFieldType.UInt64 => field.ReadUInt64(payload, index).ToString(CultureInfo.InvariantCulture),
        _ => field.ReadInt64(payload, index).ToString(CultureInfo.InvariantCulture),
    };
}
