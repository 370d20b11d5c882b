// The front-desk page: one location's day, one column per staff member and room, live.
import '@event-calendar/core/index.css';
import './app.css';
import { createCalendar, Interaction, ResourceTimeGrid } from '@event-calendar/core';
import { changedElsewhere, get, onVersion, patch, post, session } from './api.js';
import { Dialogs, problemNode, readable } from './dialogs.js';
import { esc, h } from './dom.js';
import { Feed } from './feed.js';
import { clientName, elsewhereHtml, elsewhereText, endOf, eventHtml, heldHtml, isBreak, kindLabels, occupiedSpan, occupies, resourceNames, serviceNames, timeText, visitName } from './format.js';
import * as zone from './zone.js';

const $ = id => document.getElementById(id);
const narrow = matchMedia('(max-width: 720px)');
const kindOrder = { staff: 0, room: 1, equipment: 2 };

const desk = {
    locations: [],
    location: null,
    resources: new Map(), // every resource of the organisation
    services: new Map(),
    directoryAt: 0, // when resources and services were last read
    columns: [], // the resources shown for the location's day
    showCancelled: localStorage.getItem('realtime.frontdesk.showCancelled') === 'true',
    mode: localStorage.getItem('realtime.frontdesk.mode') ?? 'calendar',
    hold: 0, // > 0 while a drag is being decided: live changes wait, so the dragged event stays where it was dropped
    dragged: null, // the visit as drawn when the drag began: what the drag changes, on that version
    calendar: null,
    feed: null,
    dialogs: null,
    get day() { return this.feed?.day; },
    get timeZone() { return this.feed?.day?.timeZone ?? this.location?.timeZone ?? 'UTC'; },
    get clients() { return this.feed.clients; },
};

// ---------------------------------------------------------------- sign in

function readKeyFromUrl() {
    const match = location.hash.match(/(?:^#|&)key=([^&]+)/);
    if (!match) return;
    session.key = decodeURIComponent(match[1]);
    history.replaceState(null, '', location.pathname + location.search); // the key does not stay in the address bar
}

function showSignIn(message) {
    desk.feed?.stop();
    desk.dialogs?.close();
    document.body.classList.add('signed-out');
    $('sign-in-error').textContent = message ?? '';
    $('sign-in-key').value = '';
    $('sign-in-key').focus();
}

$('sign-in').addEventListener('submit', event => {
    event.preventDefault();
    session.key = $('sign-in-key').value.trim();
    start();
});

$('sign-out').addEventListener('click', () => {
    session.key = null;
    showSignIn('Signed out.');
});

session.onUnauthorized = error => showSignIn(`The key was refused: ${error.detail || error.title}`);

// ---------------------------------------------------------------- start, location, day

async function start() {
    if (!session.key) return showSignIn();
    document.body.classList.remove('signed-out');
    let locations;
    try {
        locations = await get('/api/locations');
    } catch (error) {
        if (error.status !== 401) showSignIn(`${error.title} ${error.detail}`);
        return;
    }
    desk.locations = locations.toSorted((a, b) => a.name.localeCompare(b.name));
    await refreshDirectory();
    if (desk.locations.length === 0) return notice('This organisation has no location yet.', 'error');

    $('location').replaceChildren(...desk.locations.map(l => h('option', { value: l.id }, l.name)));
    const query = new URLSearchParams(location.search);
    const wanted = query.get('location') ?? localStorage.getItem('realtime.frontdesk.location');
    const chosen = desk.locations.find(l => l.id === wanted) ?? desk.locations[0];
    desk.feed ??= new Feed({
        onDay: render, onStatus: showStatus, onError: error => (notice(error), showNotLoaded()),
        onSchedule: refreshDirectory, // the shading follows time off and hours changed elsewhere
    });
    desk.dialogs ??= new Dialogs(desk, { notice });
    await show(chosen, query.get('date') ?? zone.todayIn(chosen.timeZone));
}

async function show(locationView, date) {
    desk.location = locationView;
    $('location').value = locationView.id;
    $('date').value = date;
    $('today').disabled = date === zone.todayIn(locationView.timeZone);
    $('zone').textContent = locationView.timeZone;
    localStorage.setItem('realtime.frontdesk.location', locationView.id);
    history.replaceState(null, '', `?location=${locationView.id}&date=${date}`);
    if (Date.now() - desk.directoryAt > 10_000) refreshDirectory();
    await desk.feed.show(locationView.id, date);
}

/** Staff, rooms and services change rarely: read again whenever the desk turns to another day or location. */
async function refreshDirectory() {
    try {
        const [resources, services] = await Promise.all([get('/api/resources'), get('/api/services')]);
        desk.resources = new Map(resources.map(r => [r.id, r]));
        desk.services = new Map(services.map(s => [s.id, s]));
        desk.directoryAt = Date.now();
        render();
    } catch {
        // the next turn tries again; what the desk has is still shown
    }
}

$('location').addEventListener('change', () => {
    const chosen = desk.locations.find(l => l.id === $('location').value);
    // Today at one location is today at the other, whose date may differ (every evening in Santiago, Warsaw is a day
    // ahead); another date chosen stays.
    const shown = $('date').value;
    show(chosen, !shown || shown === zone.todayIn(desk.location.timeZone) ? zone.todayIn(chosen.timeZone) : shown);
});
$('date').addEventListener('change', () => $('date').value && show(desk.location, $('date').value));
$('prev').addEventListener('click', () => show(desk.location, zone.addDays($('date').value, -1)));
$('next').addEventListener('click', () => show(desk.location, zone.addDays($('date').value, 1)));
$('today').addEventListener('click', () => show(desk.location, zone.todayIn(desk.location.timeZone)));
$('show-cancelled').checked = desk.showCancelled;
$('show-cancelled').addEventListener('change', () => {
    desk.showCancelled = $('show-cancelled').checked;
    localStorage.setItem('realtime.frontdesk.showCancelled', desk.showCancelled);
    render();
});
for (const button of document.querySelectorAll('button[data-mode]')) {
    button.addEventListener('click', () => {
        desk.mode = button.dataset.mode;
        localStorage.setItem('realtime.frontdesk.mode', desk.mode);
        render();
    });
}
$('new-booking').addEventListener('click', () => {
    const day = desk.day;
    if (!day || desk.columns.length === 0 || document.body.dataset.notLoaded) return;
    const now = zone.toWall(Date.now(), day.timeZone);
    const today = now.startsWith(day.date);
    const minutes = today ? Math.ceil(zone.minutesOf(now) / 15) * 15 : desk.range[0] + 60;
    desk.dialogs.booking({
        start: `${day.date}T${zone.timeOfMinutes(Math.min(minutes, 23 * 60 + 45))}`, resourceIds: [desk.columns[0].id],
        offset: today ? zone.offsetMinutes(Date.now(), day.timeZone) : undefined, // in the second pass of an hour shown twice, the next quarter of it
    });
});

// Enter or Space on an appointment opens it. The key's default action is dropped: the dialog takes the focus at once,
// and that action would otherwise press the dialog's first button (closing it again).
document.addEventListener('keydown', event => {
    if ((event.key === 'Enter' || event.key === ' ') && event.target.closest?.('.ec-event, .agenda-item')) event.preventDefault();
}, { capture: true });

// Keys for the day: ← and → go a day back and forth, T to today (not while typing or in a dialog).
document.addEventListener('keydown', event => {
    if (!desk.location || document.querySelector('dialog[open]') || event.target.closest('input, select, textarea')) return;
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    if (event.key === 'ArrowLeft') $('prev').click();
    else if (event.key === 'ArrowRight') $('next').click();
    else if (event.key === 't' || event.key === 'T') $('today').click();
});

function showStatus(state, text) {
    const live = $('live');
    live.dataset.state = state;
    live.textContent = text;
    live.title = state === 'live' ? 'Changes made anywhere appear at once.' : 'Changes from other desks appear with a delay.';
}

// ---------------------------------------------------------------- notices

let noticeTimer;

/** A message at the bottom of the page: text, or an ApiError shown with its code, detail and field errors. */
function notice(message, kind = 'error') {
    const box = $('notice');
    clearTimeout(noticeTimer);
    const content = typeof message === 'string' ? h('span', {}, message) : problemNode(message, readable(desk));
    box.className = `notice notice-${typeof message === 'string' ? kind : 'error'}`;
    box.replaceChildren(content, h('button', { class: 'notice-close', 'aria-label': 'Dismiss', onclick: () => (box.hidden = true) }, '×'));
    box.hidden = false;
    noticeTimer = setTimeout(() => (box.hidden = true), kind === 'ok' ? 4000 : 15000);
}

// ---------------------------------------------------------------- working hours

/** Working intervals [from, to) in minutes of a resource at the location on a date: weekly hours and dated exceptions. */
function workingIntervals(resource, locationId, date) {
    let intervals = resource.workingHours
        .filter(w => w.locationId === locationId && w.dayOfWeek === zone.weekdayOf(date))
        .map(w => [zone.minutesOf(w.start), zone.minutesOf(w.end)]);
    for (const e of resource.exceptions ?? []) {
        if (e.locationId !== locationId || e.date !== date) continue;
        const span = [e.start ? zone.minutesOf(e.start) : 0, e.end ? zone.minutesOf(e.end) : 24 * 60];
        if (e.kind === 'extraHours') intervals.push(span);
        else intervals = intervals.flatMap(([s, t]) => [[s, Math.min(t, span[0])], [Math.max(s, span[1]), t]]).filter(([s, t]) => s < t);
    }
    return intervals.sort((a, b) => a[0] - b[0]);
}

/** Minutes since the day's midnight of an instant, clamped to the day. */
function minutesInDay(instant, day) {
    const wall = zone.toWall(instant, day.timeZone);
    if (wall < day.date) return 0;
    if (wall.slice(0, 10) > day.date) return 24 * 60;
    return zone.minutesOf(wall);
}

// ---------------------------------------------------------------- rendering

function columnsOf(day) {
    const used = new Set([...day.appointments.values()].filter(occupies).flatMap(a => a.resourceIds));
    return [...desk.resources.values()]
        .filter(r => r.workingHours.some(w => w.locationId === day.locationId) || used.has(r.id))
        .sort((a, b) => kindOrder[a.kind] - kindOrder[b.kind] || a.name.localeCompare(b.name));
}

/** The day asked for did not load: the one on screen is another, so it is hidden (and not booked into) until a retry brings the right one. */
function showNotLoaded() {
    const target = desk.feed?.target;
    if (!target || isShown(target)) return;
    document.body.dataset.notLoaded = 'true';
    $('day-title').textContent = `${dayTitle(target.date)}: not loaded, trying again…`;
}

const dayTitle = date => zone.formatDate(date, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });

const isShown = target => desk.day?.locationId === target.locationId && desk.day.date === target.date;

function render() {
    const day = desk.day;
    if (!day || day.locationId !== desk.location?.id) return;
    if (desk.feed.target && isShown(desk.feed.target) && document.body.dataset.notLoaded) {
        delete document.body.dataset.notLoaded;
        $('notice').hidden = true; // the error that hid the day is over
    }
    if (desk.hold > 0) {
        desk.renderLater = true;
        return;
    }
    desk.columns = columnsOf(day);
    const hours = new Map(desk.columns.map(r => [r.id, workingIntervals(r, day.locationId, day.date)]));

    // Time range: the working hours of the day with an hour either side (staff may book outside), and every appointment
    // shown (a hidden cancelled one at midnight does not stretch the day).
    let [from, to] = [Infinity, -Infinity];
    for (const intervals of hours.values()) for (const [s, t] of intervals) [from, to] = [Math.min(from, s), Math.max(to, t)];
    for (const a of day.appointments.values()) {
        if (!occupies(a) && !desk.showCancelled) continue;
        from = Math.min(from, minutesInDay(a.start, day));
        to = Math.max(to, minutesInDay(endOf(a), day));
    }
    for (const busy of shownElsewhere(day)) [from, to] = [Math.min(from, minutesInDay(busy.start, day)), Math.max(to, minutesInDay(busy.end, day))];
    if (!Number.isFinite(from)) [from, to] = [8 * 60, 20 * 60];
    desk.range = [Math.max(0, Math.floor(from / 60) * 60 - 60), Math.min(24 * 60, Math.ceil(to / 60) * 60 + 60)];

    document.body.dataset.mode = desk.mode;
    for (const button of document.querySelectorAll('button[data-mode]')) button.setAttribute('aria-pressed', button.dataset.mode === desk.mode);
    $('empty').hidden = desk.columns.length > 0;
    $('day-title').textContent = dayTitle(day.date);
    $('day-title').dataset.zone = day.timeZone;
    desk.drawn = { day, hours };
    renderCalendar(day, hours);
    if (desk.mode === 'list') renderList(day);
    desk.dialogs.refresh();
}

function calendarEvents(day, hours) {
    const wall = instant => zone.toWall(instant, day.timeZone);
    const events = [];
    for (const a of day.appointments.values()) {
        if (!occupies(a) && !desk.showCancelled) continue;
        const movable = a.status === 'booked' || a.status === 'arrived';
        events.push({
            id: a.id,
            resourceIds: a.resourceIds,
            start: wall(a.start),
            end: wall(endOf(a)),
            classNames: [
                'fd', `fd-${a.status}`, isBreak(a) ? 'fd-break' : 'fd-visit', a.confirmed ? 'fd-confirmed' : 'fd-unconfirmed',
                ...(day.conflicts.get(a.id)?.length ? ['fd-away'] : []),
            ],
            startEditable: movable,
            durationEditable: movable,
        });
        if (!occupies(a)) continue;
        const start = Date.parse(a.start), end = Date.parse(endOf(a));
        if (a.bufferBeforeMinutes > 0) {
            events.push({ id: `${a.id}/before`, resourceIds: a.resourceIds, start: wall(start - a.bufferBeforeMinutes * 60000), end: wall(start), display: 'background', classNames: ['fd-buffer'] });
        }
        if (a.bufferAfterMinutes > 0) {
            events.push({ id: `${a.id}/after`, resourceIds: a.resourceIds, start: wall(end), end: wall(end + a.bufferAfterMinutes * 60000), display: 'background', classNames: ['fd-buffer'] });
        }
    }
    // A client's slot hold: greyed out, not editable, until it is booked, released or expires.
    for (const h of day.liveHolds()) {
        events.push({
            id: `hold/${h.id}`, resourceIds: h.resourceIds, start: wall(h.start), end: wall(h.end),
            classNames: ['fd', 'fd-held'], editable: false, startEditable: false, durationEditable: false,
        });
    }
    // Where the day's staff and rooms are taken at other locations: grey, not editable, nothing to open.
    for (const busy of shownElsewhere(day)) {
        events.push({
            id: `elsewhere/${busy.appointmentId}`, resourceIds: busy.resourceIds, start: wall(busy.start), end: wall(busy.end),
            classNames: ['fd', 'fd-elsewhere'], editable: false, startEditable: false, durationEditable: false,
        });
    }
    // The hour the clocks skip (nothing can be booked there) and the hour they show twice, labelled across the day.
    const columns = desk.columns.map(r => r.id);
    for (const change of zone.clockChanges(day.date, day.timeZone)) {
        events.push({
            id: `clock/${change.from}`, resourceIds: columns, display: 'background', classNames: [change.kind === 'forward' ? 'fd-gap' : 'fd-twice'],
            start: wallOfMinutes(day.date, change.from), end: wallOfMinutes(day.date, change.to),
            extendedProps: { label: change.kind === 'forward' ? `Clocks move forward: no ${hourSpan(change)}` : `Clocks go back: ${hourSpan(change)} happens twice` },
        });
    }
    // The location's "now", drawn here: the calendar's own line reads the browser's clock changes, not the location's.
    desk.nowShown = nowOn(day);
    if (desk.nowShown) {
        events.push({ id: 'now', resourceIds: columns, display: 'background', classNames: ['fd-now'], start: desk.nowShown, end: zone.shiftWall(desk.nowShown, { seconds: 60 }) });
    }
    // Outside working hours: shaded (staff can still book there, with the override).
    for (const [resourceId, intervals] of hours) {
        let cursor = desk.range[0];
        for (const [s, t] of [...intervals, [desk.range[1], desk.range[1]]]) {
            if (s > cursor) {
                events.push({
                    id: `off/${resourceId}/${cursor}`, resourceIds: [resourceId], display: 'background', classNames: ['fd-off'],
                    start: wallOfMinutes(day.date, cursor), end: wallOfMinutes(day.date, s),
                });
            }
            cursor = Math.max(cursor, t);
        }
    }
    return events;
}

/** The day's blocks of time taken at other locations, for the resources that have a column (only these are drawn). */
function shownElsewhere(day) {
    const columns = new Set(desk.columns.map(r => r.id));
    return [...day.elsewhere.values()].filter(busy => busy.resourceIds.some(id => columns.has(id)));
}

/** The minute it is now at the location ("YYYY-MM-DDTHH:mm") if that is on the day, or null. */
function nowOn(day) {
    const now = zone.toWall(Date.now(), day.timeZone).slice(0, 16);
    return now.startsWith(day.date) ? now : null;
}

const hourSpan = ({ from, to }) => `${zone.timeOfMinutes(from)}–${zone.timeOfMinutes(to)}`;

const wallOfMinutes = (date, minutes) =>
    minutes >= 24 * 60 ? `${zone.addDays(date, 1)}T00:00` : `${date}T${zone.timeOfMinutes(minutes)}`;

/** What the appointment texts need. */
const context = () => ({ clients: desk.clients, services: desk.services, timeZone: desk.timeZone, conflicts: desk.day?.conflicts });

function renderCalendar(day, hours) {
    const key = `${day.locationId}/${day.date}`;
    const options = {
        slotMinTime: zone.timeOfMinutes(desk.range[0]),
        slotMaxTime: zone.timeOfMinutes(desk.range[1]),
        resources: desk.columns.map(r => ({ id: r.id, title: r.name, extendedProps: { kind: r.kind } })),
        // A phone shows one column at a time and scrolls sideways; a desk scrolls sideways only when columns get narrow.
        columnWidth: narrow.matches && desk.columns.length > 1 ? 'calc(100vw - 88px)' : 'minmax(150px, 1fr)',
    };
    if (desk.shownKey !== key) {
        // Another day: start at the first working hour, or an hour ago today.
        const now = zone.toWall(Date.now(), day.timeZone);
        const first = now.startsWith(day.date) ? zone.minutesOf(now) - 60 : desk.range[0] + 60;
        options.scrollTime = zone.timeOfMinutes(Math.max(desk.range[0], Math.min(first, desk.range[1] - 60)));
    }
    if (desk.shownKey !== key) options.date = day.date;
    if (!desk.calendar) {
        desk.calendar = createCalendar($('calendar'), [ResourceTimeGrid, Interaction], {
            ...options,
            view: 'resourceTimeGridDay',
            // The grid is the location's wall clock in floating times: no zone of the calendar's own moves it.
            timeZone: 'UTC',
            headerToolbar: { start: '', center: '', end: '' },
            height: '100%',
            allDaySlot: false,
            nowIndicator: false,
            slotDuration: '00:15',
            snapDuration: '00:05',
            slotLabelInterval: '01:00',
            slotHeight: 22,
            // Visits at the same wall-clock time (in the hour the clocks show twice, or cancelled ones shown) side by side.
            slotEventOverlap: false,
            dayHeaderFormat: () => '',
            slotLabelFormat: { hour: '2-digit', minute: '2-digit', hour12: false },
            eventTimeFormat: { hour: '2-digit', minute: '2-digit', hour12: false },
            selectable: true,
            editable: true,
            selectMinDistance: 8,
            eventDragMinDistance: 6,
            longPressDelay: 400,
            pointer: true,
            events: [],
            eventContent: info => {
                if (info.event.id.startsWith('clock/')) return { html: `<span class="fd-clock-label">${esc(info.event.extendedProps.label)}</span>` };
                if (info.event.id.startsWith('hold/')) return { html: heldHtml(desk.day?.holds.get(info.event.id.slice(5)), desk.timeZone) };
                if (info.event.id.startsWith('elsewhere/')) return { html: elsewhereHtml(desk.day?.elsewhere.get(info.event.id.slice(10)), desk.timeZone) };
                const a = desk.day?.appointments.get(info.event.id);
                return a ? { html: eventHtml(a, context()) } : '';
            },
            resourceLabelContent: info => ({
                html: `<span class="res-name">${esc(info.resource.title)}</span><span class="res-kind">${esc(kindLabels[info.resource.extendedProps.kind] ?? '')}</span>`,
            }),
            eventClick: info => {
                const { id } = info.event;
                if (id.startsWith('elsewhere/')) return whereIs(desk.day?.elsewhere.get(id.slice(10)));
                if (!id.startsWith('hold/')) desk.dialogs.details(id);
            },
            select: info => {
                desk.calendar.unselect();
                if (!info.resource) return;
                const { offset, minutes } = zone.stretchOf(info.startStr, info.endStr, desk.timeZone);
                desk.dialogs.booking({ start: info.startStr, offset, durationMinutes: minutes, resourceIds: [info.resource.id] });
            },
            dateClick: info => {
                if (!info.resource) return;
                const change = zone.skippedBy(info.dateStr, desk.timeZone);
                if (change) return notice(`There is no ${zone.hhmm(info.dateStr)} on this day: ${zone.changeText(change)}.`);
                const at = zone.wallToMs(info.dateStr, desk.timeZone);
                if (!freeHere([info.resource.id], at, at + 60000)) return;
                desk.dialogs.booking({ start: info.dateStr, resourceIds: [info.resource.id] });
            },
            selectConstraint: info => existing(info.startStr) && existing(info.endStr, true) && (!info.resource || freeOf(info.resource.id, info.startStr, info.endStr)),
            dragConstraint: info => fits(info.event.id, info.delta, undefined, info),
            resizeConstraint: info => fits(info.event.id, info.startDelta, info.endDelta),
            eventDragStart: info => grab(info),
            eventDragStop: () => setTimeout(release),
            eventResizeStart: info => grab(info),
            eventResizeStop: () => setTimeout(release),
            eventDrop: info => moveByDrag(info),
            eventResize: info => resizeByDrag(info),
        });
        desk.applied = Object.fromEntries(Object.entries(options).map(([name, value]) => [name, JSON.stringify(value)]));
    } else {
        for (const [name, value] of Object.entries(options)) {
            const json = JSON.stringify(value);
            if (desk.applied[name] === json && name !== 'date') continue;
            desk.applied[name] = json;
            desk.calendar.setOption(name, value);
        }
    }
    desk.shownKey = key;
    desk.calendar.setOption('events', calendarEvents(day, hours));
}

/** Does a time of the grid exist at the location? One the clocks skip is refused, saying why (the calendar then keeps the last allowed place). */
function existing(wall, asEnd = false) {
    const change = zone.skippedBy(wall, desk.timeZone, asEnd);
    if (!change) return true;
    notice(`Nothing can start or end at ${zone.hhmm(wall)} on this day: ${zone.changeText(change)}.`);
    return false;
}

/** Is the resource free of other locations over a stretch of the grid? When not, says where it is (the calendar then keeps the last allowed place). */
function freeOf(resourceId, startWall, endWall) {
    const { offset, minutes } = zone.stretchOf(startWall, endWall, desk.timeZone);
    const from = zone.wallToMs(startWall, desk.timeZone, offset);
    return freeHere([resourceId], from, from + minutes * 60000);
}

/** Are the resources free of other locations during [from, to) (instants in ms)? When not, says where the first one taken is. */
function freeHere(resourceIds, from, to) {
    const taken = desk.day.takenElsewhere(resourceIds, from, to);
    if (!taken) return true;
    whereIs(taken.busy, taken.resourceId);
    return false;
}

/** Says where the resources of a block taken at another location are then (a desk may not book them). */
function whereIs(busy, resourceId) {
    if (!busy) return;
    const names = (resourceId ? [resourceId] : busy.resourceIds).map(id => desk.resources.get(id)?.name ?? '?').join(', ');
    notice(`${names}: ${elsewhereText(busy, desk.timeZone)}. Book another time or another column.`);
}

/**
 * A drag may not start an appointment at a time the clocks skip, nor a resize start or end one there; nor may either
 * bring its time, buffers included, over a block of its resources (in the columns it is dragged to) taken at another
 * location: the server would refuse it.
 */
function fits(id, startDelta, endDelta, columns = {}) {
    const a = draggedVisit(id);
    if (!a) return true;
    const wall = (instant, delta) => zone.shiftWall(zone.toWall(instant, desk.timeZone), delta);
    if (!existing(wall(a.start, startDelta)) || (endDelta && !existing(wall(endOf(a), endDelta), true))) return false;
    const [start, end] = [Date.parse(moved(a.start, startDelta)), Date.parse(moved(endOf(a), endDelta ?? startDelta))];
    return freeHere(movedResources(a, columns), ...occupiedSpan(a, start, end));
}

/** The resources of a visit dragged from one column to another: the old column's gives way to the new one's. */
const movedResources = (a, { oldResource, newResource }) =>
    oldResource && newResource ? [...new Set(a.resourceIds.map(id => (id === oldResource.id ? newResource.id : id)))] : a.resourceIds;

function renderList(day) {
    const items = [...day.appointments.values()]
        .filter(a => occupies(a) || desk.showCancelled)
        .sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
    const texts = context();
    const resourceNames = a => a.resourceIds.map(id => desk.resources.get(id)?.name ?? '?').join(' · ');
    $('list').replaceChildren(items.length === 0
        ? h('p', { class: 'empty-list' }, 'Nothing booked on this day.')
        : h('ol', { class: 'agenda' }, items.map(a => {
            const item = h('li', {
                class: `agenda-item fd fd-${a.status} ${isBreak(a) ? 'fd-break' : 'fd-visit'}${day.conflicts.get(a.id)?.length ? ' fd-away' : ''}`,
                tabindex: 0, role: 'button',
                'aria-label': `${timeText(a, day.timeZone)} ${clientName(a, desk.clients)} ${serviceNames(a, desk.services)}`,
                onclick: () => desk.dialogs.details(a.id),
                onkeydown: e => (e.key === 'Enter' || e.key === ' ') && desk.dialogs.details(a.id),
            });
            item.innerHTML = eventHtml(a, texts) + `<div class="agenda-resources">${esc(resourceNames(a))}</div>`;
            return item;
        })));
}

// ---------------------------------------------------------------- drag and drop

/** A change arriving during a drag is not drawn, so the drag is made on the visit as it was drawn when it began. */
function grab(info) {
    desk.hold++;
    desk.dragged = desk.day.appointments.get(info.event.id) ?? null;
}

const draggedVisit = id => (desk.dragged?.id === id ? desk.dragged : desk.day.appointments.get(id));

function release() {
    desk.hold = Math.max(0, desk.hold - 1);
    if (desk.hold === 0 && desk.renderLater) {
        desk.renderLater = false;
        render();
    }
}

/** An instant moved by a duration of the grid: at the wall-clock time that far along, at its own offset if that time is shown twice. */
function moved(instant, delta) {
    const offset = zone.offsetMinutes(Date.parse(instant), desk.timeZone);
    return zone.wallToIso(zone.shiftWall(zone.toWall(instant, desk.timeZone), delta), desk.timeZone, offset);
}

/** A drag the server refused; made on a version someone else changed meanwhile, the visit is shown as it is now. */
function refused(a, error) {
    return changedElsewhere(error) ? desk.dialogs.showChangedElsewhere(a.id) : notice(error);
}

async function moveByDrag(info) {
    const a = draggedVisit(info.event.id);
    if (!a) return info.revert();
    desk.hold++;
    try {
        // Moved along the grid from where it was; in an hour shown twice, it stays in the same pass of that hour.
        const start = moved(a.start, info.delta);
        const resourceIds = movedResources(a, info);
        const choice = await desk.dialogs.confirmMove(a, start, resourceIds);
        if (!choice) {
            info.revert();
            return;
        }
        try {
            const moved = await post(`/api/appointments/${a.id}/reschedule`, { start, resourceIds, notifyClient: choice.notifyClient }, onVersion(a));
            desk.feed.put(moved);
            notice(`Moved ${visitName(a, desk.clients, desk.services)} to ${timeText(moved, desk.timeZone)} with ${resourceNames(moved.resourceIds, desk.resources)}.`, 'ok');
        } catch (error) {
            info.revert();
            await refused(a, error);
        }
    } finally {
        desk.renderLater = true;
        release();
    }
}

async function resizeByDrag(info) {
    const a = draggedVisit(info.event.id);
    if (!a) return info.revert();
    desk.hold++;
    try {
        const ms = (instant, delta) => Date.parse(moved(instant, delta));
        const durationMinutes = Math.round((ms(endOf(a), info.endDelta) - ms(a.start, info.startDelta)) / 60000);
        const changed = await patch(`/api/appointments/${a.id}`, { durationMinutes }, onVersion(a));
        desk.feed.put(changed);
        notice(`${visitName(a, desk.clients, desk.services)} now takes ${durationMinutes} minutes.`, 'ok');
    } catch (error) {
        info.revert();
        await refused(a, error);
    } finally {
        desk.renderLater = true;
        release();
    }
}

narrow.addEventListener('change', render);

// The "now" line moves on with the minutes (a drag in progress keeps the events as they are).
setInterval(() => {
    const drawn = desk.drawn;
    if (desk.calendar && drawn && desk.hold === 0 && nowOn(drawn.day) !== desk.nowShown) desk.calendar.setOption('events', calendarEvents(drawn.day, drawn.hours));
}, 10_000);

readKeyFromUrl();
start();
