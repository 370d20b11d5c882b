namespace Realtime.Grains.Domain.Text;

/// <summary>
/// Text the system keeps and searches. Refused: control characters other than tab and line breaks (PostgreSQL text
/// cannot hold NUL; the others have no place in a name or a note and break the exports and calendar feeds that copy
/// them) and the non-characters U+FFFE and U+FFFF (Unicode normalisation, which folds client names for search, throws
/// on U+FFFE). Accepted, such text would be stored and then fail every projection, search or message that uses it.
/// </summary>
public static class StoredText
{
    public const string Refusal = "Text may not contain control characters (other than tab and line breaks) or the non-characters U+FFFE and U+FFFF.";

    public static bool IsAllowed(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        foreach (var c in text)
        {
            if ((char.IsControl(c) && c is not ('\t' or '\n' or '\r')) || c is '\uFFFE' or '\uFFFF') return false;
        }

        return true;
    }
}
