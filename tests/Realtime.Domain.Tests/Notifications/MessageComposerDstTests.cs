using Realtime.Grains.Domain.Notifications;

namespace Realtime.Domain.Tests.Notifications;

/// <summary>
/// Every message in every language on the days clocks change (tzdb as bundled with NodaTime 3.3.4):
/// Europe/Warsaw    2026-03-29 02:00 +01 → 03:00 +02 (the night has 23 hours);
///                  2026-10-25 03:00 +02 → 02:00 +01 (02:00–02:59 happens twice);
/// America/Santiago 2026-04-05 00:00 −03 → 2026-04-04 23:00 −04 (23:00–23:59 on 4 April happens twice).
/// Times of day are the location's wall clock; relative times are the time that really passes ("in 8 hours" from
/// 01:30 to 10:30 across the spring-forward night), counted in calendar days of the location from a day ahead on.
/// </summary>
public class MessageComposerDstTests
{
    private const string Warsaw = "Europe/Warsaw";
    private const string Santiago = "America/Santiago";

    private static AppointmentFacts Appointment(string zone, string start, int minutes) =>
        new(zone, DateTimeOffset.Parse(start), minutes, "Salon Aurora", "Centre", "Main street 1", ["Anna"], ["Haircut"]);

    private static DateTimeOffset At(string instant) => DateTimeOffset.Parse(instant);

    private static string[] Lines(string body) => body.Split('\n');

    // Booked at 01:30 +01 for 10:30 +02 on the spring-forward day: 8 hours pass, although the clock moves 9.
    [Theory]
    [InlineData("en",
        "Appointment booked: Sunday 29 March 2026, 10:30",
        "When: Sunday 29 March 2026, 10:30 (8 hours from now)",
        "Duration: 1 hour 30 minutes",
        "Salon Aurora, Centre: your appointment is booked for 29/03/2026, 10:30 (8 hours from now).")]
    [InlineData("pl",
        "Wizyta zarezerwowana: niedziela, 29 marca 2026, godz. 10:30",
        "Termin: niedziela, 29 marca 2026, godz. 10:30 (za 8 godzin)",
        "Czas trwania: 1 godzina 30 minut",
        "Salon Aurora, Centre: wizyta zarezerwowana na 29.03.2026, godz. 10:30 (za 8 godzin).")]
    [InlineData("es",
        "Cita reservada: domingo, 29 de marzo de 2026, a las 10:30",
        "Fecha y hora: domingo, 29 de marzo de 2026, a las 10:30 (en 8 horas)",
        "Duración: 1 hora 30 minutos",
        "Salon Aurora, Centre: tu cita está reservada para el 29/03/2026 a las 10:30 (en 8 horas).")]
    [InlineData("fr",
        "Rendez-vous réservé : dimanche 29 mars 2026 à 10:30",
        "Date et heure : dimanche 29 mars 2026 à 10:30 (dans 8 heures)",
        "Durée : 1 heure 30 minutes",
        "Salon Aurora, Centre : votre rendez-vous est réservé le 29/03/2026 à 10:30 (dans 8 heures).")]
    [InlineData("lt",
        "Vizitas užregistruotas: 2026 m. kovo 29 d., sekmadienis, 10:30",
        "Laikas: 2026 m. kovo 29 d., sekmadienis, 10:30 (po 8 valandų)",
        "Trukmė: 1 valanda 30 minučių",
        "Salon Aurora, Centre: jūsų vizitas užregistruotas 2026-03-29 10:30 (po 8 valandų).")]
    public void Booking_on_the_spring_forward_day(string language, string subject, string when, string duration, string sms)
    {
        var message = MessageComposer.ClientBooked(
            language, Appointment(Warsaw, "2026-03-29T10:30:00+02:00", 90), "Ewa", At("2026-03-29T01:30:00+01:00"));

        Assert.Equal(subject, message.Subject);
        Assert.Contains(when, Lines(message.Body));
        Assert.Contains(duration, Lines(message.Body));
        Assert.Equal(sms, message.Sms);
    }

    [Fact]
    public void A_booking_reads_as_a_whole_in_English_and_Lithuanian()
    {
        var appointment = Appointment(Warsaw, "2026-03-29T10:30:00+02:00", 90);
        var now = At("2026-03-29T01:30:00+01:00");

        Assert.Equal(
            """
            Hello Ewa,

            Your appointment at Salon Aurora is booked.

            When: Sunday 29 March 2026, 10:30 (8 hours from now)
            Duration: 1 hour 30 minutes
            With: Anna
            Services: Haircut
            Where: Centre, Main street 1

            See you soon!
            Salon Aurora

            """.ReplaceLineEndings("\n"),
            MessageComposer.ClientBooked("en", appointment, "Ewa", now).Body);
        Assert.Equal(
            """
            Laba diena,

            Jūsų vizitas užregistruotas.

            Laikas: 2026 m. kovo 29 d., sekmadienis, 10:30 (po 8 valandų)
            Trukmė: 1 valanda 30 minučių
            Aptarnauja: Anna
            Paslaugos: Haircut
            Vieta: Centre, Main street 1

            Iki pasimatymo!
            Salon Aurora

            """.ReplaceLineEndings("\n"),
            MessageComposer.ClientBooked("lt", appointment, "Ewa", now).Body);
    }

    // The reminder fires at 10:30 +01 on Saturday for 10:30 +02 on Sunday: the same wall-clock time, 23 hours later.
    [Theory]
    [InlineData("en",
        "Reminder: Sunday 29 March 2026, 10:30",
        "This is a reminder of your appointment at Salon Aurora 23 hours from now.",
        "When: Sunday 29 March 2026, 10:30",
        "Salon Aurora, Centre: reminder of your appointment 23 hours from now: 29/03/2026, 10:30.")]
    [InlineData("pl",
        "Przypomnienie o wizycie: niedziela, 29 marca 2026, godz. 10:30",
        "Przypominamy o Twojej wizycie (za 23 godziny).",
        "Termin: niedziela, 29 marca 2026, godz. 10:30",
        "Salon Aurora, Centre: przypominamy o wizycie za 23 godziny: 29.03.2026, godz. 10:30.")]
    [InlineData("es",
        "Recordatorio de tu cita: domingo, 29 de marzo de 2026, a las 10:30",
        "Te recordamos tu cita en Salon Aurora (en 23 horas).",
        "Fecha y hora: domingo, 29 de marzo de 2026, a las 10:30",
        "Salon Aurora, Centre: te recordamos tu cita en 23 horas: 29/03/2026 a las 10:30.")]
    [InlineData("fr",
        "Rappel de rendez-vous : dimanche 29 mars 2026 à 10:30",
        "Nous vous rappelons votre rendez-vous chez Salon Aurora (dans 23 heures).",
        "Date et heure : dimanche 29 mars 2026 à 10:30",
        "Salon Aurora, Centre : rappel de votre rendez-vous dans 23 heures, le 29/03/2026 à 10:30.")]
    [InlineData("lt",
        "Priminimas apie vizitą: 2026 m. kovo 29 d., sekmadienis, 10:30",
        "Primename apie jūsų vizitą (po 23 valandų).",
        "Laikas: 2026 m. kovo 29 d., sekmadienis, 10:30",
        "Salon Aurora, Centre: primename apie vizitą po 23 valandų: 2026-03-29 10:30.")]
    public void Reminder_across_the_spring_forward_night(string language, string subject, string intro, string when, string sms)
    {
        var message = MessageComposer.ClientReminder(
            language, Appointment(Warsaw, "2026-03-29T10:30:00+02:00", 60), null, At("2026-03-28T10:30:00+01:00"));

        Assert.Equal(subject, message.Subject);
        Assert.Contains(intro, Lines(message.Body));
        Assert.Contains(when, Lines(message.Body));
        Assert.Equal(sms, message.Sms);
    }

    // Moved to 02:30 on the fall-back day, the second time the clock shows it (+01): the offset says which.
    [Theory]
    [InlineData("en",
        "Appointment moved: Sunday 25 October 2026, 02:30 UTC+01:00",
        "When: Sunday 25 October 2026, 02:30 UTC+01:00 (15 hours from now)",
        "Previously: Saturday 24 October 2026, 10:00",
        "Duration: 45 minutes",
        "Salon Aurora, Centre: your appointment has been moved to 25/10/2026, 02:30 UTC+01:00 (15 hours from now).")]
    [InlineData("pl",
        "Zmiana terminu wizyty: niedziela, 25 października 2026, godz. 02:30 UTC+01:00",
        "Termin: niedziela, 25 października 2026, godz. 02:30 UTC+01:00 (za 15 godzin)",
        "Poprzedni termin: sobota, 24 października 2026, godz. 10:00",
        "Czas trwania: 45 minut",
        "Salon Aurora, Centre: termin wizyty zmieniony na 25.10.2026, godz. 02:30 UTC+01:00 (za 15 godzin).")]
    [InlineData("es",
        "Cita cambiada: domingo, 25 de octubre de 2026, a las 02:30 UTC+01:00",
        "Fecha y hora: domingo, 25 de octubre de 2026, a las 02:30 UTC+01:00 (en 15 horas)",
        "Hora anterior: sábado, 24 de octubre de 2026, a las 10:00",
        "Duración: 45 minutos",
        "Salon Aurora, Centre: tu cita se ha cambiado al 25/10/2026 a las 02:30 UTC+01:00 (en 15 horas).")]
    [InlineData("fr",
        "Rendez-vous déplacé : dimanche 25 octobre 2026 à 02:30 UTC+01:00",
        "Date et heure : dimanche 25 octobre 2026 à 02:30 UTC+01:00 (dans 15 heures)",
        "Ancien horaire : samedi 24 octobre 2026 à 10:00",
        "Durée : 45 minutes",
        "Salon Aurora, Centre : votre rendez-vous a été déplacé au 25/10/2026 à 02:30 UTC+01:00 (dans 15 heures).")]
    [InlineData("lt",
        "Vizito laikas pakeistas: 2026 m. spalio 25 d., sekmadienis, 02:30 UTC+01:00",
        "Laikas: 2026 m. spalio 25 d., sekmadienis, 02:30 UTC+01:00 (po 15 valandų)",
        "Ankstesnis laikas: 2026 m. spalio 24 d., šeštadienis, 10:00",
        "Trukmė: 45 minutės",
        "Salon Aurora, Centre: naujas vizito laikas 2026-10-25 02:30 UTC+01:00 (po 15 valandų).")]
    public void Move_into_the_repeated_hour_of_the_fall_back_day(
        string language, string subject, string when, string previously, string duration, string sms)
    {
        var message = MessageComposer.ClientRescheduled(
            language, Appointment(Warsaw, "2026-10-25T02:30:00+01:00", 45), "Ewa",
            previousStart: At("2026-10-24T10:00:00+02:00"), now: At("2026-10-24T12:30:00+02:00"));

        Assert.Equal(subject, message.Subject);
        Assert.Contains(when, Lines(message.Body));
        Assert.Contains(previously, Lines(message.Body));
        Assert.Contains(duration, Lines(message.Body));
        Assert.Equal(sms, message.Sms);
    }

    // Cancelled at 02:30 the first time the clock shows it (+02), with the business's personal message (seed 002).
    [Theory]
    [InlineData("en",
        "Appointment cancelled: Sunday 25 October 2026, 02:30 UTC+02:00",
        "Your appointment at Salon Aurora has been cancelled.",
        "Message: “Anna is ill, sorry!”",
        "To book a new time, please contact us.",
        "Salon Aurora, Centre: your appointment on 25/10/2026, 02:30 UTC+02:00 has been cancelled. “Anna is ill, sorry!”")]
    [InlineData("pl",
        "Wizyta odwołana: niedziela, 25 października 2026, godz. 02:30 UTC+02:00",
        "Twoja wizyta została odwołana.",
        "Wiadomość: „Anna is ill, sorry!”",
        "Aby umówić nowy termin, skontaktuj się z nami.",
        "Salon Aurora, Centre: wizyta 25.10.2026, godz. 02:30 UTC+02:00 została odwołana. „Anna is ill, sorry!”")]
    [InlineData("es",
        "Cita anulada: domingo, 25 de octubre de 2026, a las 02:30 UTC+02:00",
        "Tu cita en Salon Aurora ha sido anulada.",
        "Mensaje: «Anna is ill, sorry!»",
        "Para reservar otra hora, contáctanos.",
        "Salon Aurora, Centre: tu cita del 25/10/2026 a las 02:30 UTC+02:00 ha sido anulada. «Anna is ill, sorry!»")]
    [InlineData("fr",
        "Rendez-vous annulé : dimanche 25 octobre 2026 à 02:30 UTC+02:00",
        "Votre rendez-vous chez Salon Aurora a été annulé.",
        "Message : « Anna is ill, sorry! »",
        "Pour prendre un nouveau rendez-vous, contactez-nous.",
        "Salon Aurora, Centre : votre rendez-vous du 25/10/2026 à 02:30 UTC+02:00 a été annulé. « Anna is ill, sorry! »")]
    [InlineData("lt",
        "Vizitas atšauktas: 2026 m. spalio 25 d., sekmadienis, 02:30 UTC+02:00",
        "Jūsų vizitas atšauktas.",
        "Žinutė: „Anna is ill, sorry!“",
        "Norėdami užsiregistruoti kitu laiku, susisiekite su mumis.",
        "Salon Aurora, Centre: jūsų vizitas 2026-10-25 02:30 UTC+02:00 atšauktas. „Anna is ill, sorry!“")]
    public void Cancellation_with_a_personal_message_in_the_repeated_hour(
        string language, string subject, string intro, string messageLine, string advice, string sms)
    {
        var message = MessageComposer.ClientCancelled(
            language, Appointment(Warsaw, "2026-10-25T02:30:00+02:00", 60), "Ewa", "  Anna is ill, sorry!  ", At("2026-10-24T12:00:00+02:00"));

        Assert.Equal(subject, message.Subject);
        Assert.Contains(intro, Lines(message.Body));
        Assert.Contains(messageLine, Lines(message.Body));
        Assert.Contains(advice, Lines(message.Body));
        Assert.Equal(sms, message.Sms);
    }

    [Theory]
    [InlineData("en", "Cancelled: Ewa Nowak, Sunday 25 October 2026, 02:30 UTC+02:00", "An appointment has been cancelled.",
        "Client: Ewa Nowak", "Message: “Anna is ill, sorry!”")]
    [InlineData("pl", "Wizyta odwołana: Ewa Nowak, niedziela, 25 października 2026, godz. 02:30 UTC+02:00", "Wizyta została odwołana.",
        "Klient: Ewa Nowak", "Wiadomość: „Anna is ill, sorry!”")]
    [InlineData("es", "Cita anulada: Ewa Nowak, domingo, 25 de octubre de 2026, a las 02:30 UTC+02:00", "Se ha anulado una cita.",
        "Cliente: Ewa Nowak", "Mensaje: «Anna is ill, sorry!»")]
    [InlineData("fr", "Rendez-vous annulé : Ewa Nowak, dimanche 25 octobre 2026 à 02:30 UTC+02:00", "Un rendez-vous a été annulé.",
        "Client : Ewa Nowak", "Message : « Anna is ill, sorry! »")]
    [InlineData("lt", "Vizitas atšauktas: Ewa Nowak, 2026 m. spalio 25 d., sekmadienis, 02:30 UTC+02:00", "Vizitas atšauktas.",
        "Klientas: Ewa Nowak", "Žinutė: „Anna is ill, sorry!“")]
    public void Cancellation_to_the_staff(string language, string subject, string intro, string client, string messageLine)
    {
        var message = MessageComposer.StaffCancelled(
            language, Appointment(Warsaw, "2026-10-25T02:30:00+02:00", 60), "Ewa Nowak", "Anna is ill, sorry!", At("2026-10-24T12:00:00+02:00"));

        Assert.Equal(subject, message.Subject);
        Assert.Equal(intro, Lines(message.Body)[0]);
        Assert.Contains(client, Lines(message.Body));
        Assert.Contains(messageLine, Lines(message.Body));
    }

    // A client moves their appointment from 23:30 −03 to 23:30 −04 on 4 April in Santiago: the same wall-clock time,
    // an hour later; the staff see both, each with its offset.
    [Theory]
    [InlineData("en", "Moved by the client: Ewa Nowak, Saturday 4 April 2026, 23:30 UTC-04:00", "The client has moved their appointment.",
        "When: Saturday 4 April 2026, 23:30 UTC-04:00", "Previously: Saturday 4 April 2026, 23:30 UTC-03:00")]
    [InlineData("pl", "Zmiana terminu przez klienta: Ewa Nowak, sobota, 4 kwietnia 2026, godz. 23:30 UTC-04:00",
        "Termin wizyty został zmieniony przez klienta.",
        "Termin: sobota, 4 kwietnia 2026, godz. 23:30 UTC-04:00", "Poprzedni termin: sobota, 4 kwietnia 2026, godz. 23:30 UTC-03:00")]
    [InlineData("es", "Cambio de hora del cliente: Ewa Nowak, sábado, 4 de abril de 2026, a las 23:30 UTC-04:00",
        "El cliente ha cambiado la hora de su cita.",
        "Fecha y hora: sábado, 4 de abril de 2026, a las 23:30 UTC-04:00", "Hora anterior: sábado, 4 de abril de 2026, a las 23:30 UTC-03:00")]
    [InlineData("fr", "Déplacement par le client : Ewa Nowak, samedi 4 avril 2026 à 23:30 UTC-04:00", "Le client a déplacé son rendez-vous.",
        "Date et heure : samedi 4 avril 2026 à 23:30 UTC-04:00", "Ancien horaire : samedi 4 avril 2026 à 23:30 UTC-03:00")]
    [InlineData("lt", "Kliento pakeistas laikas: Ewa Nowak, 2026 m. balandžio 4 d., šeštadienis, 23:30 UTC-04:00", "Klientas pakeitė vizito laiką.",
        "Laikas: 2026 m. balandžio 4 d., šeštadienis, 23:30 UTC-04:00", "Ankstesnis laikas: 2026 m. balandžio 4 d., šeštadienis, 23:30 UTC-03:00")]
    public void A_clients_own_move_within_the_repeated_hour_in_Santiago(string language, string subject, string intro, string when, string previously)
    {
        var message = MessageComposer.StaffClientChange(
            language, ClientChangeKind.Rescheduled, Appointment(Santiago, "2026-04-04T23:30:00-04:00", 60), "Ewa Nowak",
            previousStart: At("2026-04-04T23:30:00-03:00"), personalMessage: null, now: At("2026-04-04T12:00:00-03:00"));

        Assert.Equal(subject, message.Subject);
        Assert.Equal(intro, Lines(message.Body)[0]);
        Assert.Contains("Ewa Nowak", Lines(message.Body)[2]);
        Assert.Contains(when, Lines(message.Body));
        Assert.Contains(previously, Lines(message.Body));
    }

    [Theory]
    [InlineData("en", ClientChangeKind.Booked, "Booked by the client: Ewa Nowak, Sunday 5 April 2026, 10:00", "The client has booked an appointment.")]
    [InlineData("pl", ClientChangeKind.Cancelled, "Odwołanie przez klienta: Ewa Nowak, niedziela, 5 kwietnia 2026, godz. 10:00",
        "Wizyta została odwołana przez klienta.")]
    [InlineData("es", ClientChangeKind.Confirmed, "Confirmación del cliente: Ewa Nowak, domingo, 5 de abril de 2026, a las 10:00",
        "El cliente ha confirmado su asistencia.")]
    [InlineData("fr", ClientChangeKind.Cancelled, "Annulation par le client : Ewa Nowak, dimanche 5 avril 2026 à 10:00",
        "Le client a annulé son rendez-vous.")]
    [InlineData("lt", ClientChangeKind.Booked, "Kliento registracija: Ewa Nowak, 2026 m. balandžio 5 d., sekmadienis, 10:00",
        "Klientas užsiregistravo vizitui.")]
    [InlineData("en", ClientChangeKind.LeftClass, "Left the class: Ewa Nowak, Sunday 5 April 2026, 10:00",
        "The client has left the class; it goes on for the others.")]
    [InlineData("pl", ClientChangeKind.JoinedClass, "Zapis na zajęcia: Ewa Nowak, niedziela, 5 kwietnia 2026, godz. 10:00",
        "Klient zapisał się na zajęcia.")]
    public void Other_client_changes_to_the_staff(string language, ClientChangeKind change, string subject, string intro)
    {
        var message = MessageComposer.StaffClientChange(
            language, change, Appointment(Santiago, "2026-04-05T10:00:00-04:00", 60), "Ewa Nowak", null, null, At("2026-04-04T20:00:00-03:00"));

        Assert.Equal(subject, message.Subject);
        Assert.Equal(intro, Lines(message.Body)[0]);
    }

    // In Santiago, 20:00 −03 on Saturday to 10:00 −04 on Sunday: the clock moves 14 hours, 15 pass.
    // From Friday 20:00 it is 39 hours, but the day after tomorrow: "in 2 days" (French: "après-demain"), never "tomorrow".
    [Theory]
    [InlineData("en", "2026-04-04T20:00:00-03:00", "When: Sunday 5 April 2026, 10:00 (15 hours from now)", "Duration: 2 hours")]
    [InlineData("en", "2026-04-03T20:00:00-03:00", "When: Sunday 5 April 2026, 10:00 (2 days from now)", "Duration: 2 hours")]
    [InlineData("pl", "2026-04-04T20:00:00-03:00", "Termin: niedziela, 5 kwietnia 2026, godz. 10:00 (za 15 godzin)", "Czas trwania: 2 godziny")]
    [InlineData("pl", "2026-04-03T20:00:00-03:00", "Termin: niedziela, 5 kwietnia 2026, godz. 10:00 (za 2 dni)", "Czas trwania: 2 godziny")]
    [InlineData("es", "2026-04-04T20:00:00-03:00", "Fecha y hora: domingo, 5 de abril de 2026, a las 10:00 (en 15 horas)", "Duración: 2 horas")]
    [InlineData("es", "2026-04-03T20:00:00-03:00", "Fecha y hora: domingo, 5 de abril de 2026, a las 10:00 (en 2 días)", "Duración: 2 horas")]
    [InlineData("fr", "2026-04-04T20:00:00-03:00", "Date et heure : dimanche 5 avril 2026 à 10:00 (dans 15 heures)", "Durée : 2 heures")]
    [InlineData("fr", "2026-04-03T20:00:00-03:00", "Date et heure : dimanche 5 avril 2026 à 10:00 (après-demain)", "Durée : 2 heures")]
    [InlineData("lt", "2026-04-04T20:00:00-03:00", "Laikas: 2026 m. balandžio 5 d., sekmadienis, 10:00 (po 15 valandų)", "Trukmė: 2 valandos")]
    [InlineData("lt", "2026-04-03T20:00:00-03:00", "Laikas: 2026 m. balandžio 5 d., sekmadienis, 10:00 (po 2 dienų)", "Trukmė: 2 valandos")]
    public void Booking_over_the_Santiago_fall_back_night(string language, string now, string when, string duration)
    {
        var message = MessageComposer.ClientBooked(language, Appointment(Santiago, "2026-04-05T10:00:00-04:00", 120), "Ewa", At(now));

        Assert.Contains(when, Lines(message.Body));
        Assert.Contains(duration, Lines(message.Body));
    }

    [Theory]
    [InlineData("en", "Happy birthday, Ewa!", "Hello Ewa,\n\nEveryone at Salon Aurora wishes you a very happy birthday!\n\nSalon Aurora\n",
        "Salon Aurora: happy birthday, Ewa! Best wishes from all of us.")]
    [InlineData("pl", "Ewa, wszystkiego najlepszego z okazji urodzin!", "Dzień dobry,\n\nz okazji urodzin życzymy wszystkiego najlepszego!\n\nSalon Aurora\n",
        "Salon Aurora: Ewa, wszystkiego najlepszego z okazji urodzin!")]
    [InlineData("es", "¡Feliz cumpleaños, Ewa!", "Hola, Ewa:\n\n¡Todo el equipo de Salon Aurora te desea un muy feliz cumpleaños!\n\nSalon Aurora\n",
        "Salon Aurora: ¡feliz cumpleaños, Ewa!")]
    [InlineData("fr", "Joyeux anniversaire, Ewa !", "Bonjour Ewa,\n\nToute l'équipe de Salon Aurora vous souhaite un joyeux anniversaire !\n\nSalon Aurora\n",
        "Salon Aurora : joyeux anniversaire, Ewa !")]
    [InlineData("lt", "Sveikiname su gimtadieniu!",
        "Laba diena,\n\nSalon Aurora komanda sveikina jus su gimtadieniu ir linki visko, kas geriausia!\n\nSalon Aurora\n",
        "Salon Aurora: sveikiname su gimtadieniu!")]
    public void Birthday_greeting(string language, string subject, string body, string sms)
    {
        var message = MessageComposer.Birthday(language, "Ewa", "Salon Aurora");

        Assert.Equal(subject, message.Subject);
        Assert.Equal(body, message.Body);
        Assert.Equal(sms, message.Sms);
    }

    [Fact]
    public void Spanish_says_a_la_una()
    {
        Assert.Equal("domingo, 29 de marzo de 2026, a la 01:00", MessageComposer.LocalDateTime("es", Warsaw, At("2026-03-29T01:00:00+01:00")));
        Assert.Equal("domingo, 29 de marzo de 2026, a las 13:00", MessageComposer.LocalDateTime("es", Warsaw, At("2026-03-29T13:00:00+02:00")));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("de")]
    [InlineData("")]
    public void A_language_messages_are_not_written_in_falls_back_to_English(string? language)
    {
        var message = MessageComposer.ClientBooked(
            language!, Appointment(Warsaw, "2026-03-29T10:30:00+02:00", 90), "Ewa", At("2026-03-29T01:30:00+01:00"));

        Assert.Equal("Appointment booked: Sunday 29 March 2026, 10:30", message.Subject);
    }

    [Fact]
    public void Regional_language_codes_use_their_language() =>
        Assert.Equal("niedziela, 29 marca 2026, godz. 10:30", MessageComposer.LocalDateTime("pl-PL", Warsaw, At("2026-03-29T10:30:00+02:00")));

    [Fact]
    public void Names_cannot_break_a_subject_or_a_text_message_into_lines()
    {
        var appointment = Appointment(Warsaw, "2026-03-29T10:30:00+02:00", 60) with { BusinessName = "Salon\r\nBcc: x@example.com" };
        var message = MessageComposer.ClientBooked("en", appointment, "Ewa", At("2026-03-28T10:30:00+01:00"));

        Assert.DoesNotContain('\n', message.Subject);
        Assert.DoesNotContain('\r', message.Subject);
        Assert.DoesNotContain('\n', message.Sms);
    }

    [Fact]
    public void A_reminder_for_an_appointment_that_has_begun_has_no_relative_time()
    {
        var message = MessageComposer.ClientReminder("en", Appointment(Warsaw, "2026-03-29T10:30:00+02:00", 60), "Ewa", At("2026-03-29T10:45:00+02:00"));

        Assert.Contains("This is a reminder of your appointment at Salon Aurora.", Lines(message.Body));
        Assert.Equal("Salon Aurora, Centre: reminder of your appointment: 29/03/2026, 10:30.", message.Sms);
    }
}
