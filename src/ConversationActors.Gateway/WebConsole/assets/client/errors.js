/**
 * A refusal, like the SDK's imError: `code` is the SPEC's (6017 invalid parameter, 6004 conversation not found,
 * 70001 unauthenticated, 50003 forbidden, 80002 payload too large, 7008 rate limited, 50005 timeout,
 * 50004 store unavailable); -1 when no envelope came back (network failure, foreign answer). `status` is the
 * HTTP status (0 without an answer).
 */
export class ConversationActorsError extends Error {
    code;
    desc;
    status;
    data;
    constructor(code, desc, status, data = null) {
        super(`code ${code}: ${desc}`);
        this.name = "ConversationActorsError";
        this.code = code;
        this.desc = desc;
        this.status = status;
        this.data = data;
    }
}
