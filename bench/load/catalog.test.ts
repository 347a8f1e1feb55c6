import assert from "node:assert/strict";
import { test } from "node:test";
import { parseConfigYaml } from "@/emulator/config";
import { planPrompt } from "@/lib/prompt/planner";
import { loadEmulatorConfigYaml } from "./authgear-config";
import { LOAD_ATTRIBUTES, loadCatalog } from "./catalog";

test("the load catalog: 100 distinct text questions, three per login, load_001 first", () => {
  assert.equal(new Set(LOAD_ATTRIBUTES).size, 100);
  assert.deepEqual(
    loadCatalog.questions.map((q) => q.attribute),
    LOAD_ATTRIBUTES,
  );
  assert.equal(loadCatalog.perLogin, 3);
  const plan = planPrompt({ catalog: loadCatalog, attributes: {}, history: {}, login: { sub: "u", authTime: 1 }, promptLog: {}, now: 1000 });
  assert.deepEqual(
    plan.ask.map((a) => a.attribute),
    ["load_001", "load_002", "load_003"],
  );
});

test("the load emulator config: the emulator accepts it, with exactly the load catalog's custom attributes", async () => {
  const config = parseConfigYaml(await loadEmulatorConfigYaml(), "load authgear.yaml");
  const pointers = JSON.stringify(config).match(/"\/load_\d{3}"/g) ?? [];
  assert.equal(new Set(pointers).size, 100);
  assert.doesNotMatch(JSON.stringify(config), /"\/job_title"/);
});
