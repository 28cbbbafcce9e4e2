import { ConversationActorsError } from "./errors.js";
import { ResumePoint } from "./resume.js";
/**
 * The change feed read through `fetch` (not `EventSource`, which cannot send an Authorization header): it sends
 * the bearer token and `Last-Event-ID`, parses the stream, and reconnects with backoff after any drop until stopped.
 */
export class Feed {
    options;
    resume = new ResumePoint(null);
    abort = new AbortController();
    stopped = false;
    constructor(options) {
        this.options = options;
    }
    start() {
        void this.run();
    }
    stop() {
        this.stopped = true;
        this.abort.abort();
    }
    async run() {
        let delay = this.options.reconnectDelayMs;
        while (!this.stopped) {
            try {
                const lastEventId = this.resume.lastEventId;
                const connected = await this.readOnce(lastEventId);
                if (connected)
                    delay = this.options.reconnectDelayMs;
            }
            catch (error) {
                if (this.stopped)
                    return;
                if (error instanceof ConversationActorsError && !isTransient(error)) {
                    this.stopped = true;
                    this.options.onFatal(error);
                    return;
                }
            }
            if (this.stopped)
                return;
            await sleep(delay, this.abort.signal);
            delay = Math.min(delay * 2, this.options.maxReconnectDelayMs);
        }
    }
    /** One connection: true once it was open. Throws a refusal; returns when the stream ends or goes silent. */
    async readOnce(lastEventId) {
        const connection = new AbortController();
        const onStop = () => connection.abort();
        this.abort.signal.addEventListener("abort", onStop);
        let idle;
        const arm = () => {
            clearTimeout(idle);
            idle = setTimeout(() => connection.abort(), this.options.idleTimeoutMs);
        };
        try {
            const headers = { Accept: "text/event-stream", ...(await this.options.headers()) };
            if (lastEventId !== null)
                headers["Last-Event-ID"] = String(lastEventId);
            arm();
            const response = await this.options.fetch(this.options.url, { headers, signal: connection.signal, cache: "no-store" });
            if (response.status !== 200 || !response.body) {
                const text = await response.text().catch(() => "");
                let code = -1;
                let desc = `the change feed answered ${response.status}`;
                try {
                    const envelope = JSON.parse(text);
                    if (typeof envelope.code === "number")
                        ({ code, desc } = envelope);
                }
                catch {
                    // not an envelope
                }
                throw new ConversationActorsError(code, desc, response.status);
            }
            this.resume.connected();
            let first = lastEventId === null;
            const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
            let buffer = "";
            let id = null;
            let event = null;
            let data = "";
            for (;;) {
                arm();
                const { value, done } = await reader.read();
                if (done)
                    return true;
                buffer += value;
                let newline;
                while ((newline = buffer.indexOf("\n")) >= 0) {
                    const line = buffer.slice(0, newline).replace(/\r$/, "");
                    buffer = buffer.slice(newline + 1);
                    if (line === "") {
                        if (id !== null && event !== null && data !== "") {
                            const seq = Number(id);
                            if (this.resume.accept(seq, first))
                                this.options.onItem({ seq, event, data: JSON.parse(data) });
                            first = false;
                        }
                        id = event = null;
                        data = "";
                    }
                    else if (line.startsWith("id:"))
                        id = line.slice(3).trim();
                    else if (line.startsWith("event:"))
                        event = line.slice(6).trim();
                    else if (line.startsWith("data:"))
                        data += line.slice(5).replace(/^ /, "");
                }
            }
        }
        catch (error) {
            if (error instanceof ConversationActorsError)
                throw error;
            return false;
        }
        finally {
            clearTimeout(idle);
            this.abort.signal.removeEventListener("abort", onStop);
            connection.abort();
        }
    }
}
function isTransient(error) {
    return error.code === -1 || error.status === 401 || error.status === 429 || error.status >= 500;
}
function sleep(ms, signal) {
    return new Promise((resolve) => {
        const timer = setTimeout(done, ms);
        function done() {
            clearTimeout(timer);
            signal.removeEventListener("abort", done);
            resolve();
        }
        signal.addEventListener("abort", done);
    });
}
