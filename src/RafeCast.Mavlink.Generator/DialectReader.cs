using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;

namespace RafeCast.Mavlink.Generator;

/// <summary>
/// Reads dialect files in the standard MAVLink XML schema (<c>&lt;mavlink&gt;</c> with <c>&lt;include&gt;</c>,
/// <c>&lt;enums&gt;</c>, <c>&lt;messages&gt;</c>, <c>&lt;extensions/&gt;</c>) and merges them into one set.
/// Every file handed over is part of the set; an include must name one of them. An enum defined in several
/// files (as ardupilotmega.xml extends MAV_CMD) gets the union of its entries.
/// </summary>
internal static class DialectReader
{
    private const uint MaxMessageId = 0xFFFFFF;
    private const int MaxPayload = 255;
    private static readonly Regex ArrayType = new(@"^(?<type>[a-z0-9_]+)\[(?<length>\d+)\]$", RegexOptions.CultureInvariant);
    private static readonly Regex Whitespace = new(@"\s+", RegexOptions.CultureInvariant);

    public static DialectSet Read(IReadOnlyList<DialectSource> sources)
    {
        var set = new DialectSet();
        var fileNames = new HashSet<string>(sources.Select(s => FileName(s.Path)), StringComparer.OrdinalIgnoreCase);
        var messagesById = new Dictionary<uint, MessageDefinition>();
        var messagesByName = new Dictionary<string, MessageDefinition>(StringComparer.Ordinal);
        var enums = new Dictionary<string, EnumDefinition>(StringComparer.Ordinal);

        foreach (var source in sources.OrderBy(s => FileName(s.Path), StringComparer.Ordinal))
        {
            var file = FileName(source.Path);
            XDocument document;
            try
            {
                document = XDocument.Parse(source.Text, LoadOptions.SetLineInfo);
            }
            catch (XmlException ex)
            {
                set.Errors.Add(new DialectError(source.Path, ex.LineNumber, "is not well-formed XML: " + ex.Message));
                continue;
            }
            var root = document.Root;
            if (root is null || root.Name.LocalName != "mavlink")
            {
                set.Errors.Add(new DialectError(source.Path, 1, "is not a MAVLink dialect: the root element must be <mavlink>"));
                continue;
            }
            foreach (var include in root.Elements("include"))
            {
                var target = FileName(include.Value.Trim());
                if (!fileNames.Contains(target))
                {
                    set.Errors.Add(new DialectError(source.Path, Line(include), $"includes '{include.Value.Trim()}', which is not among the dialect files; add it next to {file}"));
                }
            }
            foreach (var element in root.Elements("enums").Elements("enum"))
            {
                ReadEnum(source.Path, element, enums, set.Errors);
            }
            foreach (var element in root.Elements("messages").Elements("message"))
            {
                var message = ReadMessage(source.Path, element, set.Errors);
                if (message is null)
                {
                    continue;
                }
                WireLayout.Apply(message);
                if (message.MaxLength > MaxPayload)
                {
                    set.Errors.Add(new DialectError(source.Path, Line(element), $"message {message.Name} is {message.MaxLength} bytes long; a MAVLink payload holds at most {MaxPayload}"));
                    continue;
                }
                if (messagesById.TryGetValue(message.Id, out var existing))
                {
                    if (existing.Name != message.Name || existing.CrcExtra != message.CrcExtra || existing.MaxLength != message.MaxLength)
                    {
                        set.Errors.Add(new DialectError(source.Path, Line(element), $"message id {message.Id} ({message.Name}) is already defined as {existing.Name} in {FileName(existing.SourceFile)}"));
                    }
                    continue;
                }
                if (messagesByName.TryGetValue(message.Name, out existing))
                {
                    set.Errors.Add(new DialectError(source.Path, Line(element), $"message name {message.Name} (id {message.Id}) is already used by id {existing.Id} in {FileName(existing.SourceFile)}"));
                    continue;
                }
                messagesById.Add(message.Id, message);
                messagesByName.Add(message.Name, message);
            }
        }

        set.Messages.AddRange(messagesById.Values.OrderBy(m => m.Id));
        set.Enums.AddRange(enums.Values.OrderBy(e => e.Name, StringComparer.Ordinal));
        return set;
    }

    private static void ReadEnum(string path, XElement element, Dictionary<string, EnumDefinition> enums, List<DialectError> errors)
    {
        var name = (string?)element.Attribute("name");
        if (string.IsNullOrWhiteSpace(name))
        {
            errors.Add(new DialectError(path, Line(element), "an <enum> has no name"));
            return;
        }
        if (!enums.TryGetValue(name!, out var definition))
        {
            definition = new EnumDefinition(name!);
            enums.Add(name!, definition);
        }
        if (string.Equals((string?)element.Attribute("bitmask"), "true", StringComparison.OrdinalIgnoreCase))
        {
            definition.IsBitmask = true;
        }
        if (definition.Description.Length == 0)
        {
            definition.Description = Text(element.Element("description"));
        }

        // Entries without a value continue from the previous one, as the generators of the reference do.
        ulong next = definition.Entries.Count == 0 ? 0 : definition.Entries[definition.Entries.Count - 1].Value + 1;
        foreach (var entryElement in element.Elements("entry"))
        {
            var entryName = (string?)entryElement.Attribute("name");
            if (string.IsNullOrWhiteSpace(entryName))
            {
                errors.Add(new DialectError(path, Line(entryElement), $"an entry of enum {name} has no name"));
                continue;
            }
            ulong value;
            var valueText = (string?)entryElement.Attribute("value");
            if (valueText is null)
            {
                value = next;
            }
            else if (!TryParseValue(valueText, out value))
            {
                errors.Add(new DialectError(path, Line(entryElement), $"entry {entryName} of enum {name} has value '{valueText}', which is not a number"));
                continue;
            }
            next = value + 1;

            var existing = definition.Entries.FirstOrDefault(e => e.Name == entryName);
            if (existing is not null)
            {
                if (existing.Value != value)
                {
                    errors.Add(new DialectError(path, Line(entryElement), $"entry {entryName} of enum {name} is defined twice, as {existing.Value} and {value}"));
                }
                continue;
            }
            var entry = new EnumEntry(entryName!, value)
            {
                Description = Text(entryElement.Element("description")),
                IsDeprecated = entryElement.Element("deprecated") is not null,
            };
            foreach (var param in entryElement.Elements("param"))
            {
                if (int.TryParse((string?)param.Attribute("index"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var index))
                {
                    entry.Params.Add(new EnumParam(index, (string?)param.Attribute("label"), (string?)param.Attribute("units"), Text(param)));
                }
            }
            definition.Entries.Add(entry);
        }
    }

    private static MessageDefinition? ReadMessage(string path, XElement element, List<DialectError> errors)
    {
        var name = (string?)element.Attribute("name");
        var idText = (string?)element.Attribute("id");
        if (string.IsNullOrWhiteSpace(name))
        {
            errors.Add(new DialectError(path, Line(element), "a <message> has no name"));
            return null;
        }
        if (!uint.TryParse(idText, NumberStyles.Integer, CultureInfo.InvariantCulture, out var id) || id > MaxMessageId)
        {
            errors.Add(new DialectError(path, Line(element), $"message {name} has id '{idText}'; ids are whole numbers from 0 to {MaxMessageId}"));
            return null;
        }
        var message = new MessageDefinition(name!, id, path)
        {
            Description = Text(element.Element("description")),
            IsDeprecated = element.Element("deprecated") is not null,
        };
        var inExtensions = false;
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var child in element.Elements())
        {
            switch (child.Name.LocalName)
            {
                case "extensions":
                    inExtensions = true;
                    break;
                case "field":
                    var field = ReadField(path, name!, child, inExtensions, errors);
                    if (field is null)
                    {
                        return null;
                    }
                    if (!names.Add(field.Name))
                    {
                        errors.Add(new DialectError(path, Line(child), $"message {name} has two fields named {field.Name}"));
                        return null;
                    }
                    message.Fields.Add(field);
                    break;
            }
        }
        if (message.Fields.Count == 0)
        {
            errors.Add(new DialectError(path, Line(element), $"message {name} has no fields"));
            return null;
        }
        return message;
    }

    private static FieldDefinition? ReadField(string path, string message, XElement element, bool isExtension, List<DialectError> errors)
    {
        var name = (string?)element.Attribute("name");
        var typeText = ((string?)element.Attribute("type") ?? string.Empty).Trim();
        if (string.IsNullOrWhiteSpace(name))
        {
            errors.Add(new DialectError(path, Line(element), $"a field of message {message} has no name"));
            return null;
        }
        var isVersion = false;
        var arrayLength = 0;
        var baseType = typeText;
        if (typeText == "uint8_t_mavlink_version")
        {
            // HEARTBEAT's version byte: a uint8_t on the wire and in CRC_EXTRA, filled in by the sender.
            baseType = "uint8_t";
            isVersion = true;
        }
        else
        {
            var match = ArrayType.Match(typeText);
            if (match.Success)
            {
                baseType = match.Groups["type"].Value;
                arrayLength = int.Parse(match.Groups["length"].Value, CultureInfo.InvariantCulture);
                if (arrayLength is < 1 or > 255)
                {
                    errors.Add(new DialectError(path, Line(element), $"field {message}.{name} has array length {arrayLength}; arrays hold 1 to 255 elements"));
                    return null;
                }
            }
        }
        if (!WireTypes.TryParse(baseType, out var wireType))
        {
            errors.Add(new DialectError(path, Line(element), $"field {message}.{name} has type '{typeText}'; known types are char, (u)int8/16/32/64_t, float, double, arrays of them and uint8_t_mavlink_version"));
            return null;
        }
        return new FieldDefinition(name!, baseType, wireType, arrayLength, isExtension)
        {
            IsMavlinkVersion = isVersion,
            Enum = NullIfEmpty((string?)element.Attribute("enum")),
            Units = NullIfEmpty((string?)element.Attribute("units")),
            Invalid = NullIfEmpty((string?)element.Attribute("invalid")),
            Description = Text(element),
        };
    }

    private static bool TryParseValue(string text, out ulong value)
    {
        text = text.Trim();
        if (text.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            return ulong.TryParse(text.Substring(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out value);
        }
        var power = text.IndexOf("**", StringComparison.Ordinal);
        if (power > 0
            && ulong.TryParse(text.Substring(0, power), NumberStyles.Integer, CultureInfo.InvariantCulture, out var b)
            && int.TryParse(text.Substring(power + 2), NumberStyles.Integer, CultureInfo.InvariantCulture, out var e)
            && e is >= 0 and < 64)
        {
            value = 1;
            for (var i = 0; i < e; i++)
            {
                value *= b;
            }
            return true;
        }
        return ulong.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out value);
    }

    private static string Text(XElement? element) =>
        element is null ? string.Empty : Whitespace.Replace(element.Value, " ").Trim();

    private static string? NullIfEmpty(string? text) => string.IsNullOrWhiteSpace(text) ? null : text!.Trim();

    private static int Line(XElement element) => ((IXmlLineInfo)element).HasLineInfo() ? ((IXmlLineInfo)element).LineNumber : 0;

    private static string FileName(string path)
    {
        var slash = Math.Max(path.LastIndexOf('/'), path.LastIndexOf('\\'));
        return slash >= 0 ? path.Substring(slash + 1) : path;
    }
}
