// Wall-clock times of a location versus instants.
// The calendar component works in "floating" local time, so the page gives it the location's wall-clock times
// ("2026-11-23T10:00:00", no offset) and converts what it gets back into instants with the location's offset of
// that moment (which changes on daylight-saving days) before sending them to the API.

const formatters = new Map();

function formatter(timeZone) {
    let f = formatters.get(timeZone);
    if (!f) {
        f = new Intl.DateTimeFormat('en-US', {
            timeZone, hourCycle: 'h23',
            year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
        });
        formatters.set(timeZone, f);
    }
    return f;
}

const pad = (n, width = 2) => String(n).padStart(width, '0');

/** The wall-clock fields of an instant (milliseconds or ISO string) in a time zone. */
export function wallParts(instant, timeZone) {
    const ms = typeof instant === 'number' ? instant : Date.parse(instant);
    const parts = {};
    for (const { type, value } of formatter(timeZone).formatToParts(ms)) parts[type] = Number(value);
    return { year: parts.year, month: parts.month, day: parts.day, hour: parts.hour % 24, minute: parts.minute, second: parts.second };
}

/** Minutes the zone is ahead of UTC at that instant. */
export function offsetMinutes(ms, timeZone) {
    const p = wallParts(ms, timeZone);
    const wallAsUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
    return Math.round((wallAsUtc - Math.floor(ms / 1000) * 1000) / 60000);
}

/** "2026-11-23T10:00:00": the floating wall-clock time the calendar displays for an instant. */
export function toWall(instant, timeZone) {
    const p = wallParts(instant, timeZone);
    return `${p.year}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}`;
}

/** Every instant (milliseconds) a wall-clock time "YYYY-MM-DDTHH:mm[:ss]" names in a zone, earliest first: none when the
 * clocks skip it, two when they show it twice. It is one of the zone's offsets a day either side of it. */
export function wallInstants(wall, timeZone) {
    const wallAsUtc = wallAsUtcOf(wall);
    const offsets = [...new Set([offsetMinutes(wallAsUtc - 86_400_000, timeZone), offsetMinutes(wallAsUtc + 86_400_000, timeZone)])];
    return offsets
        .map(offset => wallAsUtc - offset * 60000)
        .filter(ms => offsetMinutes(ms, timeZone) * 60000 === wallAsUtc - ms)
        .sort((a, b) => a - b);
}

const wallAsUtcOf = wall => {
    const [y, mo, d, h = 0, mi = 0, s = 0] = wall.match(/\d+/g).map(Number);
    return Date.UTC(y, mo - 1, d, h, mi, s);
};

/**
 * The instant (milliseconds) of a wall-clock time "YYYY-MM-DDTHH:mm[:ss]" in a zone, read as the server reads one
 * (NodaTime's lenient resolver): a time the clocks skip moves forward by the gap (02:30 → 03:30), and a time they show
 * twice is its first one, or the one at `preferredOffset` (minutes ahead of UTC).
 */
export function wallToMs(wall, timeZone, preferredOffset) {
    const wallAsUtc = wallAsUtcOf(wall);
    const instants = wallInstants(wall, timeZone);
    if (instants.length === 0) return wallAsUtc - offsetMinutes(wallAsUtc - 86_400_000, timeZone) * 60000;
    return instants.find(ms => (wallAsUtc - ms) / 60000 === preferredOffset) ?? instants[0];
}

/** "+02:00": an offset of minutes ahead of UTC as ISO 8601 writes it. */
export function offsetText(offset) {
    const abs = Math.abs(offset);
    return `${offset < 0 ? '-' : '+'}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** ISO 8601 with the zone's offset, as the API wants it: "2026-11-23T10:00:00+01:00". */
export function wallToIso(wall, timeZone, preferredOffset) {
    const ms = wallToMs(wall, timeZone, preferredOffset);
    return `${toWall(ms, timeZone)}${offsetText(offsetMinutes(ms, timeZone))}`;
}

/**
 * A stretch selected on the grid from one wall-clock time to another: the offset of its start and its minutes. Drawn
 * from inside an hour shown twice to after it, it is the continuous stretch it looks like, from the second pass.
 */
export function stretchOf(startWall, endWall, timeZone) {
    const end = wallToMs(endWall, timeZone);
    const drawn = (wallAsUtcOf(endWall) - wallAsUtcOf(startWall)) / 60000;
    const start = wallInstants(startWall, timeZone).find(ms => (end - ms) / 60000 === drawn) ?? wallToMs(startWall, timeZone);
    return { offset: offsetMinutes(start, timeZone), minutes: Math.round((end - start) / 60000) };
}

/** 0 when the wall-clock time of an instant happens once in its zone; 1 or 2 when it is the first or second of a time shown twice. */
export function passOf(instant, timeZone) {
    const ms = typeof instant === 'number' ? instant : Date.parse(instant);
    const instants = wallInstants(toWall(ms, timeZone), timeZone);
    return instants.length < 2 ? 0 : instants.indexOf(Math.floor(ms / 1000) * 1000) + 1;
}

/** "02:15" of an instant at the location, "02:15 (1st)" or "02:15 (2nd)" on the night its clocks show that time twice. */
export function clockText(instant, timeZone) {
    const pass = passOf(instant, timeZone);
    return hhmm(toWall(instant, timeZone)) + (pass === 0 ? '' : pass === 1 ? ' (1st)' : ' (2nd)');
}

/**
 * The clock changes of a local day, as minutes of its wall clock: [{kind, from, to, offsets}], where the wall-clock
 * times [from, to) do not exist ('forward') or happen twice ('back'), and offsets are the zone's before and after the
 * change. A change a little before midnight of the day before or after counts where its wall-clock times fall.
 */
export function clockChanges(date, timeZone) {
    const midnight = wallAsUtcOf(date);
    const changes = [];
    // Offsets lie within ±14 hours, so every instant whose wall-clock time is on the date is within these hours.
    for (let at = midnight - 15 * 3_600_000; at < midnight + 39 * 3_600_000; at += 3_600_000) {
        const before = offsetMinutes(at, timeZone), after = offsetMinutes(at + 3_600_000, timeZone);
        if (before === after) continue;
        let [low, high] = [at, at + 3_600_000]; // the change is in (low, high]: found to the minute
        while (high - low > 60000) {
            const middle = low + Math.floor((high - low) / 120000) * 60000;
            if (offsetMinutes(middle, timeZone) === before) low = middle; else high = middle;
        }
        const from = Math.max(0, (high - midnight) / 60000 + Math.min(before, after));
        const to = Math.min(24 * 60, (high - midnight) / 60000 + Math.max(before, after));
        if (from < to) changes.push({ kind: after > before ? 'forward' : 'back', from, to, offsets: [before, after] });
    }
    return changes;
}

/**
 * The clock change that skips a wall-clock time "YYYY-MM-DDTHH:mm", or undefined when that time exists. As the end of
 * something, the very start of the skipped hour is the instant the clocks jump, which exists.
 */
export function skippedBy(wall, timeZone, asEnd = false) {
    if (wallInstants(wall, timeZone).length > 0) return undefined;
    const minutes = minutesOf(wall);
    return clockChanges(wall.slice(0, 10), timeZone)
        .find(c => c.kind === 'forward' && (asEnd ? c.from < minutes : c.from <= minutes) && minutes < c.to);
}

/** "the clocks move forward from 02:00 to 03:00", "the clocks go back from 03:00 to 02:00". */
export function changeText({ kind, from, to }) {
    const at = minutes => timeOfMinutes(minutes % (24 * 60));
    return kind === 'forward' ? `the clocks move forward from ${at(from)} to ${at(to)}` : `the clocks go back from ${at(to)} to ${at(from)}`;
}

/**
 * A wall-clock time moved along the calendar's grid by one of its durations ({days, seconds}, as a drag hands back):
 * the grid's own texts and durations, never the Dates it builds in the browser's time zone, which skip the browser's
 * own clock changes (02:15 on the day Warsaw skips 02:00-03:00 is 03:15 there, wherever the location is).
 */
export function shiftWall(wall, { days = 0, seconds = 0 } = {}) {
    return new Date(wallAsUtcOf(wall) + days * 86_400_000 + seconds * 1000).toISOString().slice(0, 19);
}

/** Today's date ("YYYY-MM-DD") at the location. */
export function todayIn(timeZone) {
    return toWall(Date.now(), timeZone).slice(0, 10);
}

export function addDays(date, days) {
    const [y, m, d] = date.split('-').map(Number);
    return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

const weekdays = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];

/** "monday" … as the API writes DayOfWeek. */
export function weekdayOf(date) {
    const [y, m, d] = date.split('-').map(Number);
    return weekdays[new Date(Date.UTC(y, m - 1, d)).getUTCDay()];
}

/** [start, end) of a local day, in milliseconds. */
export function dayRange(date, timeZone) {
    return [wallToMs(`${date}T00:00`, timeZone), wallToMs(`${addDays(date, 1)}T00:00`, timeZone)];
}

/** "HH:mm" from a wall-clock text or "HH:mm[:ss]" time. */
export const hhmm = wall => (wall.includes('T') ? wall.split('T')[1] : wall).slice(0, 5);

export const minutesOf = time => {
    const [h, m] = hhmm(time).split(':').map(Number);
    return h * 60 + m;
};

export const timeOfMinutes = minutes => `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;

/** "Mon 23 Nov 2026" in the browser's language, for a local date. */
export function formatDate(date, style = { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' }) {
    const [y, m, d] = date.split('-').map(Number);
    return new Intl.DateTimeFormat(undefined, { ...style, timeZone: 'UTC' }).format(Date.UTC(y, m - 1, d));
}
