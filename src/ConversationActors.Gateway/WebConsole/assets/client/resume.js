/**
 * Where the change feed resumes so that nothing is missed and nothing is delivered twice. The items of one seq
 * arrive together, but a connection may drop between them: resume strictly after the seq before and skip the items
 * of that seq already delivered. The first item of a feed opened without a resume point (the current total)
 * stands for the whole journal up to its seq.
 */
export class ResumePoint {
    complete;
    partialSeq = -1;
    partialCount = 0;
    toSkip = 0;
    constructor(after) {
        this.complete = after;
    }
    /** The Last-Event-ID of the next connection, or null: from now on. */
    get lastEventId() {
        return this.partialCount > 0 ? this.partialSeq - 1 : this.complete;
    }
    connected() {
        this.toSkip = this.partialCount;
    }
    /** Whether an item is new to the listener; records it when it is. */
    accept(seq, firstOfFreshFeed) {
        if (firstOfFreshFeed) {
            this.complete = seq;
            this.partialCount = 0;
            return true;
        }
        if (seq <= (this.complete ?? -1) || seq < this.partialSeq)
            return false;
        if (seq === this.partialSeq) {
            if (this.toSkip > 0) {
                this.toSkip--;
                return false;
            }
            this.partialCount++;
            return true;
        }
        if (this.partialCount > 0)
            this.complete = this.partialSeq;
        this.partialSeq = seq;
        this.partialCount = 1;
        this.toSkip = 0;
        return true;
    }
}
