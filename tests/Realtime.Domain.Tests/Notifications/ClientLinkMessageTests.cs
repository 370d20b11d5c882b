using Realtime.Grains.Domain.Notifications;

namespace Realtime.Domain.Tests.Notifications;

public class ClientLinkMessageTests
{
    private const string Url = "https://book.example.com/client/sign-in?token=abc";

    [Theory]
    [InlineData("en", "Your sign-in link: Salon Aurora", "Hello Ewa,", "The link works once and is valid for 30 minutes.")]
    [InlineData("pl", "Link do logowania: Salon Aurora", "Dzień dobry,", "Link działa jeden raz. Czas ważności: 30 minut.")]
    [InlineData("es", "Tu enlace de acceso: Salon Aurora", "Hola, Ewa:", "El enlace sirve una sola vez y durante 30 minutos.")]
    [InlineData("fr", "Votre lien de connexion : Salon Aurora", "Bonjour Ewa,", "Le lien ne fonctionne qu'une fois, pendant 30 minutes.")]
    [InlineData("lt", "Prisijungimo nuoroda: Salon Aurora", "Laba diena,", "Nuoroda veikia vieną kartą. Galiojimo laikas: 30 minučių.")]
    public void The_sign_in_link_is_written_in_the_clients_language_with_its_validity_in_words(
        string language, string subject, string greeting, string validity)
    {
        var message = MessageComposer.SignInLink(language, "Ewa", "Salon Aurora", Url, TimeSpan.FromMinutes(30));

        var lines = message.Body.Split('\n');
        Assert.Equal(subject, message.Subject);
        Assert.Equal(greeting, lines[0]);
        Assert.Equal(Url, lines[Array.FindIndex(lines, line => line.Contains("Salon Aurora")) + 1]);
        Assert.Contains(validity, lines);
        Assert.Equal("Salon Aurora", lines[^2]);
        Assert.Equal("", message.Sms);
    }

    [Theory]
    [InlineData("en", "This link is for Ewa Nowak; others who share this address get links of their own.")]
    [InlineData("pl", "Ten link jest dla: Ewa Nowak. Inne osoby korzystające z tego adresu otrzymują własne linki.")]
    [InlineData("lt", "Ši nuoroda skirta: Ewa Nowak. Kiti šiuo adresu besinaudojantys asmenys gauna savo nuorodas.")]
    public void A_link_to_an_address_several_clients_share_names_its_client(string language, string line)
    {
        var shared = MessageComposer.SignInLink(language, "Ewa", "Salon Aurora", Url, TimeSpan.FromMinutes(30), "Ewa Nowak");
        var own = MessageComposer.SignInLink(language, "Ewa", "Salon Aurora", Url, TimeSpan.FromMinutes(30));

        Assert.Equal($"{own.Subject} (Ewa Nowak)", shared.Subject);
        Assert.Contains(line, shared.Body.Split('\n'));
        Assert.DoesNotContain("Ewa Nowak", own.Body);
    }

    [Fact]
    public void A_longer_validity_is_said_in_hours_and_minutes()
    {
        var message = MessageComposer.SignInLink("pl", "Ewa", "Salon", Url, TimeSpan.FromMinutes(90));

        Assert.Contains("Link działa jeden raz. Czas ważności: 1 godzina 30 minut.", message.Body.Split('\n'));
    }

    [Fact]
    public void A_business_name_cannot_break_the_subject_line()
    {
        var message = MessageComposer.SignInLink("en", null, "Salon\r\nBcc: x@example.com", Url, TimeSpan.FromMinutes(30));

        Assert.DoesNotContain('\n', message.Subject);
        Assert.StartsWith("Hello,", message.Body);
    }

    [Theory]
    [InlineData("en", "To see, move or cancel this appointment online:")]
    [InlineData("fr", "Pour consulter, déplacer ou annuler ce rendez-vous en ligne :")]
    public void Booking_and_reschedule_emails_carry_the_manage_link_when_given(string language, string intro)
    {
        var facts = new AppointmentFacts("Europe/Warsaw", new DateTimeOffset(2026, 11, 24, 9, 0, 0, TimeSpan.Zero), 60, "Salon", "Centre", null, ["Anna"], []);
        var now = new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);
        const string manage = "https://book.example.com/client/manage?token=xyz";

        foreach (var message in new[]
        {
            MessageComposer.ClientBooked(language, facts, "Ewa", now, manage),
            MessageComposer.ClientRescheduled(language, facts, "Ewa", now.AddDays(2), now, manage),
        })
        {
            var lines = message.Body.Split('\n');
            Assert.Equal(manage, lines[Array.IndexOf(lines, intro) + 1]);
            Assert.DoesNotContain("manage", message.Sms);
        }

        Assert.DoesNotContain(intro, MessageComposer.ClientBooked(language, facts, "Ewa", now).Body);
    }
}
