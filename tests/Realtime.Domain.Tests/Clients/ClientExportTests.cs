using Realtime.Grains.Domain.Clients;
using Realtime.Grains.Projections.Clients;

namespace Realtime.Domain.Tests.Clients;

public class ClientExportTests
{
    [Theory]
    [InlineData(",", ',')]
    [InlineData(";", ';')]
    [InlineData("|", '|')]
    [InlineData("\t", '\t')]
    [InlineData("\\t", '\t')]
    [InlineData("tab", '\t')]
    [InlineData("TAB", '\t')]
    [InlineData(null, ',')]
    [InlineData("", ',')]
    public void The_delimiter_is_one_of_four(string? delimiter, char expected)
    {
        Assert.Equal(expected, ClientExportFormat.Parse(delimiter, null).Value!.Delimiter);
    }

    [Theory]
    [InlineData(" ")]
    [InlineData(":")]
    [InlineData(";;")]
    [InlineData("comma")]
    [InlineData("\"")]
    public void Any_other_delimiter_is_refused_on_the_delimiter_parameter(string delimiter)
    {
        var parsed = ClientExportFormat.Parse(delimiter, null);

        Assert.Equal(["delimiter"], parsed.Error!.Fields.Select(f => f.Field));
    }

    [Fact]
    public void Columns_come_in_the_order_chosen_whatever_their_case()
    {
        var parsed = ClientExportFormat.Parse(";", "email, LASTNAME,firstName,lastAppointmentAt,id");

        Assert.Equal(
            [ClientExportColumn.Email, ClientExportColumn.LastName, ClientExportColumn.FirstName, ClientExportColumn.LastAppointmentAt, ClientExportColumn.Id],
            parsed.Value!.Columns);
    }

    [Fact]
    public void Every_column_of_the_allow_list_can_be_chosen_and_none_chosen_gives_the_list_columns()
    {
        var all = string.Join(',', Enum.GetValues<ClientExportColumn>().Select(ClientExportFormat.HeaderOf));

        Assert.Equal(
            ["id", "firstName", "lastName", "email", "phone", "gender", "birthDate", "note", "language", "blacklisted", "lastAppointmentAt"],
            all.Split(','));
        Assert.Equal(Enum.GetValues<ClientExportColumn>(), ClientExportFormat.Parse(null, all).Value!.Columns);
        Assert.Equal(ClientExportFormat.DefaultColumns, ClientExportFormat.Parse(null, "  ").Value!.Columns);
    }

    [Theory]
    [InlineData("firstName,password")]
    [InlineData("firstName,,email")]
    [InlineData("firstName,email,firstName")]
    [InlineData("view")]
    public void Unknown_empty_and_repeated_columns_are_refused_on_the_columns_parameter(string columns)
    {
        Assert.Equal(["columns"], ClientExportFormat.Parse(",", columns).Error!.Fields.Select(f => f.Field).Distinct());
    }

    [Fact]
    public void A_bad_delimiter_and_bad_columns_are_reported_together()
    {
        Assert.Equal(["delimiter", "columns"], ClientExportFormat.Parse("x", "nope").Error!.Fields.Select(f => f.Field));
    }

    [Theory]
    [InlineData("=HYPERLINK(\"http://evil\")", "'=HYPERLINK(\"http://evil\")")]
    [InlineData("+48 600 100 200", "'+48 600 100 200")]
    [InlineData("-2+3", "'-2+3")]
    [InlineData("@SUM(A1:A2)", "'@SUM(A1:A2)")]
    [InlineData("\t=1", "'\t=1")]
    [InlineData("\r=1", "'\r=1")]
    [InlineData("\uFF1D1+1", "'\uFF1D1+1")]
    [InlineData("Ewa", "Ewa")]
    [InlineData("a=b", "a=b")]
    [InlineData(" =1", " =1")]
    [InlineData("'quoted", "'quoted")]
    [InlineData("", "")]
    [InlineData(null, "")]
    public void A_cell_starting_with_a_formula_character_gets_a_single_quote_in_front(string? value, string expected)
    {
        Assert.Equal(expected, ClientExportCells.NeutraliseFormula(value));
    }

    [Fact]
    public void Dates_instants_and_flags_are_written_the_same_everywhere()
    {
        Assert.Equal("1990-05-17", ClientExportCells.Date(new DateOnly(1990, 5, 17)));
        Assert.Equal("", ClientExportCells.Date(null));
        Assert.Equal("2026-06-08T07:30:00Z", ClientExportCells.Instant(new DateTimeOffset(2026, 6, 8, 9, 30, 0, TimeSpan.FromHours(2))));
        Assert.Equal("", ClientExportCells.Instant(null));
        // On a location's clock: a Santiago visit late on the 4th is on the 4th there, not on the 5th of UTC.
        var santiago = NodaTime.DateTimeZoneProviders.Tzdb["America/Santiago"];
        Assert.Equal("2027-09-04T23:30:00-04:00", ClientExportCells.Instant(DateTimeOffset.Parse("2027-09-05T03:30:00Z"), santiago));
        Assert.Equal(("true", "false"), (ClientExportCells.Flag(true), ClientExportCells.Flag(false)));
    }

    [Fact]
    public void A_row_holds_the_chosen_columns_in_order_each_neutralised()
    {
        var id = Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e");
        var client = new ClientListItem(
            id, "=cmd|' /C calc'!A0", "Nowak", "ewa@example.pl", "+48 600 100 200", "-", new DateOnly(1990, 5, 17), "@note", "pl",
            Blacklisted: true, Version: 3, LastAppointmentAt: new DateTimeOffset(2026, 6, 8, 9, 0, 0, TimeSpan.Zero));
        ClientExportColumn[] columns =
        [
            ClientExportColumn.LastAppointmentAt, ClientExportColumn.FirstName, ClientExportColumn.Phone, ClientExportColumn.Id,
            ClientExportColumn.Gender, ClientExportColumn.BirthDate, ClientExportColumn.Note, ClientExportColumn.Blacklisted,
            ClientExportColumn.Language, ClientExportColumn.LastName, ClientExportColumn.Email,
        ];

        Assert.Equal(
            ["lastAppointmentAt", "firstName", "phone", "id", "gender", "birthDate", "note", "blacklisted", "language", "lastName", "email"],
            ClientExportRows.Header(columns));
        Assert.Equal(
            ["2026-06-08T09:00:00Z", "'=cmd|' /C calc'!A0", "'+48 600 100 200", id.ToString(), "'-", "1990-05-17", "'@note", "true", "pl", "Nowak", "ewa@example.pl"],
            ClientExportRows.Row(client, columns));
        Assert.Equal([""], ClientExportRows.Row(client with { Phone = null }, [ClientExportColumn.Phone]));
    }
}
