using System.Globalization;
using Realtime.Grains.Domain.Notifications;

namespace Realtime.Grains.Domain.Waitlist;

/// <summary>What a waitlist offer's message is about: the slot, where, and how long the offer stands.</summary>
public sealed record OfferFacts(string TimeZone, DateTimeOffset Start, string BusinessName, string LocationName, string ServiceName, TimeSpan Lifetime);

/// <summary>
/// The two waitlist messages, "a slot is free: accept within N minutes" and "the slot is gone", in the client's language
/// (<see cref="MessageLanguages"/>); the time as <see cref="MessageComposer.LocalDateTime"/> writes it and the lifetime
/// in words by Humanizer. Pure.
/// </summary>
public static class OfferMessages
{
    public const string OfferedKind = "slot_offered";
    public const string GoneKind = "slot_gone";

    // {0} first name, {1} business (in text messages, who sends them: MessageComposer.SmsSender), {2} service, {3} when,
    // {4} location, {5} lifetime in words.
    private sealed record Texts(
        string OfferedSubject, string OfferedBody, string OfferedSms, string GoneSubject, string GoneBody, string GoneSms, string AcceptHere);

    private static readonly Dictionary<string, Texts> ByLanguage = new()
    {
        [MessageLanguages.English] = new(
            "{1}: a slot is free on {3}",
            "Hello {0},\n\nA slot you were waiting for is free: {2} on {3} at {4}.\nAccept it within {5} to have it; the first to accept gets it.",
            "{1}: a slot is free for {2} on {3}. Accept within {5}.",
            "{1}: the slot on {3} is gone",
            "Hello {0},\n\nThe slot on {3} ({2}) has been taken or has expired. You stay on the waiting list.",
            "{1}: the slot on {3} is gone. You stay on the waiting list.",
            "Take it here: "),
        [MessageLanguages.Polish] = new(
            "{1}: zwolnił się termin {3}",
            // As every Polish message: "Dzień dobry," without the name (a name in the nominative reads wrongly) and "ty".
            "Dzień dobry,\n\nzwolnił się termin, na który czekasz: {2}, {3}, {4}.\nZaakceptuj go w ciągu {5}; termin otrzyma pierwsza osoba, która go przyjmie.",
            "{1}: zwolnił się termin na {2}, {3}. Zaakceptuj go w ciągu {5}.",
            "{1}: termin {3} jest już niedostępny",
            "Dzień dobry,\n\ntermin {3} ({2}) został już zajęty lub wygasł. Nadal jesteś na liście oczekujących.",
            "{1}: termin {3} jest już niedostępny. Nadal jesteś na liście oczekujących.",
            "Zaakceptuj tutaj: "),
        [MessageLanguages.Spanish] = new(
            "{1}: hay un hueco libre el {3}",
            "Hola, {0}:\n\nSe ha liberado un hueco que esperabas: {2}, el {3}, en {4}.\nAcéptalo en {5} para quedártelo; será para quien lo acepte primero.",
            "{1}: hay un hueco libre para {2} el {3}. Acéptalo en {5}.",
            "{1}: el hueco del {3} ya no está libre",
            "Hola, {0}:\n\nEl hueco del {3} ({2}) ya se ha ocupado o ha caducado. Sigues en la lista de espera.",
            "{1}: el hueco del {3} ya no está libre. Sigues en la lista de espera.",
            "Acéptalo aquí: "),
        [MessageLanguages.French] = new(
            "{1} : un créneau s'est libéré le {3}",
            "Bonjour {0},\n\nUn créneau que vous attendiez s'est libéré : {2}, le {3}, à {4}.\nAcceptez-le dans les {5} ; il revient à la première personne qui l'accepte.",
            "{1} : un créneau est libre pour {2} le {3}. Acceptez-le dans les {5}.",
            "{1} : le créneau du {3} n'est plus disponible",
            "Bonjour {0},\n\nLe créneau du {3} ({2}) a été pris ou a expiré. Vous restez sur la liste d'attente.",
            "{1} : le créneau du {3} n'est plus disponible. Vous restez sur la liste d'attente.",
            "Acceptez-le ici : "),
        [MessageLanguages.Lithuanian] = new(
            "{1}: atsilaisvino laikas {3}",
            "Laba diena,\n\nAtsilaisvino laikas, kurio laukėte: {2}, {3}, {4}.\nLaikas patvirtinti: {5}; laikas atiteks pirmajam patvirtinusiam.",
            "{1}: atsilaisvino laikas {2}, {3}. Laikas patvirtinti: {5}.",
            "{1}: laikas {3} jau užimtas",
            "Laba diena,\n\nLaikas {3} ({2}) jau užimtas arba nebegalioja. Jūs liekate laukiančiųjų sąraše.",
            "{1}: laikas {3} jau užimtas. Jūs liekate laukiančiųjų sąraše.",
            "Patvirtinkite čia: "),
    };

    /// <summary>The offer, with the link that signs the client in to take it (their page lists their open offers).</summary>
    public static ComposedMessage Offered(string language, OfferFacts offer, string firstName, string? acceptUrl)
    {
        var texts = TextsOf(language);
        return Compose(language, offer, firstName, texts.OfferedSubject, texts.OfferedBody, texts.OfferedSms, acceptUrl is null ? null : texts.AcceptHere + acceptUrl);
    }

    public static ComposedMessage Gone(string language, OfferFacts offer, string firstName)
    {
        var texts = TextsOf(language);
        return Compose(language, offer, firstName, texts.GoneSubject, texts.GoneBody, texts.GoneSms);
    }

    private static Texts TextsOf(string language) => ByLanguage[MessageLanguages.Normalize(language)];

    private static ComposedMessage Compose(
        string language, OfferFacts offer, string firstName, string subject, string body, string sms, string? link = null)
    {
        var culture = MessageLanguages.Culture(language);
        object[] values =
        [
            firstName.Trim(), offer.BusinessName.Trim(), offer.ServiceName.Trim(),
            MessageComposer.LocalDateTime(language, offer.TimeZone, offer.Start), offer.LocationName.Trim(),
            HumanizedTime.Duration(offer.Lifetime, culture),
        ];
        object[] smsValues = [.. values];
        smsValues[1] = MessageComposer.SmsSender(offer.BusinessName, offer.LocationName);
        return new(
            MessageComposer.OneLine(string.Format(culture, subject, values)),
            string.Format(culture, body, values) + (link is null ? "" : "\n\n" + link) + "\n\n" + offer.BusinessName.Trim() + "\n",
            MessageComposer.OneLine(string.Format(culture, sms, smsValues)));
    }
}
