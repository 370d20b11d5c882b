using System.Globalization;
using NodaTime;

namespace Realtime.Grains.Domain.Clients;

/// <summary>A column the client export may hold; the header of each column is its name in camelCase.</summary>
public enum ClientExportColumn
{
    Id,
    FirstName,
    LastName,
    Email,
    Phone,
    Gender,
    BirthDate,
    Note,
    Language,
    Blacklisted,
    LastAppointmentAt,
}

/// <summary>The delimiter and the columns (in the order chosen) of one CSV export of the client list (seed 004).</summary>
public sealed record ClientExportFormat(char Delimiter, IReadOnlyList<ClientExportColumn> Columns)
{
    /// <summary>The delimiters a user may choose: comma, semicolon (spreadsheets in most of Europe), tab and pipe.</summary>
    public static readonly IReadOnlyList<char> Delimiters = [',', ';', '\t', '|'];

    public const char DefaultDelimiter = ',';

    /// <summary>What the list page shows, exported when no columns are chosen.</summary>
    public static readonly IReadOnlyList<ClientExportColumn> DefaultColumns =
    [
        ClientExportColumn.FirstName, ClientExportColumn.LastName, ClientExportColumn.Email, ClientExportColumn.Phone,
        ClientExportColumn.Note, ClientExportColumn.LastAppointmentAt,
    ];

    /// <summary>The header (and query-string name) of a column: its name in camelCase, e.g. <c>lastAppointmentAt</c>.</summary>
    public static string HeaderOf(ClientExportColumn column)
    {
        var name = column.ToString();
        return char.ToLowerInvariant(name[0]) + name[1..];
    }

    /// <summary>
    /// Reads the <c>delimiter</c> and <c>columns</c> query parameters. The delimiter is one character of
    /// <see cref="Delimiters"/> (a tab may also be written <c>\t</c> or <c>tab</c>); none gives a comma. Columns are
    /// comma-separated names from the allow-list (<see cref="HeaderOf"/>, any case), each at most once, in the order
    /// wanted; none gives <see cref="DefaultColumns"/>.
    /// </summary>
    public static Result<ClientExportFormat> Parse(string? delimiter, string? columns)
    {
        var errors = new List<FieldError>();
        var chosenDelimiter = ParseDelimiter(delimiter, errors);
        var chosenColumns = ParseColumns(columns, errors);
        return errors.Count > 0 ? DomainError.Validation([.. errors]) : new ClientExportFormat(chosenDelimiter, chosenColumns);
    }

    private static char ParseDelimiter(string? delimiter, List<FieldError> errors)
    {
        // "" means the parameter was left out; a lone space is not a delimiter we offer.
        if (string.IsNullOrEmpty(delimiter)) return DefaultDelimiter;
        if (delimiter is "\\t" || string.Equals(delimiter, "tab", StringComparison.OrdinalIgnoreCase)) return '\t';
        if (delimiter.Length == 1 && Delimiters.Contains(delimiter[0])) return delimiter[0];
        errors.Add(new FieldError("delimiter", "One of: , ; | or a tab (%09, \\t or tab)."));
        return DefaultDelimiter;
    }

    private static IReadOnlyList<ClientExportColumn> ParseColumns(string? columns, List<FieldError> errors)
    {
        if (string.IsNullOrWhiteSpace(columns)) return DefaultColumns;
        var names = columns.Split(',', StringSplitOptions.TrimEntries);
        var chosen = new List<ClientExportColumn>(names.Length);
        foreach (var name in names)
        {
            var column = Enum.GetValues<ClientExportColumn>()
                .Where(c => string.Equals(HeaderOf(c), name, StringComparison.OrdinalIgnoreCase))
                .Select(c => (ClientExportColumn?)c)
                .FirstOrDefault();
            if (column is null)
            {
                errors.Add(new FieldError("columns",
                    $"'{Shorten(name)}' is not a column; choose from: {string.Join(", ", Enum.GetValues<ClientExportColumn>().Select(HeaderOf))}."));
            }
            else if (chosen.Contains(column.Value))
            {
                errors.Add(new FieldError("columns", $"'{HeaderOf(column.Value)}' is chosen twice."));
            }
            else
            {
                chosen.Add(column.Value);
            }
        }

        return chosen;
    }

    private static string Shorten(string value) => value.Length <= 40 ? value : value[..40] + "…";
}

/// <summary>How the values of an exported client are written into cells.</summary>
public static class ClientExportCells
{
    /// <summary>
    /// Characters that make a spreadsheet program read a cell as a formula when they come first (OWASP, "CSV
    /// Injection"): = + - @, tab and carriage return; also their full-width forms, which some programs accept as well.
    /// </summary>
    private static readonly IReadOnlySet<char> FormulaStarts = new HashSet<char>
    {
        '=', '+', '-', '@', '\t', '\r', '\uFF1D', '\uFF0B', '\uFF0D', '\uFF20',
    };

    /// <summary>
    /// A cell value that a spreadsheet program shows as text and never runs: one that begins with a formula
    /// character gets a single quote in front (as OWASP advises); anything else is unchanged. Quoting of delimiters,
    /// quotes and line breaks is the CSV writer's job, not this one's.
    /// </summary>
    public static string NeutraliseFormula(string? value)
    {
        if (string.IsNullOrEmpty(value)) return "";
        return FormulaStarts.Contains(value[0]) ? "'" + value : value;
    }

    /// <summary>A date as yyyy-MM-dd; none as an empty cell.</summary>
    public static string Date(DateOnly? date) =>
        date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";

    /// <summary>
    /// An instant as ISO 8601: in UTC (yyyy-MM-ddTHH:mm:ssZ), or on the clock of <paramref name="zone"/> with its offset
    /// then (so the date is the one a front desk there reads); none as an empty cell.
    /// </summary>
    public static string Instant(DateTimeOffset? instant, DateTimeZone? zone = null) => instant switch
    {
        null => "",
        { } utc when zone is null => utc.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        { } at => NodaTime.Instant.FromDateTimeOffset(at).InZone(zone).ToDateTimeOffset().ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture),
    };

    public static string Flag(bool value) => value ? "true" : "false";
}
