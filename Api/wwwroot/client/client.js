// The client's page: the links of the client e-mails land here (/client/sign-in?token=…, /client/manage?token=…).
// It exchanges the link for a session once, then shows the client's appointments (or the one a manage link is for)
// with what they may do: confirm their attendance, cancel. Everything else is the API's: its rules, its refusals.

const texts = {
    en: {
        title: 'Your appointments', loading: 'Loading…', none: 'You have no appointments.', confirm: 'Confirm attendance',
        confirmed: 'Attendance confirmed', cancel: 'Cancel appointment…', cancelNow: 'Cancel the appointment', keep: 'Keep it',
        message: 'Message for us (optional)', with: 'With', signOut: 'Sign out', failed: 'Something went wrong. Try again.',
        linkUsed: 'This link has already been used. Ask for a new one to sign in again.', linkExpired: 'This link has expired. Ask for a new one.',
        linkInvalid: 'This link is not valid.', noSession: 'Open the link in your e-mail to see your appointments.',
        cancelledDone: 'The appointment is cancelled.', confirmedDone: 'Thank you: your attendance is confirmed.',
        offer: 'A slot is free for you', take: 'Take it', taken: 'It is yours: see it in your appointments.', gone: 'Someone was quicker, or the offer has expired.', until: 'Until',
        status: { booked: 'Booked', arrived: 'Arrived', completed: 'Completed', cancelled: 'Cancelled', noShow: 'Missed', past: 'Past' },
    },
    pl: {
        title: 'Twoje wizyty', loading: 'Wczytywanie…', none: 'Nie masz żadnych wizyt.', confirm: 'Potwierdź obecność',
        confirmed: 'Obecność potwierdzona', cancel: 'Odwołaj wizytę…', cancelNow: 'Odwołaj wizytę', keep: 'Zostaw',
        message: 'Wiadomość dla nas (opcjonalnie)', with: 'Z', signOut: 'Wyloguj', failed: 'Coś poszło nie tak. Spróbuj ponownie.',
        linkUsed: 'Ten link został już użyty. Poproś o nowy, aby zalogować się ponownie.', linkExpired: 'Ten link wygasł. Poproś o nowy.',
        linkInvalid: 'Ten link jest nieprawidłowy.', noSession: 'Otwórz link z wiadomości e-mail, aby zobaczyć swoje wizyty.',
        cancelledDone: 'Wizyta została odwołana.', confirmedDone: 'Dziękujemy: obecność potwierdzona.',
        offer: 'Zwolnił się termin dla Ciebie', take: 'Biorę', taken: 'Termin jest Twój: znajdziesz go w swoich wizytach.', gone: 'Ktoś był szybszy albo oferta wygasła.', until: 'Do',
        status: { booked: 'Zarezerwowana', arrived: 'Na miejscu', completed: 'Zakończona', cancelled: 'Odwołana', noShow: 'Nieobecność', past: 'Minęła' },
    },
    es: {
        title: 'Tus citas', loading: 'Cargando…', none: 'No tienes citas.', confirm: 'Confirmar asistencia',
        confirmed: 'Asistencia confirmada', cancel: 'Cancelar la cita…', cancelNow: 'Cancelar la cita', keep: 'Mantenerla',
        message: 'Mensaje para nosotros (opcional)', with: 'Con', signOut: 'Cerrar sesión', failed: 'Algo ha fallado. Inténtalo de nuevo.',
        linkUsed: 'Este enlace ya se ha usado. Pide uno nuevo para volver a entrar.', linkExpired: 'Este enlace ha caducado. Pide uno nuevo.',
        linkInvalid: 'Este enlace no es válido.', noSession: 'Abre el enlace de tu correo para ver tus citas.',
        cancelledDone: 'La cita está cancelada.', confirmedDone: 'Gracias: tu asistencia está confirmada.',
        offer: 'Hay un hueco libre para ti', take: 'Lo quiero', taken: 'Es tuyo: lo verás en tus citas.', gone: 'Alguien ha sido más rápido o la oferta ha caducado.', until: 'Hasta las',
        status: { booked: 'Reservada', arrived: 'En el centro', completed: 'Completada', cancelled: 'Cancelada', noShow: 'No asistida', past: 'Pasada' },
    },
    fr: {
        title: 'Vos rendez-vous', loading: 'Chargement…', none: "Vous n'avez aucun rendez-vous.", confirm: 'Confirmer ma présence',
        confirmed: 'Présence confirmée', cancel: 'Annuler le rendez-vous…', cancelNow: 'Annuler le rendez-vous', keep: 'Le garder',
        message: 'Message pour nous (facultatif)', with: 'Avec', signOut: 'Se déconnecter', failed: "Une erreur s'est produite. Réessayez.",
        linkUsed: 'Ce lien a déjà été utilisé. Demandez-en un nouveau pour vous reconnecter.', linkExpired: 'Ce lien a expiré. Demandez-en un nouveau.',
        linkInvalid: "Ce lien n'est pas valide.", noSession: 'Ouvrez le lien reçu par e-mail pour voir vos rendez-vous.',
        cancelledDone: 'Le rendez-vous est annulé.', confirmedDone: 'Merci : votre présence est confirmée.',
        offer: "Un créneau s'est libéré pour vous", take: 'Je le prends', taken: 'Il est à vous : retrouvez-le dans vos rendez-vous.', gone: "Quelqu'un a été plus rapide, ou l'offre a expiré.", until: "Jusqu'à",
        status: { booked: 'Réservé', arrived: 'Arrivé', completed: 'Terminé', cancelled: 'Annulé', noShow: 'Absent', past: 'Passé' },
    },
    lt: {
        title: 'Jūsų vizitai', loading: 'Įkeliama…', none: 'Neturite vizitų.', confirm: 'Patvirtinti atvykimą',
        confirmed: 'Atvykimas patvirtintas', cancel: 'Atšaukti vizitą…', cancelNow: 'Atšaukti vizitą', keep: 'Palikti',
        message: 'Žinutė mums (nebūtina)', with: 'Su', signOut: 'Atsijungti', failed: 'Kažkas nepavyko. Bandykite dar kartą.',
        linkUsed: 'Ši nuoroda jau panaudota. Paprašykite naujos, kad vėl prisijungtumėte.', linkExpired: 'Ši nuoroda nebegalioja. Paprašykite naujos.',
        linkInvalid: 'Ši nuoroda netinkama.', noSession: 'Atidarykite nuorodą iš el. laiško, kad pamatytumėte savo vizitus.',
        cancelledDone: 'Vizitas atšauktas.', confirmedDone: 'Ačiū: atvykimas patvirtintas.',
        offer: 'Atsilaisvino laikas jums', take: 'Imu', taken: 'Laikas jūsų: jį rasite savo vizituose.', gone: 'Kažkas buvo greitesnis arba pasiūlymas nebegalioja.', until: 'Iki',
        status: { booked: 'Rezervuotas', arrived: 'Atvyko', completed: 'Įvykęs', cancelled: 'Atšauktas', noShow: 'Neatvyko', past: 'Praėjęs' },
    },
};

const stored = 'realtime.client.session';
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
    }
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
    const token = new URLSearchParams(location.search).get('token');
    if (token) {
        history.replaceState(null, '', location.pathname);
        try {
            const opened = await api('POST', '/api/client/auth/session', { token });
            sessionStorage.setItem(stored, JSON.stringify(opened));
            return opened;
        } catch (error) {
            if (!(error instanceof Refused)) throw error;
            sessionStorage.removeItem(stored);
            say(error.code === 'link_used' ? t.linkUsed : error.code === 'link_expired' ? t.linkExpired : error.code === 'rate_limited' ? error.message : t.linkInvalid);
            return null;
        }
    }
    const kept = JSON.parse(sessionStorage.getItem(stored) ?? 'null');
    return kept && Date.parse(kept.expiresAt) > Date.now() ? kept : null;
}

/** The visit's day and times on its location's clock, in the client's language (English as written in Europe: 24 hours). */
function when(appointment, timeZone) {
    const locale = language === 'en' ? 'en-GB' : language;
    const start = new Date(appointment.start);
    const end = new Date(appointment.end);
    const day = new Intl.DateTimeFormat(locale, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone }).format(start);
    const time = new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone });
    return `${day}, ${time.format(start)}–${time.format(end)}`;
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
    const item = h('li', { class: 'card', 'data-appointment-id': appointment.id, 'data-status': appointment.status },
        details(appointment, appointment.serviceIds, catalog),
        h('span', { class: 'chip', 'data-status': appointment.status }, t.status[appointment.status] ?? appointment.status),
        appointment.status === 'booked' && appointment.confirmed ? h('span', { class: 'chip confirmed' }, t.confirmed) : null,
        actions, note);

    const replace = (changed, done) => {
        const next = card(changed, catalog, current);
        item.replaceWith(next);
        next.querySelector('.done').textContent = done;
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
            note.textContent = error.message || t.failed;
            button.disabled = false;
        }
    };

    if (appointment.status === 'booked') {
        if (!appointment.confirmed) {
            const confirm = h('button', { type: 'button', class: 'primary', onclick: () => send(confirm, 'confirm', {}, t.confirmedDone) }, t.confirm);
            actions.append(confirm);
        }
        const cancel = h('button', { type: 'button', class: 'danger', onclick: () => {
            const message = h('textarea', { rows: 2, maxlength: 4000 });
            const now = h('button', { type: 'button', class: 'danger', onclick: () => send(now, 'cancel', { message: message.value.trim() || undefined }, t.cancelledDone) }, t.cancelNow);
            const keep = h('button', { type: 'button', onclick: () => replace(appointment, '') }, t.keep);
            actions.replaceChildren(h('label', {}, t.message, message), now, keep);
            message.focus();
        } }, t.cancel);
        actions.append(cancel);
    }
    return item;
}

/** An open offer from a waiting list: the freed slot, until when it is held, and the button that takes it. */
function offerCard(offer, catalog, current) {
    const timeZone = catalog.locations.find(l => l.id === offer.locationId)?.timeZone ?? 'UTC';
    const until = new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : language, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone })
        .format(new Date(offer.expiresAt));
    const note = h('p', { class: 'done', role: 'status' });
    const take = h('button', { type: 'button', class: 'primary', onclick: async () => {
        take.disabled = true;
        try {
            await api('POST', `/api/client/offers/${offer.id}/accept`, {}, current);
            await show(current);
            say(t.taken);
        } catch (error) {
            if (!(error instanceof Refused)) throw error;
            note.className = 'problem';
            note.textContent = error.code === 'offer_gone' ? t.gone : error.message || t.failed;
        }
    } }, t.take);
    return h('li', { class: 'card offer', 'data-offer-id': offer.id },
        h('strong', {}, t.offer),
        details(offer, [offer.serviceId], catalog),
        h('span', { class: 'chip' }, `${t.until} ${until}`),
        h('div', { class: 'actions' }, take), note);
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
    const [catalog, appointments, offers] = await Promise.all([
        api('GET', '/api/client/catalog', undefined, current),
        current.appointmentId
            ? api('GET', `/api/client/appointments/${current.appointmentId}`, undefined, current).then(a => [a])
            : api('GET', '/api/client/appointments', undefined, current).then(page => page.items),
        current.appointmentId ? [] : api('GET', '/api/client/offers', undefined, current),
    ]);
    document.getElementById('business').textContent = catalog.business;
    say(appointments.length + offers.length === 0 ? t.none : '');
    document.getElementById('appointments').replaceChildren(
        ...offers.map(o => offerCard(o, catalog, current)), ...appointments.map(a => card(a, catalog, current)));
}

document.getElementById('title').textContent = t.title;
try {
    const current = await session();
    if (current) await show(current);
    else if (!statusLine.textContent) say(t.noSession);
} catch (error) {
    if (error instanceof Refused && error.status === 401) {
        sessionStorage.removeItem(stored);
        say(t.noSession);
    } else {
        say(t.failed);
        throw error;
    }
}
