using Realtime.Grains.Domain.Notifications;
using Realtime.Grains.Domain.Waitlist;

namespace Realtime.Domain.Tests.Notifications;

/// <summary>What the client is told: the reminder's manage link, who a text message is from, a cancellation with a follow-up.</summary>
public class ClientMessageContentTests
{
    private const string Manage = "https://book.example.com/client/manage?token=xyz";

    private static readonly DateTimeOffset Now = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    private static readonly AppointmentFacts Visit = new(
        "Europe/Warsaw", new DateTimeOffset(2026, 11, 24, 9, 0, 0, TimeSpan.Zero), 60, "Salon Aurora", "Mokotów", "Puławska 1", ["Anna"], ["Haircut"]);

    private static readonly DateTimeOffset NextVisit = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("en", "To confirm your attendance, or to move or cancel this appointment online:")]
    [InlineData("pl", "Aby potwierdzić obecność, przełożyć lub odwołać tę wizytę online, otwórz:")]
    [InlineData("es", "Para confirmar tu asistencia, cambiar o cancelar esta cita en línea:")]
    [InlineData("fr", "Pour confirmer votre présence, déplacer ou annuler ce rendez-vous en ligne :")]
    [InlineData("lt", "Norėdami patvirtinti atvykimą, perkelti ar atšaukti šį vizitą internetu, atidarykite:")]
    public void A_reminder_offers_the_manage_link_to_confirm_attendance(string language, string intro)
    {
        var message = MessageComposer.ClientReminder(language, Visit, "Ewa", Now, Manage, attendanceConfirmed: false);

        var lines = message.Body.Split('\n');
        Assert.Equal(Manage, lines[Array.IndexOf(lines, intro) + 1]);
        Assert.DoesNotContain("manage", message.Sms);
    }

    [Fact]
    public void A_reminder_of_a_confirmed_visit_offers_the_link_to_see_move_or_cancel_it_and_none_without_a_link()
    {
        var confirmed = MessageComposer.ClientReminder("en", Visit, "Ewa", Now, Manage, attendanceConfirmed: true).Body.Split('\n');

        Assert.Equal(Manage, confirmed[Array.IndexOf(confirmed, "To see, move or cancel this appointment online:") + 1]);
        Assert.DoesNotContain("To confirm your attendance", string.Join('\n', confirmed));
        Assert.DoesNotContain("online", MessageComposer.ClientReminder("en", Visit, "Ewa", Now).Body);
    }

    [Theory]
    [InlineData("Salon Aurora", "Mokotów", "Salon Aurora, Mokotów")]
    [InlineData("Salon Aurora", "Salon Aurora Mokotów", "Salon Aurora Mokotów")]
    [InlineData("salon aurora", "Salon Aurora – Wola", "Salon Aurora – Wola")]
    [InlineData("Salon Aurora", " ", "Salon Aurora")]
    [InlineData("", "Mokotów", "Mokotów")]
    [InlineData(" Salon Aurora ", " Mokotów ", "Salon Aurora, Mokotów")]
    public void A_text_message_is_from_the_business_and_its_location(string business, string location, string sender) =>
        Assert.Equal(sender, MessageComposer.SmsSender(business, location));

    public static TheoryData<string, string> EveryTextMessageKind()
    {
        var data = new TheoryData<string, string>();
        foreach (var language in MessageLanguages.All)
        {
            data.Add(language, "booked");
            data.Add(language, "rescheduled");
            data.Add(language, "cancelled");
            data.Add(language, "cancelled with a next visit");
            data.Add(language, "reminder");
            data.Add(language, "slot offered");
            data.Add(language, "slot gone");
        }

        return data;
    }

    /// <summary>
    /// A client of a chain with several salons reads which one each text is about, in one short message: at most 160
    /// characters, one segment of the GSM alphabet (a Polish or Lithuanian one is sent in more only for its letters).
    /// </summary>
    [Theory]
    [MemberData(nameof(EveryTextMessageKind))]
    public void Every_text_message_names_the_salon_and_stays_one_message_long(string language, string kind)
    {
        var offer = new OfferFacts(Visit.TimeZone, Visit.Start, Visit.BusinessName, Visit.LocationName, "Haircut", TimeSpan.FromMinutes(15));
        var sms = kind switch
        {
            "booked" => MessageComposer.ClientBooked(language, Visit, "Ewa", Now, Manage).Sms,
            "rescheduled" => MessageComposer.ClientRescheduled(language, Visit, "Ewa", Now.AddDays(2), Now, Manage).Sms,
            "cancelled" => MessageComposer.ClientCancelled(language, Visit, "Ewa", null, Now).Sms,
            "cancelled with a next visit" => MessageComposer.ClientCancelled(language, Visit, "Ewa", null, Now, NextVisit).Sms,
            "reminder" => MessageComposer.ClientReminder(language, Visit, "Ewa", Now, Manage).Sms,
            "slot offered" => OfferMessages.Offered(language, offer, "Ewa", Manage).Sms,
            _ => OfferMessages.Gone(language, offer, "Ewa").Sms,
        };

        Assert.StartsWith("Salon Aurora, Mokotów", sms);
        Assert.InRange(sms.Length, 1, 160);
    }

    [Theory]
    [InlineData("en", "Your next visit is booked for Tuesday 1 December 2026, 10:00.", "To book a new time, please contact us.",
        "Salon Aurora, Mokotów: your appointment on 24/11/2026, 10:00 has been cancelled. Next visit: 01/12/2026, 10:00.")]
    [InlineData("pl", "Następna wizyta została zarezerwowana: wtorek, 1 grudnia 2026, godz. 10:00.", "Aby umówić nowy termin, skontaktuj się z nami.",
        "Salon Aurora, Mokotów: wizyta 24.11.2026, godz. 10:00 została odwołana. Następna wizyta: 01.12.2026, godz. 10:00.")]
    [InlineData("es", "Tu próxima cita está reservada para el martes, 1 de diciembre de 2026, a las 10:00.", "Para reservar otra hora, contáctanos.",
        "Salon Aurora, Mokotów: tu cita del 24/11/2026 a las 10:00 ha sido anulada. Próxima cita: el 01/12/2026 a las 10:00.")]
    [InlineData("fr", "Votre prochain rendez-vous est réservé le mardi 1 décembre 2026 à 10:00.", "Pour prendre un nouveau rendez-vous, contactez-nous.",
        "Salon Aurora, Mokotów : votre rendez-vous du 24/11/2026 à 10:00 a été annulé. Prochain rendez-vous : le 01/12/2026 à 10:00.")]
    [InlineData("lt", "Kitas jūsų vizitas užregistruotas: 2026 m. gruodžio 1 d., antradienis, 10:00.", "Norėdami užsiregistruoti kitu laiku, susisiekite su mumis.",
        "Salon Aurora, Mokotów: jūsų vizitas 2026-11-24 10:00 atšauktas. Kitas vizitas: 2026-12-01 10:00.")]
    public void A_cancellation_with_a_next_visit_names_its_time_instead_of_asking_the_client_to_get_in_touch(
        string language, string nextVisitLine, string advice, string sms)
    {
        var withNext = MessageComposer.ClientCancelled(language, Visit, "Ewa", null, Now, NextVisit);
        var without = MessageComposer.ClientCancelled(language, Visit, "Ewa", null, Now);

        Assert.Contains(nextVisitLine, withNext.Body.Split('\n'));
        Assert.DoesNotContain(advice, withNext.Body);
        Assert.Equal(sms, withNext.Sms);
        Assert.Contains(advice, without.Body.Split('\n'));
        Assert.DoesNotContain(nextVisitLine, without.Body);
    }

    [Fact]
    public void A_long_personal_message_is_cut_in_the_text_message_and_kept_whole_in_the_email()
    {
        var words = string.Join(' ', Enumerable.Repeat("Sorry, our hairdresser fell ill today.", 32)); // about 1,200 characters
        var cancelled = MessageComposer.ClientCancelled("en", Visit, "Ewa", words, Now, NextVisit);

        Assert.Contains(words, cancelled.Body);
        Assert.InRange(cancelled.Sms.Length, 200, 3 * 153);
        var quoted = cancelled.Sms[(cancelled.Sms.IndexOf("Sorry", StringComparison.Ordinal))..];
        Assert.EndsWith("…”", quoted);
        Assert.InRange(quoted.Length, MessageComposer.SmsMessageMaxLength / 2, MessageComposer.SmsMessageMaxLength + 1);
        Assert.StartsWith(quoted[..^2].TrimEnd('…'), words); // cut at a word, not inside one
        Assert.Equal(' ', words[quoted.Length - 2]);
    }

    [Fact]
    public void A_short_personal_message_is_carried_whole_on_one_line()
    {
        var sms = MessageComposer.ClientCancelled("en", Visit, "Ewa", "Sorry,\nthe salon is closed.", Now).Sms;

        Assert.EndsWith("“Sorry, the salon is closed.”", sms);
    }

    [Fact]
    public void A_cancellation_sets_its_next_visit_or_its_advice_apart_from_the_signature()
    {
        Assert.EndsWith(
            "\n\nYour next visit is booked for Tuesday 1 December 2026, 10:00.\n\nSee you soon!\nSalon Aurora\n",
            MessageComposer.ClientCancelled("en", Visit, "Ewa", "Sorry", Now, NextVisit).Body);
        Assert.EndsWith(
            "\n\nTo book a new time, please contact us.\n\nSee you soon!\nSalon Aurora\n",
            MessageComposer.ClientCancelled("en", Visit, "Ewa", null, Now).Body);
    }
}
