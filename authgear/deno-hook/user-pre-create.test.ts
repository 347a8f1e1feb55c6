import { afterEach, beforeEach, describe, it } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { ISO_3166_1_ALPHA_2 } from "../../lib/authgear/iso3166";
import { isPublicIp as appIsPublicIp } from "../../lib/enrichment/ip-ranges";
import hook, { COUNTRY_CODES, IPGEOLOCATION_ENDPOINT, TIMEOUT_MS, enrichNewUser, isPublicIp } from "./user-pre-create";

type Event = Parameters<typeof enrichNewUser>[0];

function preCreate(customAttributes: Record<string, unknown>, context: Record<string, unknown> = {}): Event {
  return {
    id: "0000000000000001",
    seq: 1,
    type: "user.pre_create",
    payload: { user: { id: "u-1", custom_attributes: customAttributes }, identities: [] },
    context: { timestamp: 1_700_000_000, user_id: null, preferred_languages: ["en"], language: "en", triggered_by: "user", ip_address: "81.2.69.142", geo_location_code: null, ...context },
  } as unknown as Event;
}

const LONDON = {
  ip: "81.2.69.142",
  country_code2: "GB",
  state_prov: "England",
  city: "London",
  latitude: "51.51500",
  longitude: "-0.09200",
  time_zone: { name: "Europe/London", offset: 0 },
};

const KEY = "test_key_0123456789";
const realFetch = globalThis.fetch;
let calls: URL[] = [];

function fakeFetch(respond: (url: URL, init?: RequestInit) => Promise<Response>) {
  globalThis.fetch = (async (input: string | URL | Request, init?: RequestInit) => {
    const url = new URL(input instanceof Request ? input.url : input);
    calls.push(url);
    return respond(url, init);
  }) as typeof fetch;
}

const json = (body: unknown, status = 200) => async () => new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });

beforeEach(() => {
  calls = [];
});
afterEach(() => {
  globalThis.fetch = realFetch;
});

describe("user.pre_create Deno hook", () => {
  it("fills empty city, country and timezone from ipgeolocation.io", async () => {
    fakeFetch(json(LONDON));
    const response = await enrichNewUser(preCreate({}), { apiKey: KEY });
    assert.deepEqual(response, { is_allowed: true, mutations: { user: { custom_attributes: { city: "London", country: "GB", timezone: "Europe/London" } } } });
    assert.equal(calls.length, 1);
    assert.equal(`${calls[0]!.origin}${calls[0]!.pathname}`, IPGEOLOCATION_ENDPOINT);
    assert.equal(calls[0]!.searchParams.get("apiKey"), KEY);
    assert.equal(calls[0]!.searchParams.get("ip"), "81.2.69.142");
  });

  it("sends back every existing attribute and fills only the empty ones", async () => {
    fakeFetch(json(LONDON));
    const existing = { city: "Manchester", company: "Acme", team_size: 12, timezone: "" };
    const response = await enrichNewUser(preCreate(existing), { apiKey: KEY });
    assert.deepEqual(response, {
      is_allowed: true,
      mutations: { user: { custom_attributes: { city: "Manchester", company: "Acme", team_size: 12, country: "GB", timezone: "Europe/London" } } },
    });
  });

  it("makes no call when nothing is empty", async () => {
    fakeFetch(json(LONDON));
    const response = await enrichNewUser(preCreate({ city: "Paris", country: "FR", timezone: "Europe/Paris" }), { apiKey: KEY });
    assert.deepEqual(response, { is_allowed: true });
    assert.equal(calls.length, 0);
  });

  it("allows the sign-up without mutations when the lookup times out", async () => {
    fakeFetch(
      (_url, init) =>
        new Promise((_resolve, reject) => {
          init?.signal?.addEventListener("abort", () => reject(init.signal?.reason));
        }),
    );
    // AbortSignal.timeout's timer does not keep Node's event loop alive; a real fetch would.
    const keepAlive = setInterval(() => {}, 1000);
    const started = Date.now();
    const response = await enrichNewUser(preCreate({ company: "Acme" }), { apiKey: KEY, timeoutMs: 50 }).finally(() => clearInterval(keepAlive));
    assert.ok(Date.now() - started < 1000);
    assert.deepEqual(response, { is_allowed: true });
  });

  it("times out after 1500 ms by default", () => {
    assert.equal(TIMEOUT_MS, 1500);
  });

  it("allows without mutations on a non-200 answer, a garbage body or a network error", async () => {
    for (const respond of [
      json({ message: "Provided API key is not valid." }, 401),
      json({}, 500),
      async () => new Response("<html>oops</html>", { status: 200 }),
      json(["not", "an", "object"]),
      json({ city: 42, country_code2: "XX", time_zone: { name: "Not/AZone" } }),
      async () => {
        throw new TypeError("fetch failed");
      },
    ]) {
      fakeFetch(respond);
      assert.deepEqual(await enrichNewUser(preCreate({}), { apiKey: KEY }), { is_allowed: true });
    }
  });

  it("never calls out for private, loopback or malformed addresses", async () => {
    fakeFetch(json(LONDON));
    for (const ip of ["10.0.0.1", "192.168.1.1", "127.0.0.1", "::1", "fc00::1", "100.64.0.1", "", "999.1.1.1", "abc", undefined]) {
      assert.deepEqual(await enrichNewUser(preCreate({}, { ip_address: ip }), { apiKey: KEY }), { is_allowed: true }, String(ip));
    }
    assert.equal(calls.length, 0);
  });

  it("falls back to Authgear's geo_location_code for the country", async () => {
    fakeFetch(json({}, 503));
    assert.deepEqual(await enrichNewUser(preCreate({ a: 1 }, { geo_location_code: "HK" }), { apiKey: KEY }), {
      is_allowed: true,
      mutations: { user: { custom_attributes: { a: 1, country: "HK" } } },
    });
  });

  it("without an API key (the shipped default) makes no call, and uses geo_location_code only", async () => {
    fakeFetch(json(LONDON));
    assert.deepEqual(await hook(preCreate({})), { is_allowed: true });
    assert.deepEqual(await hook(preCreate({}, { geo_location_code: "GB" })), {
      is_allowed: true,
      mutations: { user: { custom_attributes: { country: "GB" } } },
    });
    assert.equal(calls.length, 0);
  });

  it("writes to the attributes the team named, and skips those set to null", async () => {
    fakeFetch(json(LONDON));
    const response = await enrichNewUser(preCreate({}), { apiKey: KEY, attributes: { city: "home_city", country: null, timezone: "tz" } });
    assert.deepEqual(response, { is_allowed: true, mutations: { user: { custom_attributes: { home_city: "London", tz: "Europe/London" } } } });
  });

  it("allows the sign-up whatever the event looks like", async () => {
    fakeFetch(json(LONDON));
    for (const odd of [{}, { payload: null }, { payload: { user: null } }, { context: null }]) {
      const response = await enrichNewUser(odd as unknown as Event, { apiKey: KEY });
      assert.equal(response.is_allowed, true);
    }
  });
});

describe("the hook's self-contained copies stay in step with the app", () => {
  it("knows exactly the country codes Authgear accepts", () => {
    assert.deepEqual([...COUNTRY_CODES].sort(), [...ISO_3166_1_ALPHA_2].sort());
  });

  it("judges addresses as the app's ip-ranges module does", () => {
    const samples = [
      "81.2.69.142", "8.8.8.8", "1.1.1.1", "0.0.0.0", "10.0.0.1", "100.64.0.1", "100.128.0.0", "127.0.0.1", "169.254.1.1",
      "172.16.0.1", "172.32.0.1", "192.0.2.1", "192.168.1.1", "198.18.0.1", "198.51.100.1", "203.0.113.1", "224.0.0.1",
      "255.255.255.255", "01.2.3.4", "1.2.3", "999.1.1.1", "", "abc",
      "::", "::1", "::ffff:81.2.69.142", "::ffff:10.0.0.1", "2a00:1450:4009::1", "2001:4860:4860::8888", "2001:db8::1",
      "2001::1", "2002::1", "3fff::1", "fc00::1", "fe80::1", "ff02::1", "4000::1", "1::2::3", "2a00:1450:4009:0:0:0:0:1",
      "1:2:3:4:5:6:7:8:9", "2a00::1.2.3.4",
    ];
    for (const ip of samples) assert.equal(isPublicIp(ip), appIsPublicIp(ip), ip);
  });

  it("imports the Deno hook types with `import type` only, so nothing is fetched at run time", () => {
    const source = readFileSync(new URL("./user-pre-create.ts", import.meta.url), "utf8");
    const imports = source.split("\n").filter((line) => /^\s*import\s/.test(line));
    assert.deepEqual(imports, [
      'import type { EventUserPreCreate, EventUserPreCreateHookResponse } from "https://deno.land/x/authgear_deno_hook@v2.0.0/mod.ts";',
    ]);
  });
});
