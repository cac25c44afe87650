using RafeCast.Mavlink.Generator;

namespace RafeCast.Mavlink.Generator.Tests;

public sealed class DialectReaderTests
{
    internal static DialectSource Source(string name, string body) => new($"/dialects/{name}", $"<?xml version=\"1.0\"?>\n<mavlink>{body}</mavlink>");

    // HEARTBEAT as the MAVLink spec defines it (id 0, CRC_EXTRA 50).
    internal const string Heartbeat = """
        <messages>
          <message id="0" name="HEARTBEAT">
            <field type="uint8_t" name="type" enum="MAV_TYPE">kind</field>
            <field type="uint8_t" name="autopilot">autopilot</field>
            <field type="uint8_t" name="base_mode">mode bits</field>
            <field type="uint32_t" name="custom_mode">custom mode</field>
            <field type="uint8_t" name="system_status">state</field>
            <field type="uint8_t_mavlink_version" name="mavlink_version">version</field>
          </message>
        </messages>
        """;

    [Fact]
    public void Read_Message_OrdersBaseFieldsByElementSizeStablyAndExtensionsLast()
    {
        var set = DialectReader.Read([Source("test.xml", """
            <messages>
              <message id="500" name="ORDER_TEST">
                <field type="uint8_t" name="a">a</field>
                <field type="uint32_t" name="b">b</field>
                <field type="uint16_t" name="c">c</field>
                <field type="float" name="d">d</field>
                <field type="char[4]" name="e">e</field>
                <field type="uint64_t" name="f">f</field>
                <extensions/>
                <field type="uint8_t" name="g">g</field>
                <field type="uint32_t" name="h">h</field>
              </message>
            </messages>
            """)]);

        Assert.Empty(set.Errors);
        var message = Assert.Single(set.Messages);
        Assert.Equal(["f", "b", "d", "c", "a", "e", "g", "h"], message.WireOrder.Select(f => f.Name));
        Assert.Equal([0, 8, 12, 16, 18, 19, 23, 24], message.WireOrder.Select(f => f.Offset));
        Assert.Equal(23, message.MinLength);
        Assert.Equal(28, message.MaxLength);
        // XML order is kept for the generated members.
        Assert.Equal(["a", "b", "c", "d", "e", "f", "g", "h"], message.Fields.Select(f => f.Name));
    }

    [Fact]
    public void Read_Heartbeat_ComputesThePublishedCrcExtra()
    {
        var set = DialectReader.Read([Source("minimal.xml", Heartbeat)]);

        var heartbeat = Assert.Single(set.Messages);
        Assert.Equal(50, heartbeat.CrcExtra);
        Assert.Equal(9, heartbeat.MaxLength);
        Assert.True(heartbeat.Fields.Single(f => f.Name == "mavlink_version").IsMavlinkVersion);
    }

    [Fact]
    public void Read_ArrayField_EntersCrcExtraWithItsLength()
    {
        // STATUSTEXT's base fields (CRC_EXTRA 83 in the spec): the char[50] length byte is part of the seed.
        var set = DialectReader.Read([Source("common.xml", """
            <messages>
              <message id="253" name="STATUSTEXT">
                <field type="uint8_t" name="severity">severity</field>
                <field type="char[50]" name="text">text</field>
                <extensions/>
                <field type="uint16_t" name="id">id</field>
                <field type="uint8_t" name="chunk_seq">chunk</field>
              </message>
            </messages>
            """)]);

        Assert.Equal(83, Assert.Single(set.Messages).CrcExtra);
    }

    [Fact]
    public void Read_IncludeOfAMissingFile_IsAnErrorNamingIt()
    {
        var set = DialectReader.Read([Source("dialect.xml", "<include>common.xml</include>")]);

        var error = Assert.Single(set.Errors);
        Assert.Contains("common.xml", error.Message, StringComparison.Ordinal);
        Assert.Equal("/dialects/dialect.xml", error.File);
    }

    [Fact]
    public void Read_IncludedFile_ContributesItsMessagesAndEnumsMerge()
    {
        var set = DialectReader.Read(
        [
            Source("base.xml", """<enums><enum name="MAV_CMD"><entry value="16" name="MAV_CMD_NAV_WAYPOINT"/></enum></enums>""" + Heartbeat),
            Source("vendor.xml", """
                <include>base.xml</include>
                <enums><enum name="MAV_CMD"><entry value="42000" name="MAV_CMD_VENDOR_THING"/></enum></enums>
                """),
        ]);

        Assert.Empty(set.Errors);
        Assert.Single(set.Messages);
        Assert.Equal(["MAV_CMD_NAV_WAYPOINT", "MAV_CMD_VENDOR_THING"], Assert.Single(set.Enums).Entries.Select(e => e.Name));
    }

    [Theory]
    [InlineData("""<messages><message id="1" name="X"><field type="uint9_t" name="a">a</field></message></messages>""", "uint9_t")]
    [InlineData("""<messages><message id="16777216" name="X"><field type="uint8_t" name="a">a</field></message></messages>""", "16777216")]
    [InlineData("""<messages><message id="1" name="X"><field type="uint8_t" name="a">a</field><field type="uint8_t" name="a">a</field></message></messages>""", "two fields named a")]
    [InlineData("""<messages><message id="1" name="X"><field type="uint8_t[300]" name="a">a</field></message></messages>""", "300")]
    [InlineData("""<messages><message id="1" name="X"><field type="uint64_t[32]" name="a">a</field></message></messages>""", "256 bytes")]
    [InlineData("""<enums><enum name="E"><entry value="one" name="E_ONE"/></enum></enums>""", "'one'")]
    [InlineData("""<messages><message id="1" name="X"><field""", "well-formed")]
    public void Read_BadDefinition_IsAnErrorThatSaysWhat(string body, string expected)
    {
        var set = DialectReader.Read([Source("bad.xml", body)]);

        Assert.Contains(set.Errors, e => e.Message.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Read_SameIdTwiceWithDifferentDefinitions_IsAnError()
    {
        var set = DialectReader.Read(
        [
            Source("a.xml", Heartbeat),
            Source("b.xml", """<messages><message id="0" name="NOT_HEARTBEAT"><field type="uint8_t" name="a">a</field></message></messages>"""),
        ]);

        Assert.Contains(set.Errors, e => e.Message.Contains("already defined as HEARTBEAT", StringComparison.Ordinal));
    }

    [Fact]
    public void Read_EntriesWithoutValues_CountOnFromThePreviousOne()
    {
        var set = DialectReader.Read([Source("e.xml", """<enums><enum name="E"><entry value="0x10" name="E_A"/><entry name="E_B"/><entry value="2**3" name="E_C"/></enum></enums>""")]);

        Assert.Equal([16UL, 17UL, 8UL], Assert.Single(set.Enums).Entries.Select(e => e.Value));
    }
}
