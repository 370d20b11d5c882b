// The page's dialogs: book, appointment details with its actions, and the question after a drag.
import { ApiError, changedElsewhere, del, get, onVersion, patch, post } from './api.js';
import { check, field, h, uuid } from './dom.js';
import { actorName, changedElsewhereText, completable, dayHasCome, flagsOf, historyDetails, isBreak, isClass, kindLabels, money, personName, resourceNames, seatsText, serviceNames, statusLabels, timeText, visitName } from './format.js';
import * as zone from './zone.js';

const fieldLabels = {
    resourceIds: 'With', start: 'Start', durationMinutes: 'Minutes', serviceIds: 'Services', clientId: 'Client', kind: 'Type',
    firstName: 'First name', lastName: 'Last name', email: 'E-mail', phone: 'Phone', locationId: 'Location',
    totalPrice: 'Total cost', price: 'Price', reason: 'Reason', nextVisit: 'Next visit', date: 'Date', 'nextVisit.start': 'Next visit',
};
const guids = /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi;

/** Replaces ids in a server message by what the desk calls them: "Maria Kowalska", "Ewa Zielińska, 10:00–11:30". */
export function readable(desk) {
    return text => String(text ?? '').replace(guids, id => {
        const a = desk.day?.appointments.get(id);
        if (a) return `${visitName(a, desk.clients, desk.services)}, ${timeText(a, desk.timeZone)}`;
        const named = desk.resources.get(id)?.name ?? desk.services.get(id)?.name ?? personName(desk.clients.get(id)) ?? '';
        return named || `…${id.slice(0, 8)}`;
    });
}

/** A refused request, plainly: what happened, why, which fields, and the API's code. */
export function problemNode(error, say = text => text) {
    const fields = Object.entries(error.errors ?? {}).flatMap(([field, messages]) =>
        messages.map(m => (field ? `${fieldLabels[field] ?? field}: ${say(m)}` : say(m))));
    return h('div', { class: 'problem', role: 'alert', 'data-code': error.code ?? 'error' },
        h('strong', { class: 'problem-title' }, error.title ?? 'Something went wrong.'),
        error.detail && error.detail !== error.title ? h('span', { class: 'problem-detail' }, ` ${say(error.detail)}`) : null,
        fields.length > 0 ? h('ul', { class: 'problem-fields' }, fields.map(m => h('li', {}, m))) : null,
        error.code ? h('code', { class: 'problem-code' }, error.code) : null);
}

/** Actions the API lets staff take outside working hours when they say so. */
const overridable = new Set(['restore', 'edit']);

const paths = {
    confirm: 'confirm', unconfirm: 'unconfirm', arrive: 'arrive', complete: 'complete', cancel: 'cancel', noShow: 'no-show',
    restore: 'restore', undoCompletion: 'undo-completion', move: 'reschedule',
};

const visitActions = {
    booked: ['confirm', 'arrive', 'complete', 'move', 'cancel', 'noShow', 'edit'],
    arrived: ['complete', 'move', 'cancel', 'noShow', 'edit'],
    past: ['complete', 'cancel', 'noShow', 'edit'],
    completed: ['undoCompletion', 'cancel', 'edit'],
    cancelled: ['restore', 'move', 'complete'],
    noShow: ['restore', 'complete'],
};
const breakActions = { booked: ['move', 'cancel'], arrived: ['move', 'cancel'], past: ['cancel'], completed: [], cancelled: ['restore'], noShow: ['restore'] };

const cancelledBy = { client: 'by the client', business: 'by the business', clientDeleted: 'as the client was deleted' };
const sources = [['', 'Not recorded'], ['phone', 'Phone'], ['walk-in', 'Walk-in'], ['online', 'Online'], ['sms-campaign', 'SMS campaign'], ['ad', 'Advertisement'], ['other', 'Other']];

const isDate = value => /^\d{4}-\d{2}-\d{2}$/.test(value);
const isTime = value => /^\d{2}:\d{2}/.test(value);

/**
 * A form's date and time as an instant at the location, at `offset` if the clocks show that time twice; an empty or
 * partial one is refused here, never sent as midnight, and so is a time the clocks skip, never sent as an hour later.
 */
function startFrom(date, time, timeZone, field = 'start', offset = undefined) {
    const errors = {};
    if (!isDate(date.value)) errors[field === 'start' ? 'date' : field] = ['Choose a date.'];
    if (!isTime(time.value)) errors[field] = [...(errors[field] ?? []), 'Choose a time.'];
    if (Object.keys(errors).length > 0) throw new ApiError(400, { code: 'validation_failed', title: 'The date or time is missing.', errors });
    const wall = `${date.value}T${time.value}`;
    const change = zone.skippedBy(wall, timeZone);
    if (change) {
        throw new ApiError(400, {
            code: 'validation_failed', title: 'That time does not exist at the location.',
            errors: { [field]: [`There is no ${zone.hhmm(wall)} on ${zone.formatDate(date.value)}: ${zone.changeText(change)}.`] },
        });
    }
    return zone.wallToIso(wall, timeZone, offset);
}

/**
 * Date and time inputs of a wall-clock time at the location and, when its clocks show that time twice, the choice of
 * which of the two (the one `offset` minutes ahead of UTC, or else the first); `read(field)` is the instant they make.
 */
function whenFields(wall, offset, timeZone) {
    const date = h('input', { type: 'date', name: 'date', required: true, value: wall.slice(0, 10) });
    const time = h('input', { type: 'time', name: 'time', required: true, step: 300, value: zone.hhmm(wall) });
    const pass = h('select', { name: 'pass' });
    const passField = field('This time happens twice', pass);
    const showPasses = () => {
        const instants = isDate(date.value) && isTime(time.value) ? zone.wallInstants(`${date.value}T${time.value}`, timeZone) : [];
        const chosen = pass.value === '' ? offset : Number(pass.value);
        passField.hidden = instants.length < 2;
        pass.replaceChildren(...instants.map((ms, i) => {
            const at = zone.offsetMinutes(ms, timeZone);
            const which = i === 0 ? ['1st', 'before'] : ['2nd', 'after'];
            return h('option', { value: at, selected: at === chosen },
                `${which[0]} ${zone.hhmm(time.value)} (UTC${zone.offsetText(at)}, ${which[1]} the clocks go back)`);
        }));
    };
    date.addEventListener('input', showPasses);
    time.addEventListener('input', showPasses);
    showPasses();
    return { date, time, pass: passField, read: (name = 'start') => startFrom(date, time, timeZone, name, passField.hidden ? undefined : Number(pass.value)) };
}

function debounce(fn, ms) {
    let timer;
    return (...args) => {
        clearTimeout(timer);
        timer = setTimeout(() => fn(...args), ms);
    };
}

export class Dialogs {
    #dialog = document.getElementById('dialog');
    #refresh = null;
    #onClose = null;
    /** The seat last taken out of a class here, which the class's details offer to give back while it is free. */
    #seatTakenOut = null;

    constructor(desk, { notice }) {
        this.desk = desk;
        this.notice = notice;
        this.say = readable(desk);
        this.#dialog.addEventListener('close', () => {
            this.#refresh = null;
            this.#seatTakenOut = null;
            const onClose = this.#onClose;
            this.#onClose = null;
            onClose?.();
        });
    }

    close() {
        if (this.#dialog.open) this.#dialog.close();
    }

    #showProblem(box, error) {
        box.replaceChildren(problemNode(error, this.say));
        box.scrollIntoView({ block: 'nearest' });
    }

    /** Called after every change of the day: an open details view follows it. */
    refresh() {
        this.#refresh?.();
    }

    #open(title, body, className = '') {
        const previous = this.#onClose;
        this.#onClose = null;
        previous?.(); // a question still open counts as answered "no"
        this.#refresh = null;
        this.#dialog.className = className;
        this.#dialog.replaceChildren(
            h('header', { class: 'dlg-head' },
                h('h2', {}, title),
                h('button', { type: 'button', class: 'dlg-x', 'aria-label': 'Close', onclick: () => this.close() }, '×')),
            body);
        if (!this.#dialog.open) this.#dialog.showModal();
    }

    get #context() {
        const { clients, services, timeZone } = this.desk;
        return { clients, services, timeZone };
    }

    #resourceName = id => this.desk.resources.get(id)?.name ?? 'Unknown resource';

    /** Checkboxes of the location's columns (plus any already chosen), as a fieldset. */
    #resourcePicker(chosen) {
        const ids = [...new Set([...this.desk.columns.map(r => r.id), ...chosen])];
        return h('fieldset', { class: 'picker' },
            h('legend', {}, 'With'),
            ids.map(id => check(`${this.#resourceName(id)} (${kindLabels[this.desk.resources.get(id)?.kind] ?? '?'})`,
                { name: 'resource', value: id, checked: chosen.includes(id) })));
    }

    // ------------------------------------------------------------ book

    /** prefill: {start: wall "YYYY-MM-DDTHH:mm", offset? (of a time shown twice), resourceIds, serviceIds?, clientId?, durationMinutes?, kind?, notes?, asap?, problem?} */
    booking(prefill) {
        const desk = this.desk;
        const timeZone = desk.timeZone;
        const state = {
            kind: prefill.kind ?? 'appointment',
            client: prefill.clientId ? (desk.clients.get(prefill.clientId) ?? { id: prefill.clientId }) : null,
            newClient: false,
            allowDuplicate: false, // the desk chose to create a client whose e-mail or phone another client has
            keys: new Map(), // request body → Idempotency-Key: a retry of the same booking books it once
        };

        const kindRadio = (value, label) => h('label', { class: 'seg' },
            h('input', { type: 'radio', name: 'kind', value, checked: state.kind === value, onchange: () => setKind(value) }), h('span', {}, label));
        const when = whenFields(prefill.start, prefill.offset, timeZone);
        const duration = h('input', {
            type: 'number', name: 'duration', required: true, min: 5, max: 1440, step: 5,
            value: prefill.durationMinutes ?? 30,
        });
        const services = [...desk.services.values()].sort((a, b) => a.name.localeCompare(b.name));
        const serviceBoxes = services.map(s => check(
            h('span', {}, s.name, h('small', {}, ` ${s.durationMinutes} min · ${money(s.price)}`)),
            { name: 'service', value: s.id, checked: prefill.serviceIds?.includes(s.id), onchange: () => durationFromServices() }));
        const durationFromServices = () => {
            const total = services.filter((s, i) => serviceBoxes[i].querySelector('input').checked).reduce((sum, s) => sum + s.durationMinutes, 0);
            if (total > 0) duration.value = total;
        };

        // Client: search, pick, or create.
        const firstName = h('input', { name: 'firstName', autocomplete: 'off' });
        const lastName = h('input', { name: 'lastName', autocomplete: 'off' });
        const email = h('input', { name: 'email', type: 'email', autocomplete: 'off' });
        const phone = h('input', { name: 'phone', type: 'tel', autocomplete: 'off' });
        const clientBox = h('div', { class: 'client-box' });
        const renderClient = () => {
            if (state.client) {
                const c = state.client;
                clientBox.replaceChildren(h('div', { class: 'client-chosen' },
                    h('span', {}, h('strong', {}, personName(c) || 'Client'), h('small', {}, ` ${[c.phone, c.email].filter(Boolean).join(' · ')}`)),
                    c.blacklisted ? h('span', { class: 'flag flag-blacklisted' }, 'Blacklisted') : null,
                    h('button', { type: 'button', class: 'link', onclick: () => { state.client = null; renderClient(); search.focus(); } }, 'Change')));
            } else if (state.newClient) {
                clientBox.replaceChildren(h('div', { class: 'grid2' },
                    field('First name', firstName), field('Last name', lastName), field('E-mail', email), field('Phone', phone)),
                h('button', { type: 'button', class: 'link', onclick: () => { state.newClient = false; renderClient(); } }, 'Search instead'));
            } else {
                clientBox.replaceChildren(h('div', { class: 'search-row' }, search,
                    h('button', { type: 'button', class: 'secondary', onclick: () => newClient(search.value) }, 'New client')), results);
            }
        };
        const newClient = text => {
            text = text.trim();
            if (text.includes('@')) email.value = text;
            else if (/^[+\d][\d\s-]+$/.test(text)) phone.value = text;
            else if (text) [firstName.value, lastName.value = ''] = text.split(/\s+(.*)/);
            state.newClient = true;
            renderClient();
            (firstName.value ? (lastName.value ? email : lastName) : firstName).focus();
        };
        const choose = client => {
            state.client = client;
            renderClient();
        };
        const { search, results } = this.#clientFinder(choose, newClient);
        renderClient();

        const firstConsultation = check('First consultation', { name: 'firstConsultation' });
        const asap = check('ASAP: would come earlier', { name: 'asap', checked: prefill.asap });
        const notifyClient = check('Send the client a confirmation', { name: 'notifyClient' });
        const override = check('Allow outside working hours', { name: 'override' });
        const source = h('select', { name: 'source' }, sources.map(([value, label]) => h('option', { value }, label)));
        const notes = h('textarea', { name: 'notes', rows: 1, placeholder: 'For the staff member' }, prefill.notes ?? '');
        const errors = h('div', { class: 'errors' });
        const submit = h('button', { type: 'submit', class: 'primary' }, 'Book');

        const sourceField = field('Source', source);
        const visitOnly = [
            h('fieldset', { class: 'picker services' }, h('legend', {}, 'Services'), serviceBoxes.length ? serviceBoxes : h('p', { class: 'muted' }, 'No services yet.')),
            h('fieldset', { class: 'client' }, h('legend', {}, 'Client'), clientBox),
            sourceField, firstConsultation, asap, notifyClient,
        ];
        const setKind = kind => {
            state.kind = kind;
            for (const element of visitOnly) element.hidden = kind === 'break';
            submit.textContent = kind === 'break' ? 'Add break' : 'Book';
            const title = this.#dialog.querySelector('.dlg-head h2');
            if (title) title.textContent = kind === 'break' ? 'New break' : 'New booking';
        };

        const form = h('form', { class: 'dlg-body booking', novalidate: true },
            h('div', { class: 'segmented' }, kindRadio('appointment', 'Appointment'), kindRadio('break', 'Break')),
            h('div', { class: 'grid3' }, field('Date', when.date), field('Start', when.time), field('Minutes', duration)), when.pass,
            this.#resourcePicker(prefill.resourceIds ?? []),
            visitOnly[0], visitOnly[1],
            h('div', { class: 'grid2' }, sourceField, field('Notes', notes)),
            h('div', { class: 'checks' }, firstConsultation, asap, notifyClient, override),
            errors,
            h('footer', { class: 'dlg-foot' }, h('button', { type: 'button', class: 'secondary', onclick: () => this.close() }, 'Cancel'), submit));
        setKind(state.kind);
        if (prefill.serviceIds?.length && !prefill.durationMinutes) durationFromServices();
        if (prefill.problem) this.#showProblem(errors, prefill.problem);

        form.addEventListener('submit', async event => {
            event.preventDefault();
            errors.replaceChildren();
            submit.disabled = true;
            try {
                const isVisit = state.kind === 'appointment';
                const start = when.read(); // before a new client is made for a booking that cannot be sent
                if (isVisit && state.newClient) {
                    const created = await post('/api/clients', {
                        firstName: firstName.value.trim(), lastName: lastName.value.trim(), email: email.value.trim(), phone: phone.value.trim() || undefined,
                        allowDuplicate: state.allowDuplicate || undefined,
                    });
                    desk.clients.set(created.id, created);
                    state.newClient = false;
                    choose(created);
                }
                const body = {
                    locationId: desk.location.id,
                    kind: state.kind,
                    resourceIds: [...form.querySelectorAll('input[name=resource]:checked')].map(i => i.value),
                    start,
                    durationMinutes: Number(duration.value),
                    notes: notes.value.trim() || undefined,
                    overrideWorkingHours: override.querySelector('input').checked,
                    ...(isVisit ? {
                        serviceIds: [...form.querySelectorAll('input[name=service]:checked')].map(i => i.value),
                        clientId: state.client?.id,
                        firstConsultation: firstConsultation.querySelector('input').checked,
                        asap: asap.querySelector('input').checked,
                        source: source.value || undefined,
                        notifyClient: notifyClient.querySelector('input').checked,
                    } : {}),
                };
                const json = JSON.stringify(body);
                if (!state.keys.has(json)) state.keys.set(json, uuid());
                const booked = await post('/api/appointments', body, { 'Idempotency-Key': state.keys.get(json) });
                desk.feed.put(booked, isVisit ? state.client : null);
                this.close();
                const on = zone.toWall(booked.start, timeZone).slice(0, 10) === desk.day?.date ? '' : ` on ${zone.formatDate(zone.toWall(booked.start, timeZone).slice(0, 10))}`;
                this.notice(`${isBreak(booked) ? 'Break added' : `Booked ${visitName(booked, desk.clients, desk.services)}`}: ${timeText(booked, timeZone)}${on}.`, 'ok');
            } catch (error) {
                if (!(error instanceof ApiError)) throw error;
                this.#showProblem(errors, error);
                if (error.code === 'client_exists' && state.newClient) {
                    errors.append(sameClientChoices(error.existingClientId));
                    errors.scrollIntoView({ block: 'nearest' });
                }
            } finally {
                submit.disabled = false;
            }
        });
        // The new client's e-mail or phone is another client's: book for that client, or create this one all the same.
        const sameClientChoices = existingId => h('div', { class: 'problem-actions' },
            h('button', {
                type: 'button', class: 'secondary', onclick: async () => {
                    try {
                        const existing = await get(`/api/clients/${existingId}`);
                        desk.clients.set(existing.id, existing);
                        state.newClient = false;
                        choose(existing);
                        errors.replaceChildren();
                    } catch (error) {
                        if (!(error instanceof ApiError)) throw error;
                        this.#showProblem(errors, error);
                    }
                },
            }, 'Open the existing client'),
            h('button', { type: 'button', class: 'link', onclick: () => { state.allowDuplicate = true; form.requestSubmit(); } },
                'Create a new client anyway'));

        this.#open(state.kind === 'break' ? 'New break' : 'New booking', form, 'dlg-booking');
        (state.kind === 'appointment' && !state.client ? search : when.time).focus();
    }

    /** A client search box and its matches: picking one calls onChoose; with onCreate, a name nobody has can become a new client. */
    #clientFinder(onChoose, onCreate = null) {
        const search = h('input', {
            type: 'search', name: 'client-search', autocomplete: 'off', placeholder: 'Name, e-mail or phone',
            'aria-label': 'Search clients',
        });
        const results = h('ul', { class: 'client-results', role: 'listbox' });
        let searches = 0;
        const runSearch = debounce(async () => {
            const text = search.value.trim();
            const mine = ++searches;
            if (text.length < 2) return results.replaceChildren();
            try {
                const page = await get(`/api/clients?search=${encodeURIComponent(text)}&pageSize=10`);
                if (mine !== searches) return;
                results.replaceChildren(...page.items.map(c => h('li', {},
                    h('button', { type: 'button', class: 'client-option', onclick: () => onChoose(c) },
                        h('strong', {}, personName(c)), h('small', {}, [c.phone, c.email].filter(Boolean).join(' · ')),
                        c.blacklisted ? h('span', { class: 'flag flag-blacklisted' }, 'Blacklisted') : null))));
                if (page.items.length === 0) {
                    results.replaceChildren(h('li', { class: 'muted' }, `No client matches “${text}”. `,
                        onCreate ? h('button', { type: 'button', class: 'link', onclick: () => onCreate(text) }, 'Create a new client') : null));
                } else if (page.total > page.items.length) {
                    results.append(h('li', { class: 'muted' }, `${page.total - page.items.length} more: type more to narrow down.`));
                }
            } catch (error) {
                if (mine === searches) results.replaceChildren(h('li', {}, problemNode(error, this.say)));
            }
        }, 200);
        search.addEventListener('input', runSearch);
        search.addEventListener('keydown', e => {
            if (e.key !== 'Enter') return;
            e.preventDefault(); // Enter picks the first match instead of sending the form
            results.querySelector('.client-option')?.click();
        });
        return { search, results };
    }

    // ------------------------------------------------------------ details and actions

    details(id) {
        // What the dialog shows changes with the appointment's version, with seat holders' names arriving after it, and
        // with a seat just taken out here.
        const shownState = a => a && `${a.version}/${(a.seats ?? []).filter(c => this.desk.clients.has(c)).length}/${this.#seatTakenOut?.clientId ?? ''}`;
        let shown = null;
        const show = () => {
            const a = this.desk.day?.appointments.get(id);
            const historyOpen = this.#dialog.open && this.#dialog.querySelector('.history')?.open;
            const seatSearch = this.#dialog.open ? this.#dialog.querySelector('.seat-add input') : null;
            const typed = seatSearch?.value ?? '';
            const typing = seatSearch !== null && document.activeElement === seatSearch;
            shown = shownState(a);
            if (!a) {
                this.#open('Appointment', h('div', { class: 'dlg-body' }, h('p', {}, 'This appointment is no longer on this day.')));
            } else {
                const title = visitName(a, this.desk.clients, this.desk.services);
                this.#open(title, this.#detailsBody(a), `dlg-details fd fd-${a.status}`);
                // A change arriving while the history is read keeps it open (and reads it again, with the change); one
                // arriving while a client is being looked up for a seat keeps what was typed, and the search.
                if (historyOpen) this.#dialog.querySelector('.history').open = true;
                const search = this.#dialog.querySelector('.seat-add input');
                if (search && typed) {
                    search.value = typed;
                    search.dispatchEvent(new Event('input'));
                }
                if (search && typing) search.focus();
            }
            this.#refresh = () => {
                if (shownState(this.desk.day?.appointments.get(id)) !== shown) show();
            };
        };
        show();
    }

    #detailsBody(a) {
        const { clients, services, timeZone } = this.#context;
        const client = clients.get(a.clientId);
        const when = `${zone.formatDate(zone.toWall(a.start, timeZone).slice(0, 10))}, ${timeText(a, timeZone)} (${a.durationMinutes} min)`;
        const buffers = [a.bufferBeforeMinutes && `${a.bufferBeforeMinutes} min before`, a.bufferAfterMinutes && `${a.bufferAfterMinutes} min after`].filter(Boolean);
        const shown = v => v != null && v !== '' && v !== false && !(Array.isArray(v) && v.length === 0);
        const row = (label, ...value) => (value.some(shown) ? [h('dt', {}, label), h('dd', {}, ...value)] : []);
        const flags = flagsOf(a, clients).map(([key, text, title]) => h('span', { class: `flag flag-${key}`, title }, `${text} `, h('small', {}, title)));

        const list = h('dl', { class: 'facts' },
            row('Status', h('span', { class: `chip chip-${a.status}` }, statusLabels[a.status])),
            row('When', when, buffers.length ? h('small', {}, ` · buffer ${buffers.join(', ')}`) : null),
            row('With', resourceNames(a.resourceIds, this.desk.resources)),
            row('Services', serviceNames(a, services)),
            row('Client', client && !isBreak(a) && !isClass(a) ? this.#person(client) : null),
            row('Seats', isClass(a) ? this.#seats(a) : null),
            row('Flags', flags.length ? h('span', { class: 'flags' }, flags) : null),
            row('Price', money(a.price)),
            row('Labels', (a.labels ?? []).map(l => h('span', { class: 'label' }, l))),
            row('Source', sources.find(([value]) => value === a.source)?.[1] ?? a.source),
            row('Notes', a.notes),
            row('Cancelled', a.cancellation ? `${cancelledBy[a.cancellation.reason] ?? cancelledBy.business}${a.cancellation.message ? `: “${a.cancellation.message}”` : ''}` : null),
            row('Comments', (a.comments ?? []).length ? h('ul', { class: 'comments' }, a.comments.map(c =>
                h('li', {}, c.text, h('small', {}, ` — ${c.author?.name ?? ''}, ${zone.hhmm(zone.toWall(c.at, timeZone))}`)))) : null));

        const actions = (isBreak(a) ? breakActions : visitActions)[a.status] ?? [];
        const bar = h('div', { class: 'actions' }, actions.map(action => this.#actionButton(a, action)));
        const errors = h('div', { class: 'errors' });
        this.errors = errors;
        return h('div', { class: 'dlg-body' }, list, errors, bar, this.#history(a.id));
    }

    #person = c => h('span', {}, personName(c) || 'Client…', c.phone ? h('a', { href: `tel:${c.phone}`, class: 'phone' }, ` ${c.phone}`) : null);

    /** A class's seat holders, each of whom the desk can take out, and a search to seat one more while seats are free. */
    #seats(a) {
        const changeable = ['booked', 'arrived'].includes(a.status);
        const errors = h('div', { class: 'errors' });
        const send = async (request, done) => {
            errors.replaceChildren();
            try {
                const view = await request();
                this.desk.feed.put(view);
                this.notice(`${serviceNames(view, this.desk.services)}, ${timeText(view, this.desk.timeZone)}: ${done}, ${seatsText(view)} taken.`, 'ok');
                return true;
            } catch (error) {
                if (!(error instanceof ApiError)) throw error;
                this.#showProblem(errors, error);
                return false;
            }
        };
        const holders = (a.seats ?? []).map(id => {
            const name = personName(this.desk.clients.get(id)) || 'Client…';
            return h('li', { 'data-client-id': id }, this.#person(this.desk.clients.get(id) ?? {}),
                changeable ? h('button', {
                    type: 'button', class: 'link', 'aria-label': `Take ${name} out of the class`,
                    onclick: async () => {
                        if (await send(() => del(`/api/appointments/${a.id}/seats/${id}`), `${name} taken out`)) {
                            this.#seatTakenOut = { appointmentId: a.id, clientId: id };
                            this.refresh();
                        }
                    },
                }, 'Remove') : null);
        });
        const seat = client => {
            if (a.seats?.includes(client.id)) {
                errors.replaceChildren(h('p', { class: 'problem', role: 'alert' }, `${personName(client)} already holds a seat in this class.`));
                return null;
            }
            this.desk.clients.set(client.id, client);
            return send(() => post(`/api/appointments/${a.id}/seats`, { clientId: client.id }), `${personName(client)} seated`);
        };
        const free = changeable && (a.seats?.length ?? 0) < a.capacity;
        const { search, results } = free ? this.#clientFinder(seat) : {};
        // Taken out by mistake: given back at once, while the seat is still free.
        const out = this.#seatTakenOut?.appointmentId === a.id && free && !a.seats?.includes(this.#seatTakenOut.clientId) ? this.#seatTakenOut.clientId : null;
        const outName = out && (personName(this.desk.clients.get(out)) || 'Client');
        const undo = out && h('p', { class: 'seat-undo' }, `${outName} taken out. `, h('button', {
            type: 'button', class: 'link', onclick: async () => {
                if (await send(() => post(`/api/appointments/${a.id}/seats`, { clientId: out }), `${outName} seated again`)) this.#seatTakenOut = null;
            },
        }, 'Undo'));
        return h('div', { class: 'seats' },
            h('span', {}, seatsText(a)),
            holders.length ? h('ul', { class: 'seat-list' }, holders) : null,
            undo,
            free ? h('div', { class: 'seat-add' }, h('small', { class: 'muted' }, 'Seat another client'), search, results) : null,
            errors);
    }

    /** Clients a history names (a seat holder gone from the class, a client who made a change) that the day does not know. */
    #learnClients(history) {
        return this.desk.feed.learnClients(history.flatMap(e =>
            [e.actor?.kind === 'client' ? e.actor.id : null, ...[...(e.details ?? '').matchAll(/client ([0-9a-f-]{36})/gi)].map(m => m[1])]));
    }

    /** The appointment's changes, newest first, read when opened: the day's calendar leaves histories out. */
    #history(id) {
        const { timeZone } = this.#context;
        const entries = h('ol', { reversed: true });
        const section = h('details', { class: 'history' }, h('summary', {}, 'History'), entries);
        let loaded = false;
        section.addEventListener('toggle', async () => {
            if (!section.open || loaded) return;
            loaded = true;
            entries.replaceChildren(h('li', {}, 'Loading…'));
            try {
                const { history } = await get(`/api/appointments/${id}`);
                await this.#learnClients(history);
                entries.replaceChildren(...history.toReversed().map(e => h('li', {},
                    h('span', { class: 'when' }, `${zone.formatDate(zone.toWall(e.at, timeZone).slice(0, 10), { day: 'numeric', month: 'short' })} ${zone.hhmm(zone.toWall(e.at, timeZone))}`),
                    ` ${e.action.replaceAll('-', ' ')}${e.details ? `: ${this.say(historyDetails(e.details, timeZone))}` : ''}${e.message ? ` “${e.message}”` : ''} `,
                    h('small', {}, actorName(e.actor, this.desk.clients)))));
            } catch (error) {
                loaded = false;
                entries.replaceChildren(h('li', {}, `The history could not be read: ${error.title ?? error.message}`));
            }
        });
        return section;
    }

    #actionButton(a, action) {
        const button = (label, onclick, className = 'secondary') => h('button', { type: 'button', class: className, 'data-action': action, onclick }, label);
        switch (action) {
            case 'confirm':
                return a.confirmed
                    ? button('Unconfirm', () => this.#act(a, 'unconfirm'))
                    : button('Confirm attendance', () => this.#act(a, 'confirm'), 'primary');
            // From its day on (the server refuses it before).
            case 'arrive': return dayHasCome(a, this.desk.timeZone) ? button('Arrived', () => this.#act(a, 'arrive'), 'primary') : null;
            case 'restore': return button('Restore', () => this.#act(a, 'restore'), 'primary');
            case 'undoCompletion': return button('Undo completion', () => this.#act(a, 'undoCompletion'));
            // From its day on, or once the client came (the server refuses it before).
            case 'complete': return completable(a, this.desk.timeZone)
                ? button('Complete…', () => this.#completeForm(a), a.status === 'arrived' ? 'primary' : 'secondary')
                : null;
            case 'move': return button(a.status === 'cancelled' ? 'Reschedule…' : 'Move…', () => this.#moveForm(a));
            case 'cancel': return isBreak(a)
                ? button('Remove break', () => this.#act(a, 'cancel', { reason: 'business' }), 'danger')
                : button('Cancel visit…', () => this.#cancelForm(a), 'danger');
            // Known only once the visit has begun (the server refuses it before, `visit_not_started`).
            case 'noShow': return Date.parse(a.start) <= Date.now() ? button('No-show…', () => this.#noShowForm(a), 'danger') : null;
            case 'edit': return button('Edit…', () => this.#editForm(a));
            default: return null;
        }
    }

    /** Sends an action; the answer (the appointment, or {appointment, nextVisit}) is shown at once. */
    async #act(a, action, body = {}, errors = this.errors) {
        errors?.replaceChildren();
        try {
            // Made on the version this dialog shows: a change someone made meanwhile is never overwritten.
            const result = action === 'edit'
                ? await patch(`/api/appointments/${a.id}`, body, onVersion(a))
                : await post(`/api/appointments/${a.id}/${paths[action]}`, body, onVersion(a));
            const view = result.appointment ?? result;
            this.desk.feed.put(view);
            this.close();
            const done = `${visitName(view, this.desk.clients, this.desk.services)}: ${this.#done(action, view)}.`;
            this.notice(done, 'ok');
            this.#nextVisit(result.nextVisit, done);
            return true;
        } catch (error) {
            if (!(error instanceof ApiError)) throw error;
            if (changedElsewhere(error)) {
                await this.showChangedElsewhere(a.id);
                return false;
            }
            if (errors) this.#showProblem(errors, error);
            else this.notice(error);
            // Staff may restore or lengthen a visit outside working hours on purpose: one click says so.
            if (errors && error.code === 'outside_working_hours' && overridable.has(action) && !body.overrideWorkingHours) {
                errors.append(h('button', {
                    type: 'button', class: 'secondary', onclick: () => this.#act(a, action, { ...body, overrideWorkingHours: true }, errors),
                }, 'Go ahead outside working hours'));
            }
            return false;
        }
    }

    /**
     * A change refused because someone else changed the visit first: the desk reads it again and shows it as it is now,
     * saying so in plain words (the day reloads if it cannot be read, e.g. deleted meanwhile).
     */
    async showChangedElsewhere(id) {
        try {
            this.desk.feed.put(await get(`/api/appointments/${id}`));
        } catch {
            await this.desk.feed.resync();
        }
        this.details(id);
        if (this.desk.day?.appointments.has(id)) {
            this.errors.replaceChildren(h('p', { class: 'problem', role: 'alert', 'data-code': 'appointment_changed' }, changedElsewhereText));
        } else {
            this.notice(changedElsewhereText);
        }
    }

    /** What an action did, as the notice after it says it. */
    #done(action, view) {
        const { timeZone } = this.#context;
        const when = timeText(view, timeZone);
        const date = zone.toWall(view.start, timeZone).slice(0, 10);
        const onAnotherDay = date === this.desk.day?.date ? '' : ` on ${zone.formatDate(date)}`;
        switch (action) {
            case 'confirm': return `attendance confirmed, ${when}`;
            case 'unconfirm': return `attendance no longer confirmed, ${when}`;
            case 'arrive': return `arrived, ${when}`;
            case 'complete': return `completed, ${when}`;
            case 'cancel': return isBreak(view) ? `removed, ${when}` : `cancelled, ${when}`;
            case 'noShow': return `marked as a no-show, ${when}`;
            case 'restore': return `restored (${statusLabels[view.status].toLowerCase()}), ${when}`;
            case 'undoCompletion': return `completion undone (${statusLabels[view.status].toLowerCase()}), ${when}`;
            case 'move': return `moved to ${when}${onAnotherDay} with ${resourceNames(view.resourceIds, this.desk.resources)}`;
            case 'edit': return `changes saved, ${when}`;
            default: return `${statusLabels[view.status].toLowerCase()}, ${when}`;
        }
    }

    /** The follow-up of a completion or cancellation: when and with whom it is booked (the desk tells the client there and then), or its draft to finish. */
    async #nextVisit(outcome, done) {
        if (!outcome) return;
        if (outcome.appointmentId) {
            const { timeZone } = this.#context;
            try {
                const next = await get(`/api/appointments/${outcome.appointmentId}`);
                const date = zone.formatDate(zone.toWall(next.start, timeZone).slice(0, 10));
                this.notice(`${done} Next visit booked: ${date}, ${timeText(next, timeZone)} with ${resourceNames(next.resourceIds, this.desk.resources)}.`, 'ok');
            } catch {
                this.notice(`${done} The next visit is booked.`, 'ok');
            }
            return;
        }
        if (outcome.draft) {
            const d = outcome.draft;
            this.booking({
                start: zone.toWall(d.start, this.desk.timeZone), offset: zone.offsetMinutes(Date.parse(d.start), this.desk.timeZone), resourceIds: d.resourceIds, serviceIds: d.serviceIds,
                clientId: d.clientId, durationMinutes: d.durationMinutes, notes: d.notes, asap: d.asap,
                problem: outcome.error && new ApiError(409, {
                    code: outcome.error.code, title: 'The next visit could not be booked: choose another time.', detail: outcome.error.message,
                    errors: Object.fromEntries((outcome.error.fields ?? []).map(f => [f.field, [f.message]])),
                }),
            });
        }
    }

    /** A small form replacing the details: fields, then the action with the body they make. */
    #form(a, title, fields, submitLabel, action, body, submitClass = 'primary') {
        const errors = h('div', { class: 'errors' });
        const form = h('form', { class: 'dlg-body', novalidate: true },
            ...fields, errors,
            h('footer', { class: 'dlg-foot' },
                h('button', { type: 'button', class: 'secondary', onclick: () => this.details(a.id) }, 'Back'),
                h('button', { type: 'submit', class: submitClass }, submitLabel)));
        form.addEventListener('submit', async event => {
            event.preventDefault();
            const submit = form.querySelector('button[type=submit]');
            submit.disabled = true;
            try {
                await this.#act(a, action, body(), errors);
            } catch (error) {
                if (!(error instanceof ApiError)) throw error;
                this.#showProblem(errors, error); // the form's own check, before anything is sent
            } finally {
                submit.disabled = false;
            }
        });
        this.#open(`${title}: ${visitName(a, this.desk.clients, this.desk.services)}`, form, `dlg-form fd fd-${a.status}`);
        form.querySelector('input, textarea, select')?.focus();
    }

    /** A class has none here: the next visit the API books is the first seat holder's alone. */
    #nextVisitField(a) {
        if (isClass(a)) return { element: null, value: () => undefined };
        const timeZone = this.desk.timeZone;
        const wall = zone.toWall(a.start, timeZone);
        const weekLater = `${new Date(Date.parse(`${wall.slice(0, 10)}T00:00:00Z`) + 7 * 86400000).toISOString().slice(0, 10)}${wall.slice(10)}`;
        const choice = h('select', { name: 'nextVisit' },
            h('option', { value: '' }, 'No next visit'),
            h('option', { value: 'week' }, 'Same time next week, same services'),
            h('option', { value: 'at' }, 'At another time…'));
        const when = whenFields(weekLater, zone.offsetMinutes(Date.parse(a.start), timeZone), timeZone);
        const at = h('div', { hidden: true }, h('div', { class: 'grid2' }, field('Date', when.date), field('Time', when.time)), when.pass);
        choice.addEventListener('change', () => (at.hidden = choice.value !== 'at'));
        return {
            element: h('div', {}, field('Next visit', choice), at),
            value: () => (choice.value === 'week' ? {} : choice.value === 'at' ? { start: when.read('nextVisit.start') } : undefined),
        };
    }

    #completeForm(a) {
        const servicesTotal = a.serviceIds.reduce((sum, id) => sum + (this.desk.services.get(id)?.price ?? 0), 0);
        const total = h('input', { type: 'number', name: 'totalPrice', min: 0, step: '0.01', value: money(a.price ?? servicesTotal) });
        const label = h('input', { name: 'label', placeholder: 'e.g. regular, VIP' });
        const comment = h('textarea', { name: 'comment', rows: 2 });
        const next = this.#nextVisitField(a);
        this.#form(a, 'Complete', [field('Total cost', total), field('Label', label), field('Comment', comment), next.element], 'Complete', 'complete', () => ({
            totalPrice: total.value === '' ? undefined : Number(total.value),
            label: label.value.trim() || undefined,
            comment: comment.value.trim() || undefined,
            nextVisit: next.value(),
        }));
    }

    #cancelForm(a) {
        // A class is cancelled by the business: its clients leave it one by one instead.
        const byDefault = isClass(a) ? 'business' : 'client';
        const reason = value => h('label', { class: 'seg' }, h('input', { type: 'radio', name: 'reason', value, checked: value === byDefault }),
            h('span', {}, value === 'client' ? 'Client cancelled' : 'We cancel'));
        const message = h('textarea', { name: 'message', rows: 2, placeholder: 'Optional message, sent with the notification' });
        const notifyClient = check(isClass(a) ? 'Tell every client in the class' : 'Tell the client', { name: 'notifyClient', checked: true });
        const notifyResource = check('Tell the staff member', { name: 'notifyResource' });
        const next = this.#nextVisitField(a);
        const form = [h('div', { class: 'segmented' }, reason('client'), reason('business')), field('Message', message),
            h('div', { class: 'checks' }, notifyClient, notifyResource), next.element];
        this.#form(a, 'Cancel', form, 'Cancel visit', 'cancel', () => ({
            reason: this.#dialog.querySelector('input[name=reason]:checked').value,
            message: message.value.trim() || undefined,
            notifyClient: notifyClient.querySelector('input').checked,
            notifyResource: notifyResource.querySelector('input').checked,
            nextVisit: next.value(),
        }), 'danger');
    }

    #noShowForm(a) {
        const blacklist = check('Also put the client on the blacklist', { name: 'blacklist' });
        this.#form(a, 'No-show', [h('p', {}, 'The client did not come. The time is freed.'), blacklist], 'Mark no-show', 'noShow',
            () => ({ blacklist: blacklist.querySelector('input').checked }), 'danger');
    }

    #moveForm(a) {
        const timeZone = this.desk.timeZone;
        const when = whenFields(zone.toWall(a.start, timeZone), zone.offsetMinutes(Date.parse(a.start), timeZone), timeZone);
        const picker = this.#resourcePicker(a.resourceIds);
        const notifyClient = check('Tell the client', { name: 'notifyClient', checked: !isBreak(a) });
        this.#form(a, a.status === 'cancelled' ? 'Reschedule' : 'Move', [h('div', { class: 'grid2' }, field('Date', when.date), field('Start', when.time)), when.pass, picker,
            isBreak(a) ? null : h('div', { class: 'checks' }, notifyClient)].filter(Boolean), 'Move', 'move', () => ({
            start: when.read(),
            resourceIds: [...picker.querySelectorAll('input:checked')].map(i => i.value),
            notifyClient: notifyClient.querySelector('input').checked,
        }));
    }

    #editForm(a) {
        const price = h('input', { type: 'number', name: 'price', min: 0, step: '0.01', value: money(a.price) });
        const labels = h('input', { name: 'labels', value: (a.labels ?? []).join(', '), placeholder: 'comma separated' });
        const notes = h('textarea', { name: 'notes', rows: 2 }, a.notes ?? '');
        const comment = h('textarea', { name: 'comment', rows: 2, placeholder: 'Adds an internal comment' });
        const flag = (label, name) => check(label, { name, checked: a[name] });
        const flags = [flag('First consultation', 'firstConsultation'), flag('ASAP', 'asap'), flag('Payment due', 'paymentDue')];
        this.#form(a, 'Edit', [h('div', { class: 'grid2' }, field('Price', price), field('Labels', labels)), field('Notes for the staff member', notes),
            field('Comment', comment), h('div', { class: 'checks' }, flags)], 'Save', 'edit', () => ({
            price: price.value === '' ? undefined : Number(price.value),
            labels: labels.value.split(',').map(l => l.trim()).filter(Boolean),
            notes: notes.value.trim(),
            comment: comment.value.trim() || undefined,
            firstConsultation: flags[0].querySelector('input').checked,
            asap: flags[1].querySelector('input').checked,
            paymentDue: flags[2].querySelector('input').checked,
        }));
    }

    // ------------------------------------------------------------ after a drag

    /** Asks before a dragged appointment moves: answers {notifyClient} or null (the event goes back). */
    confirmMove(a, start, resourceIds) {
        return new Promise(resolve => {
            const timeZone = this.desk.timeZone;
            const moved = { ...a, start, end: new Date(Date.parse(start) + a.durationMinutes * 60000).toISOString() };
            const notifyClient = check('Tell the client', { name: 'notifyClient', checked: true }); // as the Move… form does
            const answer = value => {
                this.#onClose = null;
                this.close();
                resolve(value);
            };
            const newDay = zone.toWall(start, timeZone).slice(0, 10);
            this.#open(isBreak(a) ? 'Move the break?' : `Move ${visitName(a, this.desk.clients, this.desk.services)}?`, h('div', { class: 'dlg-body' },
                h('p', { class: 'move-summary' },
                    h('s', {}, timeText(a, timeZone), ' ', a.resourceIds.map(this.#resourceName).join(', ')), h('br'),
                    h('strong', {}, `${newDay === this.desk.day?.date ? '' : `${zone.formatDate(newDay)} `}${timeText(moved, timeZone)}`), ' ',
                    resourceIds.map(this.#resourceName).join(', ')),
                isBreak(a) ? null : h('div', { class: 'checks' }, notifyClient),
                h('footer', { class: 'dlg-foot' },
                    h('button', { type: 'button', class: 'secondary', onclick: () => answer(null) }, 'Keep where it was'),
                    h('button', { type: 'button', class: 'primary', autofocus: true, onclick: () => answer({ notifyClient: notifyClient.querySelector('input').checked }) }, 'Move'))),
            'dlg-confirm');
            this.#onClose = () => resolve(null);
            this.#dialog.querySelector('.dlg-foot .primary').focus();
        });
    }
}
