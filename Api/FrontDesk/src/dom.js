// Small DOM helpers: no framework.

/** h('button', {class: 'x', onclick}, 'text', child…): an element; attributes starting with "on" become listeners. */
export function h(tag, attributes = {}, ...children) {
    const element = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes ?? {})) {
        if (value == null || value === false) continue;
        if (name.startsWith('on')) element.addEventListener(name.slice(2), value);
        else if (name in element && typeof value !== 'string') element[name] = value;
        else element.setAttribute(name, value === true ? '' : value);
    }
    element.append(...children.flat().filter(c => c != null && c !== false));
    return element;
}

const entities = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text made safe for HTML. */
export const esc = value => String(value ?? '').replace(/[&<>"']/g, c => entities[c]);

/** A random UUID, also where crypto.randomUUID is missing (plain http on a LAN address). */
export function uuid() {
    const b = crypto.getRandomValues(new Uint8Array(16));
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    const x = [...b].map(v => v.toString(16).padStart(2, '0')).join('');
    return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`;
}

/** A labelled form field. */
export const field = (label, input, hint) =>
    h('label', { class: 'field' }, h('span', { class: 'field-label' }, label), input, hint && h('small', {}, hint));

/** A checkbox with its label. */
export const check = (label, attributes = {}) =>
    h('label', { class: 'check' }, h('input', { type: 'checkbox', ...attributes }), h('span', {}, label));
