using System.Globalization;
using System.Text;

namespace Realtime.Grains.Domain.Clients;

/// <summary>
/// How client names, e-mails and phone numbers are folded for search and sorting, so that "lucia" finds "Lucía",
/// "kazlauskiene" finds "Kazlauskienė" and "lukasz" finds "Łukasz". Every client-list store keeps these folded
/// forms next to the originals (the PostgreSQL store in columns of its own) and compares them ordinally.
/// </summary>
public static class ClientSearchText
{
    /// <summary>
    /// Letters that carry their accent in the letter itself rather than as a combining mark, so that decomposition
    /// (Unicode FormD) does not strip it: Polish ł, Scandinavian ø, and friends. Keys are lower case.
    /// </summary>
    private static readonly IReadOnlyDictionary<char, string> LettersWithoutDecomposition = new Dictionary<char, string>
    {
        ['ł'] = "l",
        ['ø'] = "o",
        ['đ'] = "d",
        ['ð'] = "d",
        ['ħ'] = "h",
        ['ı'] = "i",
        ['ŧ'] = "t",
        ['þ'] = "th",
        ['ß'] = "ss",
        ['æ'] = "ae",
        ['œ'] = "oe",
    };

    /// <summary>Separators people write inside phone numbers; a search made only of digits and these is a phone search.</summary>
    private static readonly IReadOnlySet<char> PhoneSeparators = new HashSet<char> { ' ', '-', '.', '(', ')', '/', '+', '\u00A0' };

    /// <summary>
    /// <paramref name="text"/> in lower case without diacritics: decomposed (FormD), combining marks dropped, the few
    /// letters that do not decompose replaced by their plain letters, lower-cased with the invariant culture.
    /// Null or empty gives "".
    /// </summary>
    public static string Fold(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        var decomposed = text.Normalize(NormalizationForm.FormD);
        var folded = new StringBuilder(decomposed.Length);
        foreach (var character in decomposed)
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(character);
            if (category is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark)
            {
                continue;
            }

            var lower = char.ToLowerInvariant(character);
            if (LettersWithoutDecomposition.TryGetValue(lower, out var plain)) folded.Append(plain);
            else folded.Append(lower);
        }

        return folded.ToString().Normalize(NormalizationForm.FormC);
    }

    /// <summary>
    /// What a client is found by, apart from the phone: the folded first name, last name and e-mail, separated by
    /// single spaces (a search word never holds a space, so it never matches across two fields).
    /// </summary>
    public static string SearchTextOf(string? firstName, string? lastName, string? email) =>
        string.Join(' ', Fold(firstName).Trim(), Fold(lastName).Trim(), Fold(email).Trim());

    /// <summary>
    /// The digits of a phone number, without spaces, dashes, brackets or the leading + (or a leading 00, the international
    /// call prefix that stands for it: "0048 600…" is "+48 600…"); "" for none.
    /// </summary>
    public static string PhoneDigitsOf(string? phone)
    {
        if (string.IsNullOrEmpty(phone)) return "";
        var digits = string.Concat(phone.Where(char.IsAsciiDigit));
        return digits.Length > 2 && digits.StartsWith("00", StringComparison.Ordinal) ? digits[2..] : digits;
    }

    /// <summary>
    /// The digits of a search that looks like (part of) a phone number — only digits and phone separators, at least
    /// one digit — or null when it does not.
    /// </summary>
    public static string? PhoneDigitsOfSearch(string search)
    {
        ArgumentNullException.ThrowIfNull(search);
        if (!search.Any(char.IsAsciiDigit)) return null;
        return search.All(c => char.IsAsciiDigit(c) || PhoneSeparators.Contains(c)) ? PhoneDigitsOf(search) : null;
    }

    /// <summary>The key a name is sorted by: folded and trimmed, compared ordinally (code point by code point).</summary>
    public static string SortKeyOf(string? name) => Fold(name).Trim();
}
