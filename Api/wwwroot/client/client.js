// The client's page: the links of the client e-mails land here (/client/sign-in?token=…, /client/manage?token=…).
// It exchanges the link for a session once, then shows the client's appointments (or the one a manage link is for)
// with what they may do: confirm their attendance, move to a free time, cancel. Everything else is the API's: its rules,
// and its refusals, which the page words in the client's language by their code.

/** "1 godzinę", "5 godzin": a number with the word of its plural form in that language (forms named as Intl.PluralRules names them). */
const counted = (tag, forms) => n => `${n} ${forms[new Intl.PluralRules(tag).select(n)] ?? forms.other}`;

/** The units the refusals count in, as their sentences use them (Polish and Lithuanian after prepositions taking the accusative). */
const units = {
    en: { hours: counted('en', { one: 'hour', other: 'hours' }), days: counted('en', { one: 'day', other: 'days' }),
        seconds: counted('en', { one: 'second', other: 'seconds' }),
        times: n => (n === 1 ? 'once' : n === 2 ? 'twice' : `${n} times`) },
    pl: { hours: counted('pl', { one: 'godzinę', few: 'godziny', many: 'godzin', other: 'godziny' }),
        seconds: counted('pl', { one: 'sekundę', few: 'sekundy', many: 'sekund', other: 'sekundy' }),
        days: counted('pl', { one: 'dzień', few: 'dni', many: 'dni', other: 'dnia' }), times: counted('pl', { one: 'raz', other: 'razy' }) },
    es: { hours: counted('es', { one: 'hora', other: 'horas' }), days: counted('es', { one: 'día', other: 'días' }),
        seconds: counted('es', { one: 'segundo', other: 'segundos' }),
        times: counted('es', { one: 'vez', other: 'veces' }) },
    fr: { hours: counted('fr', { one: 'heure', other: 'heures' }), days: counted('fr', { one: 'jour', other: 'jours' }),
        seconds: counted('fr', { one: 'seconde', other: 'secondes' }),
        times: counted('fr', { one: 'fois', other: 'fois' }) },
    lt: { hours: counted('lt', { one: 'valandą', few: 'valandas', many: 'valandos', other: 'valandų' }),
        // After "po" (in so much time): the genitive.
        seconds: counted('lt', { one: 'sekundės', few: 'sekundžių', many: 'sekundės', other: 'sekundžių' }),
        days: counted('lt', { one: 'dieną', few: 'dienas', many: 'dienos', other: 'dienų' }),
        times: counted('lt', { one: 'kartą', few: 'kartus', many: 'karto', other: 'kartų' }) },
};

/** The member of a problem that a refusal's sentence takes its number from (DESIGN.md: client policy refusals carry it). */
const numberOf = {
    policy_cancel_notice: 'noticeHours', policy_reschedule_notice: 'noticeHours', policy_booking_notice: 'noticeHours',
    policy_booking_horizon: 'horizonDays', policy_max_reschedules: 'maxReschedules', rate_limited: 'retryAfterSeconds',
};

const texts = {
    en: {
        title: 'Your appointments', loading: 'Loading…', none: 'You have no appointments.', confirm: 'Confirm attendance',
        confirmed: 'Attendance confirmed', cancel: 'Cancel appointment…', cancelNow: 'Cancel the appointment', keep: 'Keep it',
        message: 'Message for us (optional)', with: 'With', signOut: 'Sign out', failed: 'Something went wrong. Try again.',
        noSession: 'Open the link in your e-mail to see your appointments.',
        yourEmail: 'Your e-mail address', sendLink: 'Send me a new link', linkSent: 'If we know this address, a new link is on its way to it.',
        cancelledDone: 'The appointment is cancelled.', confirmedDone: 'Thank you: your attendance is confirmed.',
        offer: 'A slot is free for you', take: 'Take it', taken: 'It is yours: see it in your appointments.', until: 'Until',
        offerExpired: 'The free slot offered to you has expired.',
        reschedule: 'Change the time…', day: 'Day', freeTimes: 'Free times', noTimes: 'No free times on this day. Try another day.',
        earlierDays: 'Earlier days', laterDays: 'Later days',
        moveTo: time => `Move to ${time}`, movedDone: when => `Moved to ${when}.`,
        bookAgain: 'Book again…', bookAt: time => `Book for ${time}`, bookedDone: when => `Booked: ${when}.`,
        earlier: 'Show earlier visits', later: 'Show later visits',
        status: { booked: 'Booked', arrived: 'Arrived', completed: 'Completed', cancelled: 'Cancelled', noShow: 'Missed', past: 'Past' },
        problems: {
            slot_taken: 'This time has just been taken. Please choose another.',
            outside_working_hours: 'No one is working at that time. Please choose another.',
            invalid_transition: 'This appointment can no longer be changed here. Please contact us.',
            client_blacklisted: 'Online booking and changes are not available to you. Please contact us.',
            policy_cancel_not_allowed: 'This appointment cannot be cancelled online. Please contact us.',
            policy_cancel_notice: n => `Appointments can be cancelled online up to ${units.en.hours(n)} before they start. Please contact us.`,
            policy_reschedule_notice: n => `The time can be changed online up to ${units.en.hours(n)} before the visit. Please contact us.`,
            policy_max_reschedules: n => (n === 0 ? 'This appointment cannot be moved online. Please contact us.'
                : `An appointment can be moved online ${units.en.times(n)} at most, and this one has reached that limit. Please contact us.`),
            policy_booking_notice: n => `Times must be booked at least ${units.en.hours(n)} ahead. Please choose a later time.`,
            policy_booking_horizon: n => `Times can be booked at most ${units.en.days(n)} ahead. Please choose an earlier day.`,
            policy_group_reschedule: 'Others are booked into this class too, so its time cannot be changed. You can cancel your place instead.',
            group_full: 'This class is full.',
            not_found: 'This appointment can no longer be found. Please reload the page.',
            not_a_group: 'This appointment can no longer be found. Please reload the page.',
            already_exists: 'This has already been done. Please reload the page.',
            validation_failed: 'Something is missing or not valid. Please check and try again.',
            rate_limited: n => `Too many attempts. Please try again in ${units.en.seconds(n)}.`,
            temporarily_unavailable: 'We are briefly unavailable. Please try again in a moment.',
            unauthorized: 'Your session has ended. Open the link in your e-mail again.',
            offer_gone: 'Someone was quicker, or the offer has expired.',
            client_busy: (from, to) => `You already have a visit ${from}–${to}. Please choose a time that does not overlap it.`,
            too_many_holds: 'You are already holding as many times as you can. Book or release one of them first.',
            link_used: 'This link has already been used. Ask for a new one to sign in again.',
            link_expired: 'This link has expired. Ask for a new one.',
            link_invalid: 'This link is not valid.',
        },
    },
    pl: {
        title: 'Twoje wizyty', loading: 'Wczytywanie…', none: 'Nie masz żadnych wizyt.', confirm: 'Potwierdź obecność',
        confirmed: 'Obecność potwierdzona', cancel: 'Odwołaj wizytę…', cancelNow: 'Odwołaj wizytę', keep: 'Zostaw',
        message: 'Wiadomość dla nas (opcjonalnie)', with: 'Z', signOut: 'Wyloguj', failed: 'Coś poszło nie tak. Spróbuj ponownie.',
        noSession: 'Otwórz link z wiadomości e-mail, aby zobaczyć swoje wizyty.',
        yourEmail: 'Twój adres e-mail', sendLink: 'Wyślij mi nowy link', linkSent: 'Jeśli znamy ten adres, wysłaliśmy na niego nowy link.',
        cancelledDone: 'Wizyta została odwołana.', confirmedDone: 'Dziękujemy: obecność potwierdzona.',
        offer: 'Zwolnił się termin dla Ciebie', take: 'Biorę', taken: 'Termin jest Twój: znajdziesz go w swoich wizytach.', until: 'Do',
        offerExpired: 'Oferta wolnego terminu wygasła.',
        reschedule: 'Zmień termin…', day: 'Dzień', freeTimes: 'Wolne godziny', noTimes: 'Tego dnia nie ma wolnych godzin. Wybierz inny dzień.',
        earlierDays: 'Wcześniejsze dni', laterDays: 'Późniejsze dni',
        moveTo: time => `Przenieś na ${time}`, movedDone: when => `Nowy termin wizyty: ${when}.`,
        bookAgain: 'Umów się ponownie…', bookAt: time => `Zarezerwuj na ${time}`, bookedDone: when => `Zarezerwowano: ${when}.`,
        earlier: 'Pokaż wcześniejsze wizyty', later: 'Pokaż późniejsze wizyty',
        status: { booked: 'Zarezerwowana', arrived: 'Na miejscu', completed: 'Zakończona', cancelled: 'Odwołana', noShow: 'Nieobecność', past: 'Minęła' },
        problems: {
            slot_taken: 'Ten termin został właśnie zajęty. Wybierz inny.',
            outside_working_hours: 'W tym czasie nikt nie pracuje. Wybierz inny termin.',
            invalid_transition: 'Tej wizyty nie można już tutaj zmienić. Skontaktuj się z nami.',
            client_blacklisted: 'Rezerwacje i zmiany online nie są dla Ciebie dostępne. Skontaktuj się z nami.',
            policy_cancel_not_allowed: 'Tej wizyty nie można odwołać online. Skontaktuj się z nami.',
            policy_cancel_notice: n => `Wizytę można odwołać online najpóźniej na ${units.pl.hours(n)} przed jej rozpoczęciem. Skontaktuj się z nami.`,
            policy_reschedule_notice: n => `Termin można zmienić online najpóźniej na ${units.pl.hours(n)} przed wizytą. Skontaktuj się z nami.`,
            policy_max_reschedules: n => (n === 0 ? 'Tej wizyty nie można przełożyć online. Skontaktuj się z nami.'
                : `Wizytę można przełożyć online najwyżej ${units.pl.times(n)} i ten limit został już wykorzystany. Skontaktuj się z nami.`),
            policy_booking_notice: n => `Rezerwować można najpóźniej na ${units.pl.hours(n)} przed wizytą. Wybierz późniejszy termin.`,
            policy_booking_horizon: n => `Rezerwować można najwyżej na ${units.pl.days(n)} naprzód. Wybierz wcześniejszy dzień.`,
            policy_group_reschedule: 'Na te zajęcia zapisały się też inne osoby, więc nie można zmienić ich terminu. Możesz zrezygnować ze swojego miejsca.',
            group_full: 'Na tych zajęciach nie ma już wolnych miejsc.',
            not_found: 'Nie znaleziono tej wizyty. Odśwież stronę.',
            not_a_group: 'Nie znaleziono tej wizyty. Odśwież stronę.',
            already_exists: 'To już zostało zrobione. Odśwież stronę.',
            validation_failed: 'Czegoś brakuje lub coś jest nieprawidłowe. Sprawdź i spróbuj ponownie.',
            rate_limited: n => `Zbyt wiele prób. Spróbuj ponownie za ${units.pl.seconds(n)}.`,
            temporarily_unavailable: 'Chwilowo nie możemy odpowiedzieć. Spróbuj ponownie za moment.',
            unauthorized: 'Sesja wygasła. Otwórz ponownie link z wiadomości e-mail.',
            offer_gone: 'Ktoś był szybszy albo oferta wygasła.',
            client_busy: (from, to) => `Masz już wizytę w godzinach ${from}–${to}. Wybierz termin, który się z nią nie pokrywa.`,
            too_many_holds: 'Trzymasz już tyle terminów, ile można. Najpierw zarezerwuj lub zwolnij jeden z nich.',
            link_used: 'Ten link został już użyty. Poproś o nowy, aby zalogować się ponownie.',
            link_expired: 'Ten link wygasł. Poproś o nowy.',
            link_invalid: 'Ten link jest nieprawidłowy.',
        },
    },
    es: {
        title: 'Tus citas', loading: 'Cargando…', none: 'No tienes citas.', confirm: 'Confirmar asistencia',
        confirmed: 'Asistencia confirmada', cancel: 'Cancelar la cita…', cancelNow: 'Cancelar la cita', keep: 'Mantenerla',
        message: 'Mensaje para nosotros (opcional)', with: 'Con', signOut: 'Cerrar sesión', failed: 'Algo ha fallado. Inténtalo de nuevo.',
        noSession: 'Abre el enlace de tu correo para ver tus citas.',
        yourEmail: 'Tu correo electrónico', sendLink: 'Envíame un enlace nuevo', linkSent: 'Si conocemos esta dirección, te hemos enviado un enlace nuevo.',
        cancelledDone: 'La cita está cancelada.', confirmedDone: 'Gracias: tu asistencia está confirmada.',
        offer: 'Hay un hueco libre para ti', take: 'Lo quiero', taken: 'Es tuyo: lo verás en tus citas.', until: 'Hasta las',
        offerExpired: 'La oferta del hueco libre ha caducado.',
        reschedule: 'Cambiar la hora…', day: 'Día', freeTimes: 'Horas libres', noTimes: 'No hay horas libres este día. Prueba con otro.',
        earlierDays: 'Días anteriores', laterDays: 'Días posteriores',
        moveTo: time => `Cambiar a las ${time}`, movedDone: when => `Cita cambiada al ${when}.`,
        bookAgain: 'Reservar de nuevo…', bookAt: time => `Reservar a las ${time}`, bookedDone: when => `Cita reservada: ${when}.`,
        earlier: 'Ver citas anteriores', later: 'Ver citas posteriores',
        status: { booked: 'Reservada', arrived: 'En el centro', completed: 'Completada', cancelled: 'Cancelada', noShow: 'No asistida', past: 'Pasada' },
        problems: {
            slot_taken: 'Esta hora se acaba de ocupar. Elige otra.',
            outside_working_hours: 'No hay nadie trabajando a esa hora. Elige otra.',
            invalid_transition: 'Esta cita ya no se puede cambiar aquí. Ponte en contacto con nosotros.',
            client_blacklisted: 'No puedes reservar ni hacer cambios en línea. Ponte en contacto con nosotros.',
            policy_cancel_not_allowed: 'Esta cita no se puede cancelar en línea. Ponte en contacto con nosotros.',
            policy_cancel_notice: n => `Las citas se pueden cancelar en línea hasta ${units.es.hours(n)} antes de su inicio. Ponte en contacto con nosotros.`,
            policy_reschedule_notice: n => `La hora se puede cambiar en línea hasta ${units.es.hours(n)} antes de la cita. Ponte en contacto con nosotros.`,
            policy_max_reschedules: n => (n === 0 ? 'Esta cita no se puede cambiar en línea. Ponte en contacto con nosotros.'
                : `Una cita se puede cambiar en línea ${units.es.times(n)} como máximo, y esta ya ha llegado al límite. Ponte en contacto con nosotros.`),
            policy_booking_notice: n => `Hay que reservar con al menos ${units.es.hours(n)} de antelación. Elige una hora posterior.`,
            policy_booking_horizon: n => `Se puede reservar con ${units.es.days(n)} de antelación como máximo. Elige un día anterior.`,
            policy_group_reschedule: 'En esta clase hay más personas inscritas, así que no se puede cambiar su hora. Puedes cancelar tu plaza.',
            group_full: 'Esta clase está completa.',
            not_found: 'No encontramos esta cita. Vuelve a cargar la página.',
            not_a_group: 'No encontramos esta cita. Vuelve a cargar la página.',
            already_exists: 'Esto ya está hecho. Vuelve a cargar la página.',
            validation_failed: 'Falta algo o no es válido. Revísalo e inténtalo de nuevo.',
            rate_limited: n => `Demasiados intentos. Vuelve a intentarlo dentro de ${units.es.seconds(n)}.`,
            temporarily_unavailable: 'No estamos disponibles por un momento. Inténtalo de nuevo enseguida.',
            unauthorized: 'Tu sesión ha terminado. Vuelve a abrir el enlace de tu correo.',
            offer_gone: 'Alguien ha sido más rápido o la oferta ha caducado.',
            client_busy: (from, to) => `Ya tienes una cita de ${from} a ${to}. Elige una hora que no se solape con ella.`,
            too_many_holds: 'Ya tienes apartadas todas las horas que se permiten. Reserva o libera una de ellas primero.',
            link_used: 'Este enlace ya se ha usado. Pide uno nuevo para volver a entrar.',
            link_expired: 'Este enlace ha caducado. Pide uno nuevo.',
            link_invalid: 'Este enlace no es válido.',
        },
    },
    fr: {
        title: 'Vos rendez-vous', loading: 'Chargement…', none: "Vous n'avez aucun rendez-vous.", confirm: 'Confirmer ma présence',
        confirmed: 'Présence confirmée', cancel: 'Annuler le rendez-vous…', cancelNow: 'Annuler le rendez-vous', keep: 'Le garder',
        message: 'Message pour nous (facultatif)', with: 'Avec', signOut: 'Se déconnecter', failed: "Une erreur s'est produite. Réessayez.",
        noSession: 'Ouvrez le lien reçu par e-mail pour voir vos rendez-vous.',
        yourEmail: 'Votre adresse e-mail', sendLink: "M'envoyer un nouveau lien", linkSent: "Si nous connaissons cette adresse, un nouveau lien vient d'y être envoyé.",
        cancelledDone: 'Le rendez-vous est annulé.', confirmedDone: 'Merci : votre présence est confirmée.',
        offer: "Un créneau s'est libéré pour vous", take: 'Je le prends', taken: 'Il est à vous : retrouvez-le dans vos rendez-vous.', until: "Jusqu'à",
        offerExpired: "L'offre du créneau libre a expiré.",
        reschedule: "Changer l'horaire…", day: 'Jour', freeTimes: 'Horaires libres', noTimes: 'Aucun horaire libre ce jour-là. Essayez un autre jour.',
        earlierDays: 'Jours précédents', laterDays: 'Jours suivants',
        moveTo: time => `Déplacer à ${time}`, movedDone: when => `Rendez-vous déplacé au ${when}.`,
        bookAgain: 'Reprendre rendez-vous…', bookAt: time => `Réserver à ${time}`, bookedDone: when => `Rendez-vous réservé : ${when}.`,
        earlier: 'Voir les rendez-vous précédents', later: 'Voir les rendez-vous suivants',
        status: { booked: 'Réservé', arrived: 'Arrivé', completed: 'Terminé', cancelled: 'Annulé', noShow: 'Absent', past: 'Passé' },
        problems: {
            slot_taken: "Cet horaire vient d'être pris. Choisissez-en un autre.",
            outside_working_hours: 'Personne ne travaille à cette heure-là. Choisissez un autre horaire.',
            invalid_transition: 'Ce rendez-vous ne peut plus être modifié ici. Contactez-nous.',
            client_blacklisted: 'La réservation et les modifications en ligne ne vous sont pas ouvertes. Contactez-nous.',
            policy_cancel_not_allowed: 'Ce rendez-vous ne peut pas être annulé en ligne. Contactez-nous.',
            policy_cancel_notice: n => `Un rendez-vous peut être annulé en ligne jusqu'à ${units.fr.hours(n)} avant son début. Contactez-nous.`,
            policy_reschedule_notice: n => `L'horaire peut être modifié en ligne jusqu'à ${units.fr.hours(n)} avant le rendez-vous. Contactez-nous.`,
            policy_max_reschedules: n => (n === 0 ? 'Ce rendez-vous ne peut pas être déplacé en ligne. Contactez-nous.'
                : `Un rendez-vous peut être déplacé en ligne ${units.fr.times(n)} au maximum, et cette limite est atteinte. Contactez-nous.`),
            policy_booking_notice: n => `Il faut réserver au moins ${units.fr.hours(n)} à l'avance. Choisissez un horaire plus tardif.`,
            policy_booking_horizon: n => `On peut réserver au plus ${units.fr.days(n)} à l'avance. Choisissez un jour plus proche.`,
            policy_group_reschedule: "D'autres personnes sont inscrites à ce cours, son horaire ne peut donc pas changer. Vous pouvez annuler votre place.",
            group_full: 'Ce cours est complet.',
            not_found: 'Ce rendez-vous est introuvable. Rechargez la page.',
            not_a_group: 'Ce rendez-vous est introuvable. Rechargez la page.',
            already_exists: "C'est déjà fait. Rechargez la page.",
            validation_failed: "Une information manque ou n'est pas valide. Vérifiez et réessayez.",
            rate_limited: n => `Trop de tentatives. Réessayez dans ${units.fr.seconds(n)}.`,
            temporarily_unavailable: 'Service momentanément indisponible. Réessayez dans un instant.',
            unauthorized: 'Votre session a expiré. Rouvrez le lien reçu par e-mail.',
            offer_gone: "Quelqu'un a été plus rapide, ou l'offre a expiré.",
            client_busy: (from, to) => `Vous avez déjà un rendez-vous de ${from} à ${to}. Choisissez un horaire qui ne le chevauche pas.`,
            too_many_holds: "Vous bloquez déjà autant de créneaux que possible. Réservez-en ou libérez-en un d'abord.",
            link_used: 'Ce lien a déjà été utilisé. Demandez-en un nouveau pour vous reconnecter.',
            link_expired: 'Ce lien a expiré. Demandez-en un nouveau.',
            link_invalid: "Ce lien n'est pas valide.",
        },
    },
    lt: {
        title: 'Jūsų vizitai', loading: 'Įkeliama…', none: 'Neturite vizitų.', confirm: 'Patvirtinti atvykimą',
        confirmed: 'Atvykimas patvirtintas', cancel: 'Atšaukti vizitą…', cancelNow: 'Atšaukti vizitą', keep: 'Palikti',
        message: 'Žinutė mums (nebūtina)', with: 'Su', signOut: 'Atsijungti', failed: 'Kažkas nepavyko. Bandykite dar kartą.',
        noSession: 'Atidarykite nuorodą iš el. laiško, kad pamatytumėte savo vizitus.',
        yourEmail: 'Jūsų el. pašto adresas', sendLink: 'Atsiųskite man naują nuorodą', linkSent: 'Jei šis adresas mums žinomas, nauja nuoroda jau išsiųsta.',
        cancelledDone: 'Vizitas atšauktas.', confirmedDone: 'Ačiū: atvykimas patvirtintas.',
        offer: 'Atsilaisvino laikas jums', take: 'Imu', taken: 'Laikas jūsų: jį rasite savo vizituose.', until: 'Iki',
        offerExpired: 'Laisvo laiko pasiūlymas nebegalioja.',
        reschedule: 'Keisti laiką…', day: 'Diena', freeTimes: 'Laisvi laikai', noTimes: 'Šią dieną laisvo laiko nėra. Pasirinkite kitą dieną.',
        earlierDays: 'Ankstesnės dienos', laterDays: 'Vėlesnės dienos',
        moveTo: time => `Perkelti į ${time}`, movedDone: when => `Vizitas perkeltas: ${when}.`,
        bookAgain: 'Registruotis dar kartą…', bookAt: time => `Rezervuoti ${time}`, bookedDone: when => `Užregistruota: ${when}.`,
        earlier: 'Rodyti ankstesnius vizitus', later: 'Rodyti vėlesnius vizitus',
        status: { booked: 'Rezervuotas', arrived: 'Atvyko', completed: 'Įvykęs', cancelled: 'Atšauktas', noShow: 'Neatvyko', past: 'Praėjęs' },
        problems: {
            slot_taken: 'Šis laikas ką tik buvo užimtas. Pasirinkite kitą.',
            outside_working_hours: 'Tuo metu niekas nedirba. Pasirinkite kitą laiką.',
            invalid_transition: 'Šio vizito čia pakeisti nebegalima. Susisiekite su mumis.',
            client_blacklisted: 'Registruotis ir keisti vizitų internetu jums negalima. Susisiekite su mumis.',
            policy_cancel_not_allowed: 'Šio vizito internetu atšaukti negalima. Susisiekite su mumis.',
            policy_cancel_notice: n => `Vizitą internetu galima atšaukti ne vėliau kaip prieš ${units.lt.hours(n)} iki jo pradžios. Susisiekite su mumis.`,
            policy_reschedule_notice: n => `Vizito laiką internetu galima keisti ne vėliau kaip prieš ${units.lt.hours(n)} iki jo pradžios. Susisiekite su mumis.`,
            policy_max_reschedules: n => (n === 0 ? 'Šio vizito internetu perkelti negalima. Susisiekite su mumis.'
                : `Vizitą internetu galima perkelti daugiausia ${units.lt.times(n)}, ir šis limitas jau išnaudotas. Susisiekite su mumis.`),
            policy_booking_notice: n => `Registruotis reikia bent ${units.lt.hours(n)} iš anksto. Pasirinkite vėlesnį laiką.`,
            policy_booking_horizon: n => `Registruotis galima daugiausia ${units.lt.days(n)} iš anksto. Pasirinkite ankstesnę dieną.`,
            policy_group_reschedule: 'Į šį užsiėmimą užsiregistravo ir kitų žmonių, todėl jo laiko pakeisti negalima. Galite atsisakyti savo vietos.',
            group_full: 'Šiame užsiėmime laisvų vietų nebėra.',
            not_found: 'Šio vizito rasti nepavyko. Atnaujinkite puslapį.',
            not_a_group: 'Šio vizito rasti nepavyko. Atnaujinkite puslapį.',
            already_exists: 'Tai jau padaryta. Atnaujinkite puslapį.',
            validation_failed: 'Kažko trūksta arba kažkas neteisinga. Patikrinkite ir bandykite dar kartą.',
            rate_limited: n => `Per daug bandymų. Bandykite dar kartą po ${units.lt.seconds(n)}.`,
            temporarily_unavailable: 'Laikinai negalime atsakyti. Bandykite dar kartą po akimirkos.',
            unauthorized: 'Sesija baigėsi. Dar kartą atidarykite nuorodą iš el. laiško.',
            offer_gone: 'Kažkas buvo greitesnis arba pasiūlymas nebegalioja.',
            client_busy: (from, to) => `Jūs jau turite vizitą ${from}–${to}. Pasirinkite laiką, kuris su juo nesutampa.`,
            too_many_holds: 'Jau laikote tiek laikų, kiek galima. Pirmiau užsiregistruokite arba atlaisvinkite vieną iš jų.',
            link_used: 'Ši nuoroda jau panaudota. Paprašykite naujos, kad vėl prisijungtumėte.',
            link_expired: 'Ši nuoroda nebegalioja. Paprašykite naujos.',
            link_invalid: 'Ši nuoroda netinkama.',
        },
    },
};

const stored = 'realtime.client.session';
/** The business a link came from (not a secret), kept so that a used or lost link can be replaced from this page. */
const business = 'realtime.client.organization';
let language = pick(navigator.language);
let t = texts[language];

function pick(tag) {
    const primary = String(tag ?? '').slice(0, 2).toLowerCase();
    return primary in texts ? primary : 'en';
}

function h(tag, attributes = {}, ...children) {
    const element = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes)) {
        if (name.startsWith('on')) element.addEventListener(name.slice(2), value);
        else if (value !== false && value != null) element.setAttribute(name, value === true ? '' : value);
    }
    element.append(...children.flat().filter(c => c != null));
    return element;
}

class Refused extends Error {
    constructor(status, problem) {
        super(problem?.detail || problem?.title || `${status}`);
        this.status = status;
        this.code = problem?.code;
        this.problem = problem ?? {};
    }
}

/**
 * A refusal in the client's words, by its code (with its number, or the time of the client's own visit in the way at its
 * location, when the sentence has one); else the API's own words.
 */
function refusal(error) {
    const sentence = t.problems[error.code];
    if (typeof sentence === 'string') return sentence;
    const { visitStart, visitEnd, timeZone } = error.problem;
    if (typeof sentence === 'function' && visitStart && visitEnd) return sentence(clock(visitStart, timeZone), clock(visitEnd, timeZone));
    const number = error.problem[numberOf[error.code]];
    if (typeof sentence === 'function' && Number.isInteger(number)) return sentence(number);
    return error.message || t.failed;
}

async function api(method, path, body, session) {
    const headers = { Accept: 'application/json' };
    if (session) headers.Authorization = `Bearer ${session.sessionToken}`;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const data = response.status === 204 ? null : await response.json().catch(() => null);
    if (!response.ok) throw new Refused(response.status, data);
    return data;
}

const statusLine = document.getElementById('status');
const say = text => (statusLine.textContent = text);

/** The session: exchanged from the link in the address once (the token then leaves the address), else the one kept in this tab. */
async function session() {
    const query = new URLSearchParams(location.search);
    if (query.get('org')) localStorage.setItem(business, query.get('org'));
    const token = query.get('token');
    if (token) {
        history.replaceState(null, '', location.pathname);
        try {
            const opened = await api('POST', '/api/client/auth/session', { token });
            sessionStorage.setItem(stored, JSON.stringify(opened));
            return opened;
        } catch (error) {
            if (!(error instanceof Refused)) throw error;
            sessionStorage.removeItem(stored);
            say(['link_used', 'link_expired', 'rate_limited'].includes(error.code) ? refusal(error) : t.problems.link_invalid);
            return null;
        }
    }
    const kept = JSON.parse(sessionStorage.getItem(stored) ?? 'null');
    return kept && Date.parse(kept.expiresAt) > Date.now() ? kept : null;
}

/** The locale of the client's language (English as written in Europe: 24 hours). */
const locale = () => (language === 'en' ? 'en-GB' : language);

/** "14:30" on a location's clock. */
const clock = (instant, timeZone) =>
    new Intl.DateTimeFormat(locale(), { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone }).format(new Date(instant));

/** "2026-06-12": the date of an instant on a location's clock, as the API takes it. */
const localDate = (instant, timeZone) =>
    new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit', timeZone }).format(new Date(instant));

/** The date some days after a "2026-06-12" date: calendar days, whatever a zone's clock does on them. */
const addDays = (date, days) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** How many calendar days from one "2026-06-12" date to another. */
const daysFrom = (from, to) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

/**
 * "Fri 12 Jun", in the client's language, whatever the browser's. The date is a location's already (its zone made it),
 * so it is named at noon in UTC, where noon falls on that date.
 */
const dayName = date =>
    new Intl.DateTimeFormat(locale(), { weekday: 'short', day: 'numeric', month: 'short', timeZone: 'UTC' }).format(new Date(`${date}T12:00:00Z`));

/** The visit's day and times on its location's clock, in the client's language. */
function when(appointment, timeZone) {
    const day = new Intl.DateTimeFormat(locale(), { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone })
        .format(new Date(appointment.start));
    return `${day}, ${clock(appointment.start, timeZone)}–${clock(appointment.end, timeZone)}`;
}

/** The names of the catalog's entries with those ids: "Haircut, Colouring". */
const names = (ids, list) => ids.map(id => list.find(x => x.id === id)?.name).filter(Boolean).join(', ');

/** What a visit or an offer is, with whom and where, in lines of the card. */
function details(item, serviceIds, catalog) {
    const location = catalog.locations.find(l => l.id === item.locationId);
    return [
        h('span', { class: 'when' }, when(item, location?.timeZone ?? 'UTC')),
        h('span', { class: 'what' }, names(serviceIds, catalog.services)),
        h('span', { class: 'with' }, `${t.with}: ${names(item.resourceIds, catalog.resources)}`),
        location ? h('span', { class: 'where' }, [location.name, location.address].filter(Boolean).join(', ')) : null,
    ];
}

function card(appointment, catalog, current) {
    const note = h('p', { class: 'done', role: 'status' });
    const actions = h('div', { class: 'actions' });
    // Focusable, so that a keyboard (or a screen reader) stays on the visit it just changed.
    const item = h('li', { class: 'card', tabindex: '-1', 'data-appointment-id': appointment.id, 'data-status': appointment.status },
        details(appointment, appointment.serviceIds, catalog),
        h('span', { class: 'chip', 'data-status': appointment.status }, t.status[appointment.status] ?? appointment.status),
        appointment.status === 'booked' && appointment.confirmed ? h('span', { class: 'chip confirmed' }, t.confirmed) : null,
        actions, note);

    const replace = (changed, done) => {
        const next = card(changed, catalog, current);
        item.replaceWith(next);
        next.querySelector('.done').textContent = done;
        next.focus();
    };
    const send = async (button, path, body, done) => {
        note.textContent = '';
        note.className = 'done';
        button.disabled = true;
        try {
            replace(await api('POST', `/api/client/appointments/${appointment.id}/${path}`, body, current), done);
        } catch (error) {
            if (!(error instanceof Refused)) throw error;
            note.className = 'problem';
            note.textContent = refusal(error);
            button.disabled = false;
            button.focus();
        }
    };

    /** A time picker in place of the card's buttons, the day to choose first. */
    const open = picker => {
        actions.replaceChildren(...picker);
        actions.querySelector('[role=radio][tabindex="0"]')?.focus();
    };
    // Of a visit to come, only what can succeed is offered; in place of the rest, why not (the API's words for the refusal
    // the action would meet, as the list answers it: time may pass before a click, and the action has the last word).
    const reasons = [];
    if (appointment.status === 'booked') {
        if (appointment.mayReschedule) {
            const timeZone = catalog.locations.find(l => l.id === appointment.locationId)?.timeZone ?? 'UTC';
            actions.append(h('button', { type: 'button', onclick: () => open(reschedule(appointment, timeZone, current, note, () => replace(appointment, ''))) },
                t.reschedule));
        } else reasons.push(appointment.rescheduleRefusal);
        if (!appointment.confirmed && appointment.mayConfirm) {
            const confirm = h('button', { type: 'button', class: 'primary', onclick: () => send(confirm, 'confirm', {}, t.confirmedDone) }, t.confirm);
            actions.append(confirm);
        }
        if (appointment.mayCancel) {
            actions.append(h('button', { type: 'button', class: 'danger', onclick: () => {
                const message = h('textarea', { rows: 2, maxlength: 4000 });
                const now = h('button', { type: 'button', class: 'danger', onclick: () => send(now, 'cancel', { message: message.value.trim() || undefined }, t.cancelledDone) }, t.cancelNow);
                const keep = h('button', { type: 'button', onclick: () => replace(appointment, '') }, t.keep);
                actions.replaceChildren(h('label', {}, t.message, message), now, keep);
                message.focus();
            } }, t.cancel));
        } else reasons.push(appointment.cancelRefusal);
    }
    if (bookable(appointment, catalog, current)) {
        const timeZone = catalog.locations.find(l => l.id === appointment.locationId)?.timeZone ?? 'UTC';
        const again = h('button', { type: 'button', onclick: () => open(bookAgain(appointment, catalog, timeZone, current, note, () => replace(appointment, ''))) },
            t.bookAgain);
        actions.append(again);
    }
    actions.append(...reasons.filter(Boolean).map(r => h('p', { class: 'why' }, refusal({ code: r.code, problem: r, message: r.detail }))));
    return item;
}

/** The move of a visit to a free time for it; moved, the card says where to. */
const reschedule = (appointment, timeZone, current, note, keep) => timePicker({
    firstDay: localDate(appointment.start, timeZone), timeZone, note, keep, action: t.moveTo, done: t.movedDone, current,
    search: query => api('GET', `/api/client/appointments/${appointment.id}/availability?${query}`, undefined, current),
    take: slot => api('POST', `/api/client/appointments/${appointment.id}/reschedule`, { start: slot.start }, current),
});

/** Worth offering again: a completed visit of one service the business still offers to individuals, on a signed-in session. */
const bookable = (appointment, catalog, current) =>
    appointment.status === 'completed' && !current.appointmentId && appointment.serviceIds.length === 1
    && catalog.services.some(s => s.id === appointment.serviceIds[0] && s.capacity === 1);

/** The same service again, with the same person when they are free, at a free time; booked, the new visit's card says when. */
function bookAgain(appointment, catalog, timeZone, current, note, keep) {
    const staff = appointment.resourceIds.find(id => catalog.resources.some(r => r.id === id && r.kind === 'staff'));
    const what = { locationId: appointment.locationId, serviceId: appointment.serviceIds[0], ...(staff ? { resourceId: staff } : {}) };
    return timePicker({
        firstDay: localDate(Date.now() + 24 * 3600 * 1000, timeZone), timeZone, note, keep, action: t.bookAt, done: t.bookedDone, current,
        search: query => api('GET', `/api/client/availability?${new URLSearchParams({ ...what, ...Object.fromEntries(query) })}`, undefined, current),
        take: slot => api('POST', '/api/client/appointments',
            { locationId: appointment.locationId, serviceIds: appointment.serviceIds, resourceIds: slot.resourceIds, start: slot.start }, current),
    });
}

/** How many days a row of the day picker offers. */
const daysPerRow = 14;

/**
 * The days of a location from today on, a row of a fortnight at a time (`firstDay` chosen, in its row): buttons named in
 * the client's language that the arrow keys, Home and End go through, as a radio group. `chose` hears each day chosen.
 */
function dayRow(firstDay, timeZone, chose) {
    const today = localDate(Date.now(), timeZone);
    let chosenDay = firstDay < today ? today : firstDay;
    let rowStart = addDays(today, Math.floor(daysFrom(today, chosenDay) / daysPerRow) * daysPerRow);
    const days = h('div', { class: 'days', role: 'radiogroup', 'aria-label': t.day });
    const earlier = h('button', { type: 'button' }, t.earlierDays);
    const later = h('button', { type: 'button' }, t.laterDays);
    const choose = (date, focus) => {
        chosenDay = date;
        days.replaceChildren(...Array.from({ length: daysPerRow }, (_, i) => {
            const day = addDays(rowStart, i);
            return h('button', { type: 'button', role: 'radio', 'aria-checked': String(day === chosenDay), tabindex: day === chosenDay ? '0' : '-1',
                'data-date': day, onclick: () => choose(day, true) }, dayName(day));
        }));
        earlier.hidden = rowStart <= today; // no day before today
        if (focus) days.querySelector('[tabindex="0"]').focus();
        chose(chosenDay);
    };
    const showRow = rows => {
        rowStart = addDays(rowStart, rows * daysPerRow);
        choose(rowStart, true);
    };
    earlier.addEventListener('click', () => showRow(-1));
    later.addEventListener('click', () => showRow(1));
    days.addEventListener('keydown', event => {
        const index = daysFrom(rowStart, chosenDay);
        const to = { ArrowLeft: index - 1, ArrowUp: index - 1, ArrowRight: index + 1, ArrowDown: index + 1, Home: 0, End: daysPerRow - 1 }[event.key];
        if (to === undefined) return;
        event.preventDefault();
        choose(addDays(rowStart, Math.max(0, Math.min(daysPerRow - 1, to))), true);
    });
    return { element: h('div', { class: 'day-picker' }, h('span', { class: 'label' }, t.day), days, h('div', { class: 'day-pages' }, earlier, later)),
        start: () => choose(chosenDay, false) };
}

/**
 * A day (first `firstDay`), that day's free times as `search` finds them, and the button that `take`s the one chosen;
 * then the list is read again and the card of the visit says `done`. Refused, the card's note says why in the client's
 * words (a time taken meanwhile reloads the day).
 */
function timePicker({ firstDay, timeZone, note, keep, action, done, current, search, take }) {
    const times = h('div', { class: 'times', role: 'group', 'aria-label': t.freeTimes });
    const go = h('button', { type: 'button', class: 'primary', disabled: true }, action('…'));
    let day; // as the day row chose it
    let chosen = null;
    let latest = 0; // a day's times that arrive after another day was asked for are not shown
    const fail = error => {
        if (!(error instanceof Refused)) throw error;
        note.className = 'problem';
        note.textContent = refusal(error);
    };
    const load = async () => {
        chosen = null;
        go.disabled = true;
        go.textContent = action('…');
        times.replaceChildren();
        const asked = ++latest;
        try {
            const { slots } = await search(new URLSearchParams({ from: day, to: day }));
            if (asked !== latest) return;
            times.replaceChildren(...slots.map(slot => {
                const time = h('button', { type: 'button', class: 'time', 'aria-pressed': 'false', onclick: () => {
                    for (const other of times.children) other.setAttribute('aria-pressed', String(other === time));
                    chosen = slot;
                    go.textContent = action(clock(slot.start, timeZone));
                    go.disabled = false;
                } }, clock(slot.start, timeZone));
                return time;
            }));
            if (slots.length === 0) times.append(h('p', { class: 'empty' }, t.noTimes));
        } catch (error) {
            if (asked === latest) fail(error);
        }
    };
    go.addEventListener('click', async () => {
        note.textContent = '';
        note.className = 'done';
        go.disabled = true;
        try {
            const visit = await take(chosen);
            await show(current);
            const card = document.querySelector(`.card[data-appointment-id="${visit.id}"]`);
            if (card) {
                card.querySelector('.done').textContent = done(when(visit, timeZone));
                card.focus();
            }
        } catch (error) {
            fail(error);
            if (error.code === 'slot_taken') await load();
            else go.disabled = chosen === null;
        }
    });
    const days = dayRow(firstDay, timeZone, chosenDay => {
        day = chosenDay;
        load();
    });
    days.start();
    return [days.element, times, go, h('button', { type: 'button', onclick: keep }, t.keep)];
}

/** Refusals of an offer that say it is gone: someone was quicker, it expired or was withdrawn (offer_gone), or it is forgotten. */
const offerGone = ['offer_gone', 'not_found'];

/** Refusals worth another try, after the wait the problem names, if any; any other would be the same again. */
const worthRetrying = ['rate_limited', 'temporarily_unavailable'];

/** Calls `then` once `instant` has passed (a timer longer than about 24 days would fire at once: it waits in steps). */
const atInstant = (instant, then) => setTimeout(
    () => (Date.now() >= Date.parse(instant) ? then() : atInstant(instant, then)), Math.min(Date.parse(instant) - Date.now(), 2 ** 31 - 1));

/**
 * An open offer from a waiting list: the freed slot, until when it is held, and the button that takes it. Gone (taken by
 * someone else, withdrawn, expired), it leaves the page with why in the status line, when a refusal says so or its
 * time is up.
 */
function offerCard(offer, catalog, current) {
    const timeZone = catalog.locations.find(l => l.id === offer.locationId)?.timeZone ?? 'UTC';
    const until = clock(offer.expiresAt, timeZone);
    const note = h('p', { class: 'done', role: 'status' });
    const actions = h('div', { class: 'actions' });
    const item = h('li', { class: 'card offer', 'data-offer-id': offer.id },
        h('strong', {}, t.offer), details(offer, [offer.serviceId], catalog), h('span', { class: 'chip' }, `${t.until} ${until}`), actions, note);
    const leave = why => {
        if (!item.isConnected) return; // the list was read again meanwhile
        const hadFocus = item.contains(document.activeElement) || document.activeElement === document.body;
        item.remove();
        say(why);
        if (hadFocus) document.getElementById('title').focus();
    };
    const take = h('button', { type: 'button', class: 'primary', onclick: async () => {
        take.disabled = true;
        note.textContent = '';
        try {
            await api('POST', `/api/client/offers/${offer.id}/accept`, {}, current);
            await show(current);
            say(t.taken);
        } catch (error) {
            if (error instanceof Refused && offerGone.includes(error.code)) return leave(refusal(error));
            note.className = 'problem';
            note.textContent = error instanceof Refused ? refusal(error) : t.failed;
            if (error instanceof Refused && !worthRetrying.includes(error.code)) take.remove();
            else setTimeout(() => (take.disabled = false), 1000 * (error.problem?.retryAfterSeconds ?? 0));
        }
    } }, t.take);
    actions.append(take);
    atInstant(offer.expiresAt, () => leave(t.offerExpired));
    return item;
}

/** How many visits a page of each part of the list holds: the visits still to come, and the others. */
const pageSizes = { upcoming: 20, past: 10 };

/**
 * One part of the list as the API orders it (the visits still to come, the next first; the others, the latest first),
 * a page at a time: the first page is read at once; its cards follow, then a button (`label`) that adds the next page's
 * while there is one.
 */
async function part(when, label, current) {
    let page = 1;
    const read = () => api('GET', `/api/client/appointments?when=${when}&page=${page}&pageSize=${pageSizes[when]}`, undefined, current);
    const hasMore = found => found.page * found.pageSize < found.total;
    const first = await read();
    const cards = catalog => {
        const shown = new Set(first.items.map(a => a.id));
        const more = h('li', { class: 'more' }, h('button', { type: 'button', onclick: async () => {
            page++;
            const found = await read();
            // A visit that went from one part to the other since the page before may come again: it is shown once.
            const added = found.items.filter(a => !shown.has(a.id)).map(a => card(a, catalog, current));
            found.items.forEach(a => shown.add(a.id));
            more.before(...added);
            if (!hasMore(found)) more.remove();
            (added[0] ?? more.querySelector('button'))?.focus();
        } }, label));
        return [...first.items.map(a => card(a, catalog, current)), hasMore(first) ? more : null];
    };
    return { total: first.total, cards };
}

async function show(current) {
    const signOut = document.getElementById('sign-out');
    const me = await api('GET', '/api/client/me', undefined, current);
    language = pick(me.language);
    t = texts[language];
    document.documentElement.lang = language;
    document.title = t.title;
    document.getElementById('title').textContent = t.title;
    signOut.textContent = t.signOut;
    signOut.hidden = false;
    signOut.onclick = () => {
        sessionStorage.removeItem(stored);
        location.replace(location.pathname);
    };
    say(t.loading);
    // A manage link's session reaches its one appointment: no list, no offers.
    const [catalog, offers, ...parts] = await Promise.all([
        api('GET', '/api/client/catalog', undefined, current),
        ...(current.appointmentId
            ? [[], api('GET', `/api/client/appointments/${current.appointmentId}`, undefined, current)
                .then(a => ({ total: 1, cards: catalog => [card(a, catalog, current)] }))]
            : [api('GET', '/api/client/offers', undefined, current), part('upcoming', t.later, current), part('past', t.earlier, current)]),
    ]);
    document.getElementById('business').textContent = catalog.business;
    say(offers.length + parts.reduce((sum, p) => sum + p.total, 0) === 0 ? t.none : '');
    document.getElementById('appointments').replaceChildren(
        ...offers.map(o => offerCard(o, catalog, current)), ...parts.flatMap(p => p.cards(catalog)).filter(Boolean));
}

/** Without a session: a field for the client's address, where a new sign-in link is sent (the business known from a link). */
function askForLink() {
    const organizationId = localStorage.getItem(business);
    if (!organizationId) return;
    const email = h('input', { type: 'email', required: true, autocomplete: 'email' });
    const form = h('form', { class: 'new-link', onsubmit: async event => {
        event.preventDefault();
        try {
            await api('POST', '/api/client/auth/link', { organizationId, email: email.value.trim() });
            say(t.linkSent);
        } catch (error) {
            if (!(error instanceof Refused)) throw error;
            say(refusal(error));
        }
    } }, h('label', {}, t.yourEmail, email), h('button', { type: 'submit', class: 'primary' }, t.sendLink));
    statusLine.after(form);
}

document.getElementById('title').textContent = t.title;
try {
    const current = await session();
    if (current) await show(current);
    else {
        if (!statusLine.textContent) say(t.noSession);
        askForLink();
    }
} catch (error) {
    if (error instanceof Refused && error.status === 401) {
        sessionStorage.removeItem(stored);
        say(t.noSession);
        askForLink();
    } else {
        say(t.failed);
        throw error;
    }
}
