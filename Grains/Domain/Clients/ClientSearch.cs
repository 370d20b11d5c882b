using Realtime.Grains.Domain.Text;

namespace Realtime.Grains.Domain.Clients;

/// <summary>
/// A search of the client list, as typed into the search box, made ready for matching: accent- and case-insensitive
/// words that must each appear in the client's name or e-mail (in any order, as parts of words: "kaz ona" finds
/// "Ona Kazlauskienė"), or, when the search looks like a phone number, those digits anywhere in the client's phone
/// (spaces, dashes and brackets ignored on both sides: "600-100" finds "+48 600 100 200").
/// </summary>
public sealed record ClientSearch
{
    public const int MaxLength = 100;

    private ClientSearch(string[] words, string? phoneDigits)
    {
        Words = words;
        PhoneDigits = phoneDigits;
    }

    /// <summary>The folded words (see <see cref="ClientSearchText.Fold"/>), each of which must appear in the search text.</summary>
    public IReadOnlyList<string> Words { get; }

    /// <summary>The digits to look for in the phone number, when the search looks like one; otherwise null.</summary>
    public string? PhoneDigits { get; }

    /// <summary>The search for <paramref name="search"/>, or null when it is empty or blank (then every client matches).</summary>
    /// <remarks>Call <see cref="Validate"/> first: a search longer than <see cref="MaxLength"/> or holding text <see cref="StoredText"/> refuses is refused.</remarks>
    public static ClientSearch? Parse(string? search)
    {
        if (string.IsNullOrWhiteSpace(search)) return null;
        var words = ClientSearchText.Fold(search).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return new ClientSearch(words, ClientSearchText.PhoneDigitsOfSearch(search));
    }

    /// <summary>What is wrong with a search, named as the query parameter <c>search</c>; null when it is fine.</summary>
    public static FieldError? Validate(string? search) => search switch
    {
        { Length: > MaxLength } => new FieldError("search", $"A search has at most {MaxLength} characters."),
        // Text no client's name can hold would fail the query (NUL) or its folding (U+FFFE) instead of finding nothing.
        { } text when !StoredText.IsAllowed(text) => new FieldError("search", StoredText.Refusal),
        _ => null,
    };

    /// <summary>
    /// Whether a client with this search text (<see cref="ClientSearchText.SearchTextOf"/>) and these phone digits
    /// (<see cref="ClientSearchText.PhoneDigitsOf"/>) is found.
    /// </summary>
    public bool Matches(string searchText, string phoneDigits)
    {
        ArgumentNullException.ThrowIfNull(searchText);
        ArgumentNullException.ThrowIfNull(phoneDigits);
        return (PhoneDigits is { Length: > 0 } digits && phoneDigits.Contains(digits, StringComparison.Ordinal))
               || Words.All(word => searchText.Contains(word, StringComparison.Ordinal));
    }
}
