using System.Globalization;
using System.Text;
using NodaTime;
using Realtime.Grains.Domain.Schedules;

namespace Realtime.Grains.Domain.Notifications;

/// <summary>What a message says about an appointment: all times are instants, shown in <see cref="TimeZone"/>.</summary>
public sealed record AppointmentFacts(
    string TimeZone,
    DateTimeOffset Start,
    int DurationMinutes,
    string BusinessName,
    string LocationName,
    string? LocationAddress,
    string[] ResourceNames,
    string[] ServiceNames);

/// <summary>A message ready to queue: the e-mail's subject and body, and the text message.</summary>
public sealed record ComposedMessage(string Subject, string Body, string Sms);

/// <summary>
/// Writes every message in the recipient's language (<see cref="MessageLanguages"/>): dates and times of day in the
/// location's time zone, formatted for that language; durations and relative times in words by Humanizer
/// (<see cref="HumanizedTime"/>). A time of day that a location's clock shows twice (the hour repeated when clocks go
/// back) carries its UTC offset ("02:30 UTC+01:00"). Pure: the same input always gives the same text.
/// </summary>
public static class MessageComposer
{
    /// <param name="manageUrl">The appointment's manage link for the e-mail (<c>ClientLinks.ManageUrl</c>); null for none.</param>
    public static ComposedMessage ClientBooked(
        string language, AppointmentFacts appointment, string? firstName, DateTimeOffset now, string? manageUrl = null)
    {
        var w = new Writer(language, appointment, now);
        var body = w.ClientBody(
            firstName, w.Format(w.Texts.BookedIntro), includeRelative: true, previousStart: null, personalMessage: null, advice: null, manageUrl);
        return new(w.Subject(w.Texts.BookedSubject), body, w.Sms(w.Texts.BookedSms));
    }

    /// <param name="manageUrl">The appointment's manage link for the e-mail (<c>ClientLinks.ManageUrl</c>); null for none.</param>
    public static ComposedMessage ClientRescheduled(
        string language, AppointmentFacts appointment, string? firstName, DateTimeOffset? previousStart, DateTimeOffset now,
        string? manageUrl = null)
    {
        var w = new Writer(language, appointment, now);
        var body = w.ClientBody(
            firstName, w.Format(w.Texts.RescheduledIntro), includeRelative: true, previousStart, personalMessage: null, advice: null, manageUrl);
        return new(w.Subject(w.Texts.RescheduledSubject), body, w.Sms(w.Texts.RescheduledSms));
    }

    /// <summary>
    /// With the business's personal message to the client, when one was written (seed 002). When staff booked the next
    /// visit with the cancellation (<paramref name="nextVisitStart"/>, seed 000), the message names its time instead of
    /// advising the client to get in touch for a new one.
    /// </summary>
    public static ComposedMessage ClientCancelled(
        string language, AppointmentFacts appointment, string? firstName, string? personalMessage, DateTimeOffset now,
        DateTimeOffset? nextVisitStart = null)
    {
        var w = new Writer(language, appointment, now);
        var advice = nextVisitStart is { } next ? string.Format(w.Culture, w.Texts.CancelledNextVisit, w.WhenOf(next)) : w.Texts.CancelledAdvice;
        var body = w.ClientBody(
            firstName, w.Format(w.Texts.CancelledIntro), includeRelative: false, previousStart: null, personalMessage, advice);
        var sms = w.Sms(w.Texts.CancelledSms);
        if (nextVisitStart is { } nextStart) sms += " " + w.SmsNextVisit(nextStart);
        if (Clean(personalMessage) is { } message) sms += " " + w.Quote(ForSms(message));
        return new(w.Subject(w.Texts.CancelledSubject), body, sms);
    }

    /// <summary>
    /// The most of a staff member's personal message a text message carries: one SMS part's worth. With the rest of a
    /// cancellation's text (about 150 characters with a next visit) it stays within three concatenated parts of plain text
    /// (153 characters each), however long the message; the e-mail carries it whole.
    /// </summary>
    public const int SmsMessageMaxLength = 160;

    /// <summary>The message on one line, cut at a word with an ellipsis past <see cref="SmsMessageMaxLength"/>.</summary>
    internal static string ForSms(string message)
    {
        var line = OneLine(message);
        if (line.Length <= SmsMessageMaxLength) return line;
        var cut = line[..(SmsMessageMaxLength - 1)];
        if (char.IsHighSurrogate(cut[^1])) cut = cut[..^1];
        var lastSpace = cut.LastIndexOf(' ');
        return (lastSpace > SmsMessageMaxLength / 2 ? cut[..lastSpace] : cut).TrimEnd() + "…";
    }

    /// <param name="manageUrl">The appointment's manage link for the e-mail (<c>ClientLinks.ManageUrl</c>); null for none.</param>
    /// <param name="attendanceConfirmed">Whether the client's attendance is confirmed already; if not, the link is offered to confirm it (seed 001).</param>
    public static ComposedMessage ClientReminder(
        string language, AppointmentFacts appointment, string? firstName, DateTimeOffset now, string? manageUrl = null,
        bool attendanceConfirmed = false)
    {
        var w = new Writer(language, appointment, now);
        var intro = w.Relative is { } relative ? w.Format(w.Texts.ReminderIntro, relative) : w.Format(w.Texts.ReminderIntroNow);
        var body = w.ClientBody(
            firstName, intro, includeRelative: false, previousStart: null, personalMessage: null, advice: null, manageUrl, askToConfirm: !attendanceConfirmed);
        return new(w.Subject(w.Texts.ReminderSubject), body, w.Sms(w.Texts.ReminderSms));
    }

    /// <summary>
    /// Who a text message says it is from, as its first words: the business and the location, since a chain's client may
    /// visit several of its salons and the message must say which one; a location named after the business ("Salon
    /// Aurora Mokotów") is named alone, and either is used alone when the other is missing.
    /// </summary>
    public static string SmsSender(string? businessName, string? locationName)
    {
        var business = Clean(businessName);
        var location = Clean(locationName);
        if (location is null) return business ?? "";
        if (business is null || location.Contains(business, StringComparison.OrdinalIgnoreCase)) return location;
        return $"{business}, {location}";
    }

    /// <summary>To the business's staff (the resource), when staff cancel and ask for the resource to be told (seed 002).</summary>
    public static ComposedMessage StaffCancelled(
        string language, AppointmentFacts appointment, string? clientName, string? personalMessage, DateTimeOffset now)
    {
        var w = new Writer(language, appointment, now);
        var client = Clean(clientName) ?? w.Texts.NoClient;
        var subject = w.Subject(w.Texts.StaffCancelledSubject, client);
        return new(subject, w.StaffBody(w.Texts.StaffCancelledIntro, client, previousStart: null, personalMessage), subject);
    }

    /// <summary>To the business's staff (the resource), when a client booked, moved, cancelled or confirmed by themselves (seeds 002, 004).</summary>
    public static ComposedMessage StaffClientChange(
        string language, ClientChangeKind change, AppointmentFacts appointment, string? clientName, DateTimeOffset? previousStart,
        string? personalMessage, DateTimeOffset now)
    {
        var w = new Writer(language, appointment, now);
        var client = Clean(clientName) ?? w.Texts.NoClient;
        var (subjectText, intro) = w.Texts.ClientChanges[change];
        var subject = w.Subject(subjectText, client);
        var previous = change == ClientChangeKind.Rescheduled ? previousStart : null;
        var message = change is ClientChangeKind.Cancelled or ClientChangeKind.LeftClass ? personalMessage : null;
        return new(subject, w.StaffBody(intro, client, previous, message), subject);
    }

    /// <summary>A birthday greeting from the business (seed 004).</summary>
    public static ComposedMessage Birthday(string language, string firstName, string businessName)
    {
        var texts = MessageTexts.For(language);
        var culture = MessageLanguages.Culture(language);
        var name = Clean(firstName) ?? "";
        var business = Clean(businessName) ?? "";
        var body = string.Format(culture, texts.BirthdayBody, name, business) + "\n\n" + business + "\n";
        return new(
            OneLine(string.Format(culture, texts.BirthdaySubject, name, business)),
            body,
            OneLine(string.Format(culture, texts.BirthdaySms, name, business)));
    }

    /// <summary>
    /// A sign-in link the client asked for (e-mail only): the link on a line of its own and how long it works, in words.
    /// With <paramref name="sharedAddressName"/> (the client's full name, when several clients share the address), the
    /// subject and a line under the link say whose link it is, as the greeting does not in every language.
    /// </summary>
    public static ComposedMessage SignInLink(
        string language, string? firstName, string businessName, string url, TimeSpan validity, string? sharedAddressName = null)
    {
        var texts = MessageTexts.For(language);
        var links = ClientLinkTexts.For(language);
        var culture = MessageLanguages.Culture(language);
        var business = Clean(businessName) ?? "";
        var whose = Clean(sharedAddressName);
        var body = new StringBuilder()
            .Append(texts.Greeting(Clean(firstName))).Append("\n\n")
            .Append(string.Format(culture, links.SignInIntro, business)).Append('\n')
            .Append(url).Append("\n\n");
        if (whose is not null) body.Append(string.Format(culture, links.SignInFor, whose)).Append('\n');
        body.Append(string.Format(culture, links.SignInValidity, HumanizedTime.Duration(validity, culture))).Append('\n')
            .Append(links.SignInIgnore).Append("\n\n")
            .Append(business).Append('\n');
        var subject = OneLine(string.Format(culture, links.SignInSubject, business) + (whose is null ? "" : $" ({whose})"));
        return new(subject, body.ToString(), "");
    }

    /// <summary>The local date and time of day of <paramref name="instant"/> in the zone, as the language writes it.</summary>
    public static string LocalDateTime(string language, string timeZone, DateTimeOffset instant)
    {
        var texts = MessageTexts.For(language);
        var culture = MessageLanguages.Culture(language);
        var (date, at) = DateAndTime(texts, culture, ZoneOf(timeZone), instant, texts.LongDatePattern);
        return texts.When(date, at);
    }

    private static (string Date, string AtTime) DateAndTime(
        MessageTexts texts, CultureInfo culture, DateTimeZone zone, DateTimeOffset instant, string datePattern)
    {
        var zoned = Instant.FromDateTimeOffset(instant).InZone(zone);
        var local = zoned.LocalDateTime.ToDateTimeUnspecified();
        var time = local.ToString("HH:mm", CultureInfo.InvariantCulture);
        // The hour repeated when clocks go back happens twice: say which one.
        if (zone.MapLocal(zoned.LocalDateTime).Count > 1) time += $" UTC{zoned.Offset.ToString("+HH:mm", CultureInfo.InvariantCulture)}";
        return (local.ToString(datePattern, culture), texts.AtTime(time, zoned.Hour));
    }

    private static DateTimeZone ZoneOf(string timeZone) => TimeZones.IsKnown(timeZone) ? TimeZones.Get(timeZone) : DateTimeZone.Utc;

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    /// <summary>Subjects and text messages are one line: no line breaks or other control characters from names.</summary>
    internal static string OneLine(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text) builder.Append(char.IsControl(c) ? ' ' : c);
        return builder.ToString().Trim();
    }

    private sealed class Writer
    {
        private readonly AppointmentFacts appointment;

        public Writer(string language, AppointmentFacts appointment, DateTimeOffset now)
        {
            this.appointment = appointment;
            Texts = MessageTexts.For(language);
            Culture = MessageLanguages.Culture(language);
            Zone = ZoneOf(appointment.TimeZone);
            (Date, AtTime) = DateAndTime(Texts, Culture, Zone, appointment.Start, Texts.LongDatePattern);
            (ShortDate, _) = DateAndTime(Texts, Culture, Zone, appointment.Start, Texts.ShortDatePattern);
            When = Texts.When(Date, AtTime);
            Relative = HumanizedTime.Relative(appointment.Start, now, Zone, Culture);
            Duration = HumanizedTime.Duration(TimeSpan.FromMinutes(appointment.DurationMinutes), Culture);
        }

        public MessageTexts Texts { get; }
        public CultureInfo Culture { get; }
        public DateTimeZone Zone { get; }
        public string Date { get; }
        public string ShortDate { get; }
        public string AtTime { get; }
        public string When { get; }
        public string? Relative { get; }
        public string Duration { get; }

        private string Business => Clean(appointment.BusinessName) ?? "";

        public string Format(string template, string? relative = null) =>
            string.Format(Culture, template, Business, relative ?? "");

        public string Subject(string template) => OneLine(string.Format(Culture, template, Business, When));

        public string Subject(string template, string client) => OneLine(string.Format(Culture, template, client, When));

        public string Sms(string template)
        {
            if (Relative is null) template = template.Replace(" ({3})", "").Replace(" {3}", "");
            return OneLine(string.Format(Culture, template, SmsSender(appointment.BusinessName, appointment.LocationName), ShortDate, AtTime, Relative ?? ""));
        }

        /// <summary>The date/time phrase of another instant, as <see cref="When"/> is of the appointment's start.</summary>
        public string WhenOf(DateTimeOffset instant)
        {
            var (date, at) = DateAndTime(Texts, Culture, Zone, instant, Texts.LongDatePattern);
            return Texts.When(date, at);
        }

        public string SmsNextVisit(DateTimeOffset start)
        {
            var (date, at) = DateAndTime(Texts, Culture, Zone, start, Texts.ShortDatePattern);
            return OneLine(string.Format(Culture, Texts.CancelledNextVisitSms, date, at));
        }

        public string Quote(string text) => Texts.Quotes.Open + text + Texts.Quotes.Close;

        public string ClientBody(
            string? firstName, string intro, bool includeRelative, DateTimeOffset? previousStart, string? personalMessage, string? advice,
            string? manageUrl = null, bool askToConfirm = false)
        {
            var body = new StringBuilder();
            body.Append(Texts.Greeting(Clean(firstName))).Append("\n\n").Append(intro).Append("\n\n");
            AppendDetails(body, client: null, includeRelative, previousStart, personalMessage);
            body.Append('\n');
            if (manageUrl is not null)
            {
                var links = ClientLinkTexts.For(Texts.Language);
                body.Append(askToConfirm ? links.ConfirmIntro : links.ManageIntro).Append('\n').Append(manageUrl).Append("\n\n");
            }

            if (advice is not null) body.Append(advice).Append("\n\n");
            body.Append(Texts.Closing).Append('\n').Append(Business).Append('\n');
            return body.ToString();
        }

        public string StaffBody(string intro, string client, DateTimeOffset? previousStart, string? personalMessage)
        {
            var body = new StringBuilder();
            body.Append(intro).Append("\n\n");
            AppendDetails(body, client, includeRelative: false, previousStart, personalMessage);
            return body.ToString();
        }

        private void AppendDetails(
            StringBuilder body, string? client, bool includeRelative, DateTimeOffset? previousStart, string? personalMessage)
        {
            if (client is not null) Line(body, Texts.ClientLabel, client);
            Line(body, Texts.WhenLabel, includeRelative && Relative is not null ? $"{When} ({Relative})" : When);
            if (previousStart is { } previous && previous != appointment.Start) Line(body, Texts.PreviouslyLabel, WhenOf(previous));

            Line(body, Texts.DurationLabel, Duration);
            if (Names(appointment.ResourceNames) is { } resources) Line(body, Texts.WithLabel, resources);
            if (Names(appointment.ServiceNames) is { } services) Line(body, Texts.ServicesLabel, services);
            var place = Clean(appointment.LocationAddress) is { } address ? $"{appointment.LocationName}, {address}" : appointment.LocationName;
            if (Clean(place) is { } where) Line(body, Texts.PlaceLabel, where);
            if (Clean(personalMessage) is { } message) Line(body, Texts.MessageLabel, Quote(message));
        }

        private void Line(StringBuilder body, string label, string value) =>
            body.Append(label).Append(Texts.LabelSeparator).Append(value).Append('\n');

        private static string? Names(string[] names) =>
            names.Select(Clean).OfType<string>().ToArray() is { Length: > 0 } clean ? string.Join(", ", clean) : null;
    }
}
