using Realtime.Grains.Domain.Notifications;
using Realtime.Grains.Domain.Waitlist;

namespace Realtime.Domain.Tests.Waitlist;

public class OfferMessagesTests
{
    private static readonly OfferFacts Offer = new(
        "Europe/Warsaw", new DateTimeOffset(2026, 11, 24, 9, 30, 0, TimeSpan.Zero), "Salon Ewa", "Centre", "Haircut", TimeSpan.FromMinutes(5));

    [Theory]
    [InlineData("en", "Accept it within 5 minutes", "10:30")]
    [InlineData("pl", "w ciągu 5 minut", "godz. 10:30")]
    [InlineData("es", "Acéptalo en 5 minutos", "a las 10:30")]
    [InlineData("fr", "dans les 5 minutes", "à 10:30")]
    [InlineData("lt", "Laikas patvirtinti: 5 minutės", "10:30")]
    public void The_offer_says_when_in_the_locations_time_and_how_long_it_stands_in_the_clients_language(string language, string within, string at)
    {
        var message = OfferMessages.Offered(language, Offer, "Ewa", "https://salon.test/client/sign-in?token=t");

        Assert.Contains(within, message.Body);
        Assert.Contains(at, message.Body);
        Assert.Contains(": https://salon.test/client/sign-in?token=t\n", message.Body); // the way to take it, before the signature
        Assert.DoesNotContain("https://", message.Sms);
        Assert.Contains("Haircut", message.Sms);
        Assert.StartsWith("Salon Ewa", message.Subject);
        Assert.DoesNotContain('\n', message.Sms);
    }

    [Fact]
    public void Every_language_says_the_slot_is_gone_in_its_own_words()
    {
        var texts = MessageLanguages.All.Select(language => OfferMessages.Gone(language, Offer, "Ewa").Body).ToArray();

        Assert.Equal(texts.Length, texts.Distinct().Count());
        Assert.All(texts, text => Assert.Contains("Ewa", text));
        Assert.Contains("waiting list", OfferMessages.Gone("en", Offer, "Ewa").Sms);
    }

    [Theory]
    [InlineData("en", "Hello Jonas,", "A slot")]
    [InlineData("pl", "Dzień dobry,", "zwolnił się")] // Polish carries on in lower case after the greeting's comma
    [InlineData("es", "Hola, Jonas:", "Se ha liberado")]
    [InlineData("fr", "Bonjour Jonas,", "Un créneau")]
    [InlineData("lt", "Laba diena,", "Atsilaisvino")] // no name: in the nominative it reads wrongly
    public void The_greeting_and_the_first_sentence_follow_each_language_s_letter_style(string language, string greeting, string firstWords)
    {
        var body = OfferMessages.Offered(language, Offer, "Jonas", null).Body;

        Assert.StartsWith($"{greeting}\n\n{firstWords}", body);
    }

    [Fact]
    public void A_line_break_in_a_name_stays_out_of_the_subject()
    {
        var message = OfferMessages.Offered("en", Offer with { BusinessName = "Salon\nEwa" }, "Ewa", null);

        Assert.DoesNotContain('\n', message.Subject);
    }
}
