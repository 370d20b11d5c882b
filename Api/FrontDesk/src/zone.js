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

/**
 * The instant (milliseconds) of a wall-clock time "YYYY-MM-DDTHH:mm[:ss]" in a zone, read as the server reads one
 * (NodaTime's lenient resolver): a time the clocks skip moves forward by the gap (02:30 → 03:30), and a time they show
 * twice is its first one, or the one at `preferredOffset` (minutes ahead of UTC). A wall time is one of at most two
 * instants, at the zone's offsets a day either side of it.
 */
export function wallToMs(wall, timeZone, preferredOffset) {
    const [y, mo, d, h = 0, mi = 0, s = 0] = wall.match(/\d+/g).map(Number);
    const wallAsUtc = Date.UTC(y, mo - 1, d, h, mi, s);
    const offsetBefore = offsetMinutes(wallAsUtc - 86_400_000, timeZone);
    const offsetAfter = offsetMinutes(wallAsUtc + 86_400_000, timeZone);
    const instants = [offsetBefore, offsetAfter]
        .map(offset => wallAsUtc - offset * 60000)
        .filter(ms => offsetMinutes(ms, timeZone) * 60000 === wallAsUtc - ms);
    if (instants.length === 0) return wallAsUtc - offsetBefore * 60000;
    return instants.find(ms => (wallAsUtc - ms) / 60000 === preferredOffset) ?? Math.min(...instants);
}

/** ISO 8601 with the zone's offset, as the API wants it: "2026-11-23T10:00:00+01:00". */
export function wallToIso(wall, timeZone, preferredOffset) {
    const ms = wallToMs(wall, timeZone, preferredOffset);
    const offset = offsetMinutes(ms, timeZone);
    const sign = offset < 0 ? '-' : '+';
    const abs = Math.abs(offset);
    return `${toWall(ms, timeZone)}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/**
 * A wall-clock time moved along the calendar's grid by one of its durations ({days, seconds}, as a drag hands back):
 * the grid's own texts and durations, never the Dates it builds in the browser's time zone, which skip the browser's
 * own clock changes (02:15 on the day Warsaw skips 02:00-03:00 is 03:15 there, wherever the location is).
 */
export function shiftWall(wall, { days = 0, seconds = 0 } = {}) {
    const [y, mo, d, h = 0, mi = 0, s = 0] = wall.match(/\d+/g).map(Number);
    return new Date(Date.UTC(y, mo - 1, d + days, h, mi, s + seconds)).toISOString().slice(0, 19);
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
