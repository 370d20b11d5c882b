using Realtime.Grains.Domain.Clients;
using Realtime.Grains.Domain.Text;

namespace Realtime.Domain.Tests.Text;

public sealed class StoredTextTests
{
    [Theory]
    [InlineData("Ewa Nowak")]
    [InlineData("Łukasz Żółkiewski 🦄")]
    [InlineData("line one\r\nline two\tand a tab")]
    [InlineData("\u202eright to left\u200b")]
    [InlineData("")]
    public void Text_people_write_is_allowed(string text) => Assert.True(StoredText.IsAllowed(text));

    [Theory]
    [InlineData("Ewa\0")]
    [InlineData("\u001b[31mred")]
    [InlineData("bell\u0007")]
    [InlineData("del\u007f")]
    [InlineData("c1\u0085")]
    [InlineData("Ewa\uFFFE")]
    [InlineData("Ewa\uFFFF")]
    public void Control_characters_and_non_characters_are_refused(string text) => Assert.False(StoredText.IsAllowed(text));

    [Fact]
    public void Whatever_is_allowed_can_be_folded_for_search()
    {
        // Folding normalises Unicode, which throws on U+FFFE: refused text never reaches it.
        var allowed = Enumerable.Range(0, 0x10000).Select(c => (char)c).Where(c => !char.IsSurrogate(c) && StoredText.IsAllowed(c.ToString()));
        foreach (var c in allowed) ClientSearchText.Fold($"a{c}b");
        Assert.NotNull(ClientSearch.Validate("Ewa\uFFFE"));
    }
}
