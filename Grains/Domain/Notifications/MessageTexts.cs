namespace Realtime.Grains.Domain.Notifications;

/// <summary>What changed, in a message to staff about a client's own change (seeds 002, 004).</summary>
public enum ClientChangeKind { Booked, Rescheduled, Cancelled, Confirmed, JoinedClass, LeftClass }

/// <summary>
/// The words of every message in one language. Sentences avoid inflecting names (Polish and Lithuanian would need the
/// vocative or other cases of a name, which cannot be derived reliably), so greetings there carry no name and staff
/// messages name the client on a line of its own.
/// </summary>
internal sealed record MessageTexts
{
    public required string Language { get; init; }

    /// <summary>A custom .NET date pattern: day and month names come from the culture, the order from here.</summary>
    public required string LongDatePattern { get; init; }

    public required string ShortDatePattern { get; init; }

    /// <summary>A time of day as a sentence uses it ("godz. 10:30", "a las 10:30", "à 10:30"); given the hour, for
    /// languages whose words agree with it ("a la 01:00").</summary>
    public required Func<string, int, string> AtTime { get; init; }

    /// <summary>A date and a time of day (as <see cref="AtTime"/> puts it) in one phrase.</summary>
    public required Func<string, string, string> When { get; init; }

    /// <summary>Between a label and its value: ": " (" : " in French).</summary>
    public string LabelSeparator { get; init; } = ": ";

    public required Func<string?, string> Greeting { get; init; }
    public required string Closing { get; init; }
    public required (string Open, string Close) Quotes { get; init; }

    public required string WhenLabel { get; init; }
    public required string DurationLabel { get; init; }
    public required string WithLabel { get; init; }
    public required string ServicesLabel { get; init; }
    public required string PlaceLabel { get; init; }
    public required string PreviouslyLabel { get; init; }
    public required string MessageLabel { get; init; }
    public required string ClientLabel { get; init; }

    // Client messages: {0} is the business; {1} the date/time phrase ("Sunday 29 March 2026, 10:30").
    public required string BookedSubject { get; init; }
    public required string BookedIntro { get; init; }
    public required string RescheduledSubject { get; init; }
    public required string RescheduledIntro { get; init; }
    public required string CancelledSubject { get; init; }
    public required string CancelledIntro { get; init; }
    public required string CancelledAdvice { get; init; }

    /// <summary>In place of <see cref="CancelledAdvice"/> when a follow-up was booked with the cancellation: {0} its date/time phrase.</summary>
    public required string CancelledNextVisit { get; init; }
    public required string ReminderSubject { get; init; }

    /// <summary>{0} the business, {1} the relative time ("in 3 hours", "tomorrow").</summary>
    public required string ReminderIntro { get; init; }

    /// <summary>Without a relative time (the appointment has begun).</summary>
    public required string ReminderIntroNow { get; init; }

    // Text messages: {0} who sends them (MessageComposer.SmsSender), {1} short date, {2} time of day as AtTime puts it, {3} relative time.
    public required string BookedSms { get; init; }
    public required string RescheduledSms { get; init; }
    public required string CancelledSms { get; init; }

    /// <summary>Added to <see cref="CancelledSms"/> when a follow-up was booked: {0} its short date, {1} its time of day.</summary>
    public required string CancelledNextVisitSms { get; init; }
    public required string ReminderSms { get; init; }

    // Staff messages: {0} client name, {1} date/time phrase.
    public required string StaffCancelledSubject { get; init; }
    public required string StaffCancelledIntro { get; init; }
    public required IReadOnlyDictionary<ClientChangeKind, (string Subject, string Intro)> ClientChanges { get; init; }

    /// <summary>Used where a staff message has no client (a cancelled break).</summary>
    public required string NoClient { get; init; }

    // Birthday: {0} first name, {1} business.
    public required string BirthdaySubject { get; init; }
    public required string BirthdayBody { get; init; }
    public required string BirthdaySms { get; init; }

    public static MessageTexts For(string language) => MessageLanguages.Normalize(language) switch
    {
        MessageLanguages.Polish => Polish,
        MessageLanguages.Spanish => Spanish,
        MessageLanguages.French => French,
        MessageLanguages.Lithuanian => Lithuanian,
        _ => English,
    };

    public static readonly MessageTexts English = new()
    {
        Language = MessageLanguages.English,
        LongDatePattern = "dddd d MMMM yyyy",
        ShortDatePattern = "dd/MM/yyyy",
        AtTime = (time, _) => time,
        When = (date, at) => $"{date}, {at}",
        Greeting = name => name is null ? "Hello," : $"Hello {name},",
        Closing = "See you soon!",
        Quotes = ("“", "”"),
        WhenLabel = "When",
        DurationLabel = "Duration",
        WithLabel = "With",
        ServicesLabel = "Services",
        PlaceLabel = "Where",
        PreviouslyLabel = "Previously",
        MessageLabel = "Message",
        ClientLabel = "Client",
        BookedSubject = "Appointment booked: {1}",
        BookedIntro = "Your appointment at {0} is booked.",
        RescheduledSubject = "Appointment moved: {1}",
        RescheduledIntro = "Your appointment at {0} has been moved to a new time.",
        CancelledSubject = "Appointment cancelled: {1}",
        CancelledIntro = "Your appointment at {0} has been cancelled.",
        CancelledAdvice = "To book a new time, please contact us.",
        CancelledNextVisit = "Your next visit is booked for {0}.",
        ReminderSubject = "Reminder: {1}",
        ReminderIntro = "This is a reminder of your appointment at {0} {1}.",
        ReminderIntroNow = "This is a reminder of your appointment at {0}.",
        BookedSms = "{0}: your appointment is booked for {1}, {2} ({3}).",
        RescheduledSms = "{0}: your appointment has been moved to {1}, {2} ({3}).",
        CancelledSms = "{0}: your appointment on {1}, {2} has been cancelled.",
        CancelledNextVisitSms = "Next visit: {0}, {1}.",
        ReminderSms = "{0}: reminder of your appointment {3}: {1}, {2}.",
        StaffCancelledSubject = "Cancelled: {0}, {1}",
        StaffCancelledIntro = "An appointment has been cancelled.",
        ClientChanges = new Dictionary<ClientChangeKind, (string, string)>
        {
            [ClientChangeKind.Booked] = ("Booked by the client: {0}, {1}", "The client has booked an appointment."),
            [ClientChangeKind.Rescheduled] = ("Moved by the client: {0}, {1}", "The client has moved their appointment."),
            [ClientChangeKind.Cancelled] = ("Cancelled by the client: {0}, {1}", "The client has cancelled their appointment."),
            [ClientChangeKind.Confirmed] = ("Confirmed by the client: {0}, {1}", "The client has confirmed their attendance."),
            [ClientChangeKind.JoinedClass] = ("Joined the class: {0}, {1}", "The client has taken a seat in the class."),
            [ClientChangeKind.LeftClass] = ("Left the class: {0}, {1}", "The client has left the class; it goes on for the others."),
        },
        NoClient = "no client",
        BirthdaySubject = "Happy birthday, {0}!",
        BirthdayBody = "Hello {0},\n\nEveryone at {1} wishes you a very happy birthday!",
        BirthdaySms = "{1}: happy birthday, {0}! Best wishes from all of us.",
    };

    public static readonly MessageTexts Polish = new()
    {
        Language = MessageLanguages.Polish,
        LongDatePattern = "dddd, d MMMM yyyy",
        ShortDatePattern = "dd.MM.yyyy",
        AtTime = (time, _) => $"godz. {time}",
        When = (date, at) => $"{date}, {at}",
        Greeting = _ => "Dzień dobry,",
        Closing = "Do zobaczenia!",
        Quotes = ("„", "”"),
        WhenLabel = "Termin",
        DurationLabel = "Czas trwania",
        WithLabel = "Obsługa",
        ServicesLabel = "Usługi",
        PlaceLabel = "Miejsce",
        PreviouslyLabel = "Poprzedni termin",
        MessageLabel = "Wiadomość",
        ClientLabel = "Klient",
        BookedSubject = "Wizyta zarezerwowana: {1}",
        BookedIntro = "Twoja wizyta została zarezerwowana.",
        RescheduledSubject = "Zmiana terminu wizyty: {1}",
        RescheduledIntro = "Termin Twojej wizyty został zmieniony.",
        CancelledSubject = "Wizyta odwołana: {1}",
        CancelledIntro = "Twoja wizyta została odwołana.",
        CancelledAdvice = "Aby umówić nowy termin, skontaktuj się z nami.",
        CancelledNextVisit = "Następna wizyta została zarezerwowana: {0}.",
        ReminderSubject = "Przypomnienie o wizycie: {1}",
        ReminderIntro = "Przypominamy o Twojej wizycie ({1}).",
        ReminderIntroNow = "Przypominamy o Twojej wizycie.",
        BookedSms = "{0}: wizyta zarezerwowana na {1}, {2} ({3}).",
        RescheduledSms = "{0}: termin wizyty zmieniony na {1}, {2} ({3}).",
        CancelledSms = "{0}: wizyta {1}, {2} została odwołana.",
        CancelledNextVisitSms = "Następna wizyta: {0}, {1}.",
        ReminderSms = "{0}: przypominamy o wizycie {3}: {1}, {2}.",
        StaffCancelledSubject = "Wizyta odwołana: {0}, {1}",
        StaffCancelledIntro = "Wizyta została odwołana.",
        ClientChanges = new Dictionary<ClientChangeKind, (string, string)>
        {
            [ClientChangeKind.Booked] = ("Rezerwacja przez klienta: {0}, {1}", "Wizyta została zarezerwowana przez klienta."),
            [ClientChangeKind.Rescheduled] = ("Zmiana terminu przez klienta: {0}, {1}", "Termin wizyty został zmieniony przez klienta."),
            [ClientChangeKind.Cancelled] = ("Odwołanie przez klienta: {0}, {1}", "Wizyta została odwołana przez klienta."),
            [ClientChangeKind.Confirmed] = ("Potwierdzenie przez klienta: {0}, {1}", "Obecność została potwierdzona przez klienta."),
            [ClientChangeKind.JoinedClass] = ("Zapis na zajęcia: {0}, {1}", "Klient zapisał się na zajęcia."),
            [ClientChangeKind.LeftClass] = ("Rezygnacja z zajęć: {0}, {1}", "Klient zrezygnował z zajęć; pozostali uczestnicy biorą w nich udział."),
        },
        NoClient = "brak klienta",
        BirthdaySubject = "{0}, wszystkiego najlepszego z okazji urodzin!",
        BirthdayBody = "Dzień dobry,\n\nz okazji urodzin życzymy wszystkiego najlepszego!",
        BirthdaySms = "{1}: {0}, wszystkiego najlepszego z okazji urodzin!",
    };

    public static readonly MessageTexts Spanish = new()
    {
        Language = MessageLanguages.Spanish,
        LongDatePattern = "dddd, d 'de' MMMM 'de' yyyy",
        ShortDatePattern = "dd/MM/yyyy",
        // "a la una", "a las dos", "a las trece": the article agrees with the hour.
        AtTime = (time, hour) => hour == 1 ? $"a la {time}" : $"a las {time}",
        When = (date, at) => $"{date}, {at}",
        Greeting = name => name is null ? "Hola:" : $"Hola, {name}:",
        Closing = "¡Hasta pronto!",
        Quotes = ("«", "»"),
        WhenLabel = "Fecha y hora",
        DurationLabel = "Duración",
        WithLabel = "Con",
        ServicesLabel = "Servicios",
        PlaceLabel = "Lugar",
        PreviouslyLabel = "Hora anterior",
        MessageLabel = "Mensaje",
        ClientLabel = "Cliente",
        BookedSubject = "Cita reservada: {1}",
        BookedIntro = "Tu cita en {0} está reservada.",
        RescheduledSubject = "Cita cambiada: {1}",
        RescheduledIntro = "Tu cita en {0} ha cambiado de hora.",
        CancelledSubject = "Cita anulada: {1}",
        CancelledIntro = "Tu cita en {0} ha sido anulada.",
        CancelledAdvice = "Para reservar otra hora, contáctanos.",
        CancelledNextVisit = "Tu próxima cita está reservada para el {0}.",
        ReminderSubject = "Recordatorio de tu cita: {1}",
        ReminderIntro = "Te recordamos tu cita en {0} ({1}).",
        ReminderIntroNow = "Te recordamos tu cita en {0}.",
        BookedSms = "{0}: tu cita está reservada para el {1} {2} ({3}).",
        RescheduledSms = "{0}: tu cita se ha cambiado al {1} {2} ({3}).",
        CancelledSms = "{0}: tu cita del {1} {2} ha sido anulada.",
        CancelledNextVisitSms = "Próxima cita: el {0} {1}.",
        ReminderSms = "{0}: te recordamos tu cita {3}: {1} {2}.",
        StaffCancelledSubject = "Cita anulada: {0}, {1}",
        StaffCancelledIntro = "Se ha anulado una cita.",
        ClientChanges = new Dictionary<ClientChangeKind, (string, string)>
        {
            [ClientChangeKind.Booked] = ("Reserva del cliente: {0}, {1}", "El cliente ha reservado una cita."),
            [ClientChangeKind.Rescheduled] = ("Cambio de hora del cliente: {0}, {1}", "El cliente ha cambiado la hora de su cita."),
            [ClientChangeKind.Cancelled] = ("Anulación del cliente: {0}, {1}", "El cliente ha anulado su cita."),
            [ClientChangeKind.Confirmed] = ("Confirmación del cliente: {0}, {1}", "El cliente ha confirmado su asistencia."),
            [ClientChangeKind.JoinedClass] = ("Inscripción en la clase: {0}, {1}", "El cliente se ha inscrito en la clase."),
            [ClientChangeKind.LeftClass] = ("Baja de la clase: {0}, {1}", "El cliente ha dejado la clase; sigue para los demás."),
        },
        NoClient = "sin cliente",
        BirthdaySubject = "¡Feliz cumpleaños, {0}!",
        BirthdayBody = "Hola, {0}:\n\n¡Todo el equipo de {1} te desea un muy feliz cumpleaños!",
        BirthdaySms = "{1}: ¡feliz cumpleaños, {0}!",
    };

    public static readonly MessageTexts French = new()
    {
        Language = MessageLanguages.French,
        LongDatePattern = "dddd d MMMM yyyy",
        ShortDatePattern = "dd/MM/yyyy",
        AtTime = (time, _) => $"à {time}",
        When = (date, at) => $"{date} {at}",
        LabelSeparator = " : ",
        Greeting = name => name is null ? "Bonjour," : $"Bonjour {name},",
        Closing = "À bientôt !",
        Quotes = ("« ", " »"),
        WhenLabel = "Date et heure",
        DurationLabel = "Durée",
        WithLabel = "Avec",
        ServicesLabel = "Prestations",
        PlaceLabel = "Lieu",
        PreviouslyLabel = "Ancien horaire",
        MessageLabel = "Message",
        ClientLabel = "Client",
        BookedSubject = "Rendez-vous réservé : {1}",
        BookedIntro = "Votre rendez-vous chez {0} est réservé.",
        RescheduledSubject = "Rendez-vous déplacé : {1}",
        RescheduledIntro = "Votre rendez-vous chez {0} a été déplacé.",
        CancelledSubject = "Rendez-vous annulé : {1}",
        CancelledIntro = "Votre rendez-vous chez {0} a été annulé.",
        CancelledAdvice = "Pour prendre un nouveau rendez-vous, contactez-nous.",
        CancelledNextVisit = "Votre prochain rendez-vous est réservé le {0}.",
        ReminderSubject = "Rappel de rendez-vous : {1}",
        ReminderIntro = "Nous vous rappelons votre rendez-vous chez {0} ({1}).",
        ReminderIntroNow = "Nous vous rappelons votre rendez-vous chez {0}.",
        BookedSms = "{0} : votre rendez-vous est réservé le {1} {2} ({3}).",
        RescheduledSms = "{0} : votre rendez-vous a été déplacé au {1} {2} ({3}).",
        CancelledSms = "{0} : votre rendez-vous du {1} {2} a été annulé.",
        CancelledNextVisitSms = "Prochain rendez-vous : le {0} {1}.",
        ReminderSms = "{0} : rappel de votre rendez-vous {3}, le {1} {2}.",
        StaffCancelledSubject = "Rendez-vous annulé : {0}, {1}",
        StaffCancelledIntro = "Un rendez-vous a été annulé.",
        ClientChanges = new Dictionary<ClientChangeKind, (string, string)>
        {
            [ClientChangeKind.Booked] = ("Réservation par le client : {0}, {1}", "Le client a réservé un rendez-vous."),
            [ClientChangeKind.Rescheduled] = ("Déplacement par le client : {0}, {1}", "Le client a déplacé son rendez-vous."),
            [ClientChangeKind.Cancelled] = ("Annulation par le client : {0}, {1}", "Le client a annulé son rendez-vous."),
            [ClientChangeKind.Confirmed] = ("Confirmation par le client : {0}, {1}", "Le client a confirmé sa présence."),
            [ClientChangeKind.JoinedClass] = ("Inscription au cours : {0}, {1}", "Le client s'est inscrit au cours."),
            [ClientChangeKind.LeftClass] = ("Désinscription du cours : {0}, {1}", "Le client a quitté le cours ; il a lieu pour les autres."),
        },
        NoClient = "sans client",
        BirthdaySubject = "Joyeux anniversaire, {0} !",
        BirthdayBody = "Bonjour {0},\n\nToute l'équipe de {1} vous souhaite un joyeux anniversaire !",
        BirthdaySms = "{1} : joyeux anniversaire, {0} !",
    };

    public static readonly MessageTexts Lithuanian = new()
    {
        Language = MessageLanguages.Lithuanian,
        LongDatePattern = "yyyy 'm.' MMMM d 'd.', dddd",
        ShortDatePattern = "yyyy-MM-dd",
        AtTime = (time, _) => time,
        When = (date, at) => $"{date}, {at}",
        Greeting = _ => "Laba diena,",
        Closing = "Iki pasimatymo!",
        Quotes = ("„", "“"),
        WhenLabel = "Laikas",
        DurationLabel = "Trukmė",
        WithLabel = "Aptarnauja",
        ServicesLabel = "Paslaugos",
        PlaceLabel = "Vieta",
        PreviouslyLabel = "Ankstesnis laikas",
        MessageLabel = "Žinutė",
        ClientLabel = "Klientas",
        BookedSubject = "Vizitas užregistruotas: {1}",
        BookedIntro = "Jūsų vizitas užregistruotas.",
        RescheduledSubject = "Vizito laikas pakeistas: {1}",
        RescheduledIntro = "Jūsų vizito laikas pakeistas.",
        CancelledSubject = "Vizitas atšauktas: {1}",
        CancelledIntro = "Jūsų vizitas atšauktas.",
        CancelledAdvice = "Norėdami užsiregistruoti kitu laiku, susisiekite su mumis.",
        CancelledNextVisit = "Kitas jūsų vizitas užregistruotas: {0}.",
        ReminderSubject = "Priminimas apie vizitą: {1}",
        ReminderIntro = "Primename apie jūsų vizitą ({1}).",
        ReminderIntroNow = "Primename apie jūsų vizitą.",
        BookedSms = "{0}: jūsų vizitas užregistruotas {1} {2} ({3}).",
        RescheduledSms = "{0}: naujas vizito laikas {1} {2} ({3}).",
        CancelledSms = "{0}: jūsų vizitas {1} {2} atšauktas.",
        CancelledNextVisitSms = "Kitas vizitas: {0} {1}.",
        ReminderSms = "{0}: primename apie vizitą {3}: {1} {2}.",
        StaffCancelledSubject = "Vizitas atšauktas: {0}, {1}",
        StaffCancelledIntro = "Vizitas atšauktas.",
        ClientChanges = new Dictionary<ClientChangeKind, (string, string)>
        {
            [ClientChangeKind.Booked] = ("Kliento registracija: {0}, {1}", "Klientas užsiregistravo vizitui."),
            [ClientChangeKind.Rescheduled] = ("Kliento pakeistas laikas: {0}, {1}", "Klientas pakeitė vizito laiką."),
            [ClientChangeKind.Cancelled] = ("Kliento atšauktas vizitas: {0}, {1}", "Klientas atšaukė vizitą."),
            [ClientChangeKind.Confirmed] = ("Kliento patvirtinimas: {0}, {1}", "Klientas patvirtino vizitą."),
            [ClientChangeKind.JoinedClass] = ("Užsiregistravo į užsiėmimą: {0}, {1}", "Klientas užsiregistravo į užsiėmimą."),
            [ClientChangeKind.LeftClass] = ("Atsisakė užsiėmimo: {0}, {1}", "Klientas atsisakė užsiėmimo; jis vyks kitiems."),
        },
        NoClient = "be kliento",
        BirthdaySubject = "Sveikiname su gimtadieniu!",
        BirthdayBody = "Laba diena,\n\n{1} komanda sveikina jus su gimtadieniu ir linki visko, kas geriausia!",
        BirthdaySms = "{1}: sveikiname su gimtadieniu!",
    };
}
