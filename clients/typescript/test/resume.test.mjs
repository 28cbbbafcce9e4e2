// The listener's resume rule on its own: the drop a real server rarely makes (between two items of one seq).
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ResumePoint } from "../dist/resume.js";

describe("ResumePoint", () => {
  it("resumes before a seq whose items were cut off and skips the ones already delivered", () => {
    const resume = new ResumePoint(null);
    resume.connected();
    assert.equal(resume.accept(4, true), true);
    assert.equal(resume.lastEventId, 4);
    assert.equal(resume.accept(5, false), true);
    assert.equal(resume.lastEventId, 4);
    resume.connected();
    assert.equal(resume.accept(5, false), false);
    assert.equal(resume.accept(5, false), true);
    assert.equal(resume.accept(6, false), true);
    assert.equal(resume.lastEventId, 5);
  });

  it("never delivers an item at or before the resume point again", () => {
    const resume = new ResumePoint(10);
    resume.connected();
    assert.equal(resume.accept(10, false), false);
    assert.equal(resume.accept(11, false), true);
    resume.connected();
    assert.equal(resume.accept(11, false), false);
    assert.equal(resume.accept(12, false), true);
  });
});
