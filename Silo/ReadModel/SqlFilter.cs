using System.Globalization;
using System.Text;
using Npgsql;

namespace Realtime.Silo.ReadModel;

/// <summary>
/// A WHERE clause with positional parameters ($1, $2, ...). Parameters are made afresh for every command that uses the
/// clause, because an Npgsql parameter belongs to one command.
/// </summary>
internal sealed class SqlFilter(string first)
{
    private readonly List<Func<NpgsqlParameter>> parameters = [];
    private readonly StringBuilder sql = new(first);

    public string Sql => sql.ToString();

    public int Count => parameters.Count;

    public NpgsqlParameter[] Parameters() => [.. parameters.Select(make => make())];

    /// <summary>Adds <c>AND condition</c>, where {0}, {1}, ... stand for the given parameters.</summary>
    public SqlFilter And(string condition, params Func<NpgsqlParameter>[] values)
    {
        var placeholders = values.Select((_, i) => (object)$"${parameters.Count + i + 1}").ToArray();
        sql.Append(" AND ").AppendFormat(CultureInfo.InvariantCulture, condition, placeholders);
        parameters.AddRange(values);
        return this;
    }

    /// <summary>Adds a parameter and gives its placeholder, for conditions built in pieces.</summary>
    public string Add(Func<NpgsqlParameter> make)
    {
        parameters.Add(make);
        return "$" + parameters.Count.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>Adds <c>AND condition</c> whose placeholders were made with <see cref="Add"/>.</summary>
    public SqlFilter And(string condition)
    {
        sql.Append(" AND ").Append(condition);
        return this;
    }
}
