namespace Realtime.Grains.Domain.Notifications;

/// <summary>
/// The words of the client link messages in one language: the sign-in link e-mail and the manage-link line of
/// confirmation and reminder e-mails. The validity is Humanizer's duration in the nominative ("30 minut", "1 valanda"), so sentences
/// put it where that case fits.
/// </summary>
internal sealed record ClientLinkTexts
{
    /// <summary>{0} the business.</summary>
    public required string SignInSubject { get; init; }

    /// <summary>{0} the business; the link follows on a line of its own.</summary>
    public required string SignInIntro { get; init; }

    /// <summary>{0} how long the link works, in words.</summary>
    public required string SignInValidity { get; init; }

    public required string SignInIgnore { get; init; }

    /// <summary>{0} the client's full name: said when several clients share the address, each getting a link of their own.</summary>
    public required string SignInFor { get; init; }

    /// <summary>Before the manage link, which follows on a line of its own.</summary>
    public required string ManageIntro { get; init; }

    /// <summary>Before the manage link of a reminder of an appointment whose attendance is not confirmed yet (seed 001).</summary>
    public required string ConfirmIntro { get; init; }

    public static ClientLinkTexts For(string language) => MessageLanguages.Normalize(language) switch
    {
        MessageLanguages.Polish => Polish,
        MessageLanguages.Spanish => Spanish,
        MessageLanguages.French => French,
        MessageLanguages.Lithuanian => Lithuanian,
        _ => English,
    };

    public static readonly ClientLinkTexts English = new()
    {
        SignInSubject = "Your sign-in link: {0}",
        SignInIntro = "Here is your link to sign in to {0} and see your appointments:",
        SignInValidity = "The link works once and is valid for {0}.",
        SignInIgnore = "If you did not ask for it, you can ignore this e-mail.",
        SignInFor = "This link is for {0}; others who share this address get links of their own.",
        ManageIntro = "To see, move or cancel this appointment online:",
        ConfirmIntro = "To confirm your attendance, or to move or cancel this appointment online:",
    };

    public static readonly ClientLinkTexts Polish = new()
    {
        SignInSubject = "Link do logowania: {0}",
        SignInIntro = "Oto link do logowania ({0}), pod którym zobaczysz swoje wizyty:",
        SignInValidity = "Link działa jeden raz. Czas ważności: {0}.",
        SignInIgnore = "Jeśli nikt z Twojej strony nie prosił o ten link, zignoruj tę wiadomość.",
        SignInFor = "Ten link jest dla: {0}. Inne osoby korzystające z tego adresu otrzymują własne linki.",
        ManageIntro = "Aby zobaczyć, przełożyć lub odwołać tę wizytę online, otwórz:",
        ConfirmIntro = "Aby potwierdzić obecność, przełożyć lub odwołać tę wizytę online, otwórz:",
    };

    public static readonly ClientLinkTexts Spanish = new()
    {
        SignInSubject = "Tu enlace de acceso: {0}",
        SignInIntro = "Este es tu enlace para acceder a {0} y ver tus citas:",
        SignInValidity = "El enlace sirve una sola vez y durante {0}.",
        SignInIgnore = "Si no lo has pedido, puedes ignorar este correo.",
        SignInFor = "Este enlace es para {0}; las demás personas que comparten esta dirección reciben el suyo.",
        ManageIntro = "Para ver, cambiar o cancelar esta cita en línea:",
        ConfirmIntro = "Para confirmar tu asistencia, cambiar o cancelar esta cita en línea:",
    };

    public static readonly ClientLinkTexts French = new()
    {
        SignInSubject = "Votre lien de connexion : {0}",
        SignInIntro = "Voici votre lien pour vous connecter à {0} et voir vos rendez-vous :",
        SignInValidity = "Le lien ne fonctionne qu'une fois, pendant {0}.",
        SignInIgnore = "Si vous ne l'avez pas demandé, ignorez simplement cet e-mail.",
        SignInFor = "Ce lien est pour {0} ; les autres personnes qui partagent cette adresse reçoivent le leur.",
        ManageIntro = "Pour consulter, déplacer ou annuler ce rendez-vous en ligne :",
        ConfirmIntro = "Pour confirmer votre présence, déplacer ou annuler ce rendez-vous en ligne :",
    };

    public static readonly ClientLinkTexts Lithuanian = new()
    {
        SignInSubject = "Prisijungimo nuoroda: {0}",
        SignInIntro = "Jūsų prisijungimo nuoroda ({0}), kurioje matysite savo vizitus:",
        SignInValidity = "Nuoroda veikia vieną kartą. Galiojimo laikas: {0}.",
        SignInIgnore = "Jei šios nuorodos neprašėte, tiesiog ignoruokite šį laišką.",
        SignInFor = "Ši nuoroda skirta: {0}. Kiti šiuo adresu besinaudojantys asmenys gauna savo nuorodas.",
        ManageIntro = "Norėdami peržiūrėti, perkelti ar atšaukti šį vizitą internetu, atidarykite:",
        ConfirmIntro = "Norėdami patvirtinti atvykimą, perkelti ar atšaukti šį vizitą internetu, atidarykite:",
    };
}
