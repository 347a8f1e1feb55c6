import assert from "node:assert/strict";
import { describe, it, mock } from "node:test";
import type { ProfilePromptActions } from "@/components/actions";
import { requestProfilePromptEarly, takeEarlyProfilePrompt } from "./early-prompt";

type GetProfilePrompt = ProfilePromptActions["getProfilePrompt"];
type PromptResult = Awaited<ReturnType<GetProfilePrompt>>;

/** A getProfilePrompt that answers with a login key of its own, and records what it was called with. */
function action(loginKey: string) {
  const calls: { token: string; input: unknown }[] = [];
  const fn: GetProfilePrompt = async (token, input) => {
    calls.push({ token, input });
    return { ok: true, prompt: { loginKey, questions: [] } } as unknown as PromptResult;
  };
  return { fn, calls };
}

const token = async () => "token-1";

describe("the sign-in callback's early getProfilePrompt, taken by the prompt with the same action", () => {
  it("asks the given action with the session's token and the client hints; the prompt with that action takes the answer, once", async () => {
    const app = action("login-a");
    requestProfilePromptEarly(app.fn, token);
    const taken = takeEarlyProfilePrompt(app.fn);
    assert.ok(taken);
    assert.deepEqual(await taken, { ok: true, prompt: { loginKey: "login-a", questions: [] } });
    assert.equal(app.calls.length, 1);
    assert.equal(app.calls[0]?.token, "token-1");
    assert.ok(typeof app.calls[0]?.input === "object" && app.calls[0].input !== null && "clientHints" in app.calls[0].input);
    assert.equal(takeEarlyProfilePrompt(app.fn), null, "given out once: a second prompt asks for itself");
  });

  it("a prompt with other actions neither gets it nor uses it up", async () => {
    const app = action("login-a");
    const other = action("login-b");
    requestProfilePromptEarly(app.fn, token);
    assert.equal(takeEarlyProfilePrompt(other.fn), null);
    const taken = takeEarlyProfilePrompt(app.fn);
    assert.ok(taken);
    assert.equal(((await taken) as { prompt: { loginKey: string } }).prompt.loginKey, "login-a");
    assert.equal(other.calls.length, 0);
  });

  it("an answer asked for 30 s ago or more is dropped: the prompt asks again", () => {
    mock.timers.enable({ apis: ["Date"], now: 1_000_000 });
    try {
      const app = action("login-a");
      requestProfilePromptEarly(app.fn, token);
      mock.timers.tick(29_999);
      assert.ok(takeEarlyProfilePrompt(app.fn), "still fresh at 29.999 s");
      requestProfilePromptEarly(app.fn, token);
      mock.timers.tick(30_000);
      assert.equal(takeEarlyProfilePrompt(app.fn), null);
      assert.equal(takeEarlyProfilePrompt(app.fn), null, "and it is gone");
    } finally {
      mock.timers.reset();
    }
  });
});
