// The staff REST API: the key kept for this browser tab, fetch with it, and problem details made readable.

const storageKey = 'realtime.frontdesk.key';

export const session = {
    get key() { return sessionStorage.getItem(storageKey); },
    set key(value) {
        if (value) sessionStorage.setItem(storageKey, value);
        else sessionStorage.removeItem(storageKey);
    },
    /** Called when the server refuses the key (401). */
    onUnauthorized: () => {},
};

/** A refused request: RFC 9457 problem details with the API's stable `code` and field errors. */
export class ApiError extends Error {
    constructor(status, problem) {
        super(problem?.detail || problem?.title || `The server answered ${status}.`);
        this.status = status;
        this.code = problem?.code ?? (status === 0 ? 'network_error' : `http_${status}`);
        this.title = problem?.title ?? (status === 0 ? 'The server cannot be reached.' : `Request failed (${status}).`);
        this.detail = problem?.detail ?? '';
        this.errors = problem?.errors ?? {};
        /** client_exists: the client who has the e-mail address or phone number. */
        this.existingClientId = problem?.existingClientId ?? null;
    }
}

/** Sends a request with the staff key; answers the parsed body or throws ApiError. */
export async function api(method, path, body = undefined, headers = {}) {
    const init = { method, headers: { Accept: 'application/json', ...headers } };
    if (session.key) init.headers.Authorization = `Bearer ${session.key}`;
    if (body !== undefined) {
        init.headers['Content-Type'] = 'application/json';
        init.body = JSON.stringify(body);
    }

    let response;
    try {
        response = await fetch(path, init);
    } catch {
        throw new ApiError(0, { detail: 'Check the network connection and try again.' });
    }

    const text = await response.text();
    let data = null;
    try {
        data = text ? JSON.parse(text) : null;
    } catch {
        // Not the API's answer (a proxy's error page, say): its text means nothing to the desk.
        data = response.ok ? text : {
            title: response.status >= 500 ? 'The server is not available right now.' : `Request failed (${response.status}).`,
            detail: 'Try again in a moment.',
        };
    }
    if (!response.ok) {
        const error = new ApiError(response.status, data);
        if (response.status === 401) session.onUnauthorized(error);
        throw error;
    }
    return data;
}

export const get = path => api('GET', path);
export const post = (path, body = {}, headers) => api('POST', path, body, headers);
export const patch = (path, body, headers) => api('PATCH', path, body, headers);
export const del = path => api('DELETE', path);

/**
 * The header of a change made on the appointment as the desk shows it: if someone else changed it since, the server
 * refuses it (412, `appointment_changed`) instead of overwriting their change.
 */
export const onVersion = a => ({ 'If-Match': `"${a.version}"` });

export const changedElsewhere = error => error instanceof ApiError && error.code === 'appointment_changed';
