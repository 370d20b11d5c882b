using Realtime.Grains.Domain.Clients;

namespace Realtime.Domain.Tests.Clients;

public class ClientSearchTests
{
    [Theory]
    [InlineData("Lucía", "lucia")]
    [InlineData("LUCÍA", "lucia")]
    [InlineData("Kazlauskienė", "kazlauskiene")]
    [InlineData("Łukasz Żółkiewski", "lukasz zolkiewski")]
    [InlineData("François Lefèvre", "francois lefevre")]
    [InlineData("Åse Øvregård", "ase ovregard")]
    [InlineData("Straße", "strasse")]
    [InlineData("İlkay", "ilkay")]
    [InlineData("Mañana", "manana")]
    [InlineData("ewa.NOWAK@Example.PL", "ewa.nowak@example.pl")]
    [InlineData("Lucı\u0301a", "lucia")] // already decomposed, dotless i
    [InlineData("", "")]
    [InlineData(null, "")]
    public void Folding_removes_accents_and_case(string? text, string folded)
    {
        Assert.Equal(folded, ClientSearchText.Fold(text));
    }

    [Fact]
    public void The_search_text_holds_the_folded_names_and_e_mail_separated_by_spaces()
    {
        Assert.Equal("ona kazlauskiene ona.k@example.lt", ClientSearchText.SearchTextOf(" Ona ", "Kazlauskienė", "ona.k@example.lt"));
    }

    [Theory]
    [InlineData("+48 600-100-200", "48600100200")]
    [InlineData("(91) 123 45 67", "911234567")]
    [InlineData("", "")]
    [InlineData(null, "")]
    public void Phone_digits_drop_everything_but_digits(string? phone, string digits)
    {
        Assert.Equal(digits, ClientSearchText.PhoneDigitsOf(phone));
    }

    [Theory]
    [InlineData("600 100", "600100")]
    [InlineData("+48 600-100-200", "48600100200")]
    [InlineData("(91) 123.45/67", "911234567")]
    [InlineData("ewa 600", null)]
    [InlineData("ewa", null)]
    [InlineData("+ -", null)]
    public void A_search_of_digits_and_phone_separators_is_a_phone_search(string search, string? digits)
    {
        Assert.Equal(digits, ClientSearchText.PhoneDigitsOfSearch(search));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void An_empty_search_is_no_search(string? search)
    {
        Assert.Null(ClientSearch.Parse(search));
    }

    [Theory]
    [InlineData("lucia", true)]
    [InlineData("LUCÍA garcía", true)]
    [InlineData("garc luc", true)]
    [InlineData("example.es", true)]
    [InlineData("600 000", true)]
    [InlineData("+34 600-000-000", true)]
    [InlineData("lucia smith", false)]
    [InlineData("700", false)]
    [InlineData("a e", true)]
    [InlineData("a b", false)]
    public void Every_word_must_appear_in_the_names_or_e_mail_or_the_digits_in_the_phone(string search, bool found)
    {
        var text = ClientSearchText.SearchTextOf("Lucía", "García", "lucia@example.es");
        var phone = ClientSearchText.PhoneDigitsOf("+34 600 000 000");

        Assert.Equal(found, ClientSearch.Parse(search)!.Matches(text, phone));
    }

    [Fact]
    public void A_word_never_matches_across_two_fields()
    {
        var text = ClientSearchText.SearchTextOf("Ana", "Nowak", "x@example.com");

        Assert.False(ClientSearch.Parse("ananowak")!.Matches(text, ""));
        Assert.True(ClientSearch.Parse("ana nowak")!.Matches(text, ""));
    }

    [Fact]
    public void A_search_longer_than_the_limit_is_refused_on_the_search_parameter()
    {
        Assert.Null(ClientSearch.Validate(new string('a', ClientSearch.MaxLength)));
        Assert.Equal("search", ClientSearch.Validate(new string('a', ClientSearch.MaxLength + 1))!.Field);
    }

    [Fact]
    public void A_search_holding_a_nul_character_is_refused_on_the_search_parameter() =>
        Assert.Equal("search", ClientSearch.Validate("ewa\0")!.Field);
}
