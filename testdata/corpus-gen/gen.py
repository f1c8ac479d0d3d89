#!/usr/bin/env python3
"""Regenerate the ampscan fixture tree in testdata/corpus.

    python3 testdata/corpus-gen/gen.py          # (re)write testdata/corpus
    python3 testdata/corpus-gen/check.py        # verify expectations

Every secret-looking value in the tree is produced here from a fixed seed, so
the tree is byte-for-byte reproducible and no value is a real credential.
(The `secrets` module cannot be seeded, so values come from random.Random
seeded with a string per value: SEED|kind|name. String seeding hashes with
SHA-512 and is stable across CPython versions and PYTHONHASHSEED.)

Templates use placeholders {{kind:name}}; the same kind:name gives the same
value everywhere it appears. Secret kinds (recorded in the manifest):

    api, secret, orgapi, orgsecret   32 lowercase hex
    client, server                   client-/server- + 32 [A-Za-z0-9]
    mgmt, data, scim                 24-64 chars [A-Za-z0-9_-]
    b64:<kind>:<name>                base64 of one of the above
    basic:<name>                     base64("<api:name>:<secret:name>")

Non-secret kinds (near-miss material): hex8/hex16/hex20/hex32/hex40/hex64,
uuid, uuidhex, digits:N:name, alnum:N:name, md5:<text> (real MD5 of text).

Expectations: files that take comments carry `want: TYPE...` comments written
in the templates. Files that cannot (JSON, notebooks, Dockerfile, .properties,
logs, .http, the minified bundle) carry @@WANT:types@@ markers in the template;
the generator strips them and writes testdata/corpus/WANT.tsv.
"""

import base64
import hashlib
import json
import os
import random
import re
import shutil
import string
import sys

SEED = "ampscan-corpus/v1"

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.normpath(os.path.join(HERE, "..", "corpus"))

SECRET_TYPES = {
    "api": "api-key",
    "secret": "secret-key",
    "orgapi": "org-api-key",
    "orgsecret": "org-secret-key",
    "client": "client-deployment-key",
    "server": "server-deployment-key",
    "mgmt": "management-api-key",
    "data": "data-api-token",
    "scim": "scim-key",
}
TYPES = sorted(SECRET_TYPES.values())

HEX = "0123456789abcdef"
ALNUM = string.ascii_letters + string.digits
TOKEN_ALPHABET = ALNUM + "_-"

# token length ranges per kind (formats are unpublished; plausible spreads)
TOKEN_LEN = {"mgmt": (32, 48), "data": (40, 64), "scim": (24, 40)}


def _rng(kind, name):
    return random.Random(f"{SEED}|{kind}|{name}")


def _hex(r, n):
    return "".join(r.choice(HEX) for _ in range(n))


def _key_hex32(r):
    while True:
        v = _hex(r, 32)
        if (any(c.isdigit() for c in v) and any(c.isalpha() for c in v)
                and not re.search(r"(.)\1\1\1", v)):
            return v


def _mixed(v):
    return (any(c.isupper() for c in v) and any(c.islower() for c in v)
            and any(c.isdigit() for c in v))


def _deployment(r, prefix):
    while True:
        v = "".join(r.choice(ALNUM) for _ in range(32))
        if _mixed(v):
            return f"{prefix}-{v}"


def _token(r, kind):
    lo, hi = TOKEN_LEN[kind]
    n = r.randint(lo, hi)
    while True:
        v = "".join(r.choice(TOKEN_ALPHABET) for _ in range(n))
        if _mixed(v) and v[0] in ALNUM and v[-1] in ALNUM and "--" not in v and "__" not in v:
            return v


class Values:
    def __init__(self):
        self.cache = {}
        self.manifest = {}  # value -> type id (secrets only)

    def secret(self, kind, name):
        k = (kind, name)
        if k not in self.cache:
            r = _rng(kind, name)
            if kind in ("api", "secret", "orgapi", "orgsecret"):
                v = _key_hex32(r)
            elif kind in ("client", "server"):
                v = _deployment(r, kind)
            else:
                v = _token(r, kind)
            if v in self.manifest:
                raise SystemExit(f"value collision for {k}")
            self.cache[k] = v
            self.manifest[v] = SECRET_TYPES[kind]
        return self.cache[k]

    def other(self, kind, name):
        k = (kind, name)
        if k in self.cache:
            return self.cache[k]
        r = _rng(kind, name)
        if kind.startswith("hex"):
            n = int(kind[3:])
            v = _key_hex32(r) if n == 32 else _hex(r, n)
        elif kind == "uuid":
            h = _hex(r, 32)
            h = h[:12] + "4" + h[13:16] + r.choice("89ab") + h[17:]
            v = f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"
        elif kind == "uuidhex":
            h = _hex(r, 32)
            v = h[:12] + "4" + h[13:16] + r.choice("89ab") + h[17:]
        elif kind == "digits":
            n, _, _ = name.partition(":")
            v = str(r.randint(1, 9)) + "".join(r.choice(string.digits) for _ in range(int(n) - 1))
        elif kind == "alnum":
            n, _, _ = name.partition(":")
            v = "".join(r.choice(ALNUM) for _ in range(int(n)))
        elif kind == "md5":
            v = hashlib.md5(name.encode()).hexdigest()
        else:
            raise SystemExit(f"unknown kind {kind}")
        self.cache[k] = v
        return v

    def sub(self, m):
        kind, name = m.group(1), m.group(2)
        if kind in SECRET_TYPES:
            return self.secret(kind, name)
        if kind == "b64":
            k2, _, n2 = name.partition(":")
            return base64.b64encode(self.secret(k2, n2).encode()).decode()
        if kind == "basic":
            pair = f"{self.secret('api', name)}:{self.secret('secret', name)}"
            return base64.b64encode(pair.encode()).decode()
        return self.other(kind, name)


KINDS = "|".join(sorted(list(SECRET_TYPES) + [
    "b64", "basic", "hex8", "hex16", "hex20", "hex32", "hex40", "hex64",
    "uuid", "uuidhex", "digits", "alnum", "md5"]))
PLACEHOLDER = re.compile(r"\{\{(" + KINDS + r"):([^{}]+)\}\}")
MARKER = re.compile(r"\s*@@WANT:([a-z -]+)@@")
INLINE_WANT = re.compile(r"\bwant:((?:\s+[a-z-]+)+)")


# ---------------------------------------------------------------------------
# Generated content: notebook and minified bundle
# ---------------------------------------------------------------------------

def notebook():
    def code(src, outputs=None, n=None):
        return {"cell_type": "code", "execution_count": n, "id": "{{hex8:cell%d}}" % (n or 0),
                "metadata": {}, "outputs": outputs or [], "source": src}

    def md(src, i):
        return {"cell_type": "markdown", "id": "{{hex8:md%d}}" % i, "metadata": {}, "source": src}

    cells = [
        md(["# Weekly retention (growth squad)\n",
            "\n",
            "Pulls N-day retention from the Dashboard REST API and compares the two\n",
            "checkout variants. Chart in the team space is linked at the bottom.\n"], 1),
        code(["import os\n",
              "import requests\n",
              "import pandas as pd\n",
              "\n",
              "# TODO: move to os.environ before sharing\n",
              'API_KEY = "{{api:nb}}"@@WANT:api-key@@\n',
              'SECRET_KEY = "{{secret:nb}}"@@WANT:secret-key@@\n',
              'BASE = "https://amplitude.com/api/2"'], n=1),
        code(["params = {\n",
              '    "se": \'{"event_type": "_new"}\',\n',
              '    "re": \'{"event_type": "_all"}\',\n',
              '    "start": "20240401",\n',
              '    "end": "20240428",\n',
              "}\n",
              'r = requests.get(f"{BASE}/retention", params=params, auth=(API_KEY, SECRET_KEY), timeout=60)\n',
              "r.raise_for_status()\n",
              'df = pd.DataFrame(r.json()["data"]["series"][0]["values"])\n',
              "df.head()"], n=2,
             outputs=[{"output_type": "execute_result", "execution_count": 2, "metadata": {},
                       "data": {"text/plain": ["   day  count   outof\n",
                                               "0    0   8412    8412\n",
                                               "1    1   3120    8412"]}}]),
        code(["# variant exposure per flag (Experiment management API)\n",
              'MGMT = os.environ["AMPLITUDE_MANAGEMENT_API_KEY"]\n',
              'flags = requests.get("https://experiment.amplitude.com/api/1/flags",\n',
              '                     headers={"Authorization": f"Bearer {MGMT}"}).json()\n',
              "len(flags)"], n=3,
             outputs=[{"output_type": "stream", "name": "stdout",
                       "text": ["fetched 42 flags; first id {{hex32:nb-flagid}}\n"]}]),
        code(["# the exported rows carry hashed device ids, not keys\n",
              'sample = {"device_id": "{{hex32:nb-dev}}", "insert_id": "{{uuidhex:nb-ins}}"}\n',
              'key_from_env = os.environ["AMPLITUDE_SECRET_KEY"]'], n=4),
        md(["Chart: https://analytics.amplitude.com/share/{{hex32:nb-share}}\n"], 2),
    ]
    nb = {"cells": cells,
          "metadata": {"kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
                       "language_info": {"name": "python", "version": "3.11.7"}},
          "nbformat": 4, "nbformat_minor": 5}
    return json.dumps(nb, indent=1, ensure_ascii=False) + "\n"


def bundle():
    r = random.Random(f"{SEED}|bundle")
    letters = "abcdefghijklmnopqrstuvwxyz"

    def ident():
        return r.choice(letters) + (r.choice(letters + "ABCDEFGHIJKLMNOPQRSTUVWXYZ_$") if r.random() < .4 else "")

    def module():
        mid = r.randint(100, 99999)
        a, b, c, d = ident(), ident(), ident(), ident()
        bodies = [
            f'{mid}:function({a},{b},{c}){{"use strict";{c}.d({b},{{Z:function(){{return {d}}}}});var {d}=function({a}){{return {a}&&{a}.__esModule?{a}:{{default:{a}}}}}}}',
            f'{mid}:function({a},{b},{c}){{"use strict";var {d}=({c}({r.randint(100, 99999)}),{c}({r.randint(100, 99999)}));{b}.default=function({a}){{var {b}=(0,{d}.useState)(!1),{c}={b}[0];return(0,{d}.useEffect)(function(){{{c}||{a}.onReady&&{a}.onReady()}},[{c}]),null}}}}',
            f'{mid}:function({a}){{{a}.exports=function({a},t){{for(var n=0,r=Array(t);n<t;n++)r[n]={a}[n];return r}},{a}.exports.__esModule=!0,{a}.exports.default={a}.exports}}',
            f'{mid}:function({a},{b},{c}){{"use strict";{c}.r({b}),{c}.d({b},{{formatPrice:function(){{return {d}}}}});var {d}=function({a},{b}){{return new Intl.NumberFormat("en-US",{{style:"currency",currency:{b}||"USD"}}).format({a}/100)}}}}',
            f'{mid}:function({a},{b},{c}){{"use strict";Object.defineProperty({b},"__esModule",{{value:!0}}),{b}.isMobile=void 0;{b}.isMobile=function(){{return"undefined"!=typeof navigator&&/Mobi|Android/i.test(navigator.userAgent)}}}}',
        ]
        return r.choice(bodies)

    parts = ['(self.webpackChunk_N_E=self.webpackChunk_N_E||[]).push([[888],{']
    size = len(parts[0])

    def fill(upto):
        nonlocal size
        while size < upto:
            m = module() + ","
            parts.append(m)
            size += len(m)

    fill(9000)
    parts.append('5120:function(e,t,n){"use strict";n.p+"static/css/"+{179:"{{hex20:chunk179}}",402:"{{hex20:chunk402}}"}[e]+".css",n.u=function(e){return"static/css/{{hex32:bundle-css}}.css"}},')
    size += 200
    fill(31200)
    parts.append('4821:function(e,t,n){"use strict";var r=n(2983),o=n(7294),i="https://api2.amplitude.com/2/httpapi",a="@amplitude/analytics-browser";function s(){r.init("{{api:bundle}}",void 0,{defaultTracking:{sessions:!0,pageViews:!0,formInteractions:!1},serverUrl:i,flushIntervalMillis:1e3,logLevel:0})}t.default=function(){return(0,o.useEffect)(function(){s()},[]),null}},')
    size += 400
    fill(34800)
    parts.append('6013:function(e,t,n){"use strict";var r=n(5501),o=r.Experiment.initialize("{{client:bundle}}",{serverZone:"us",fetchTimeoutMillis:500,automaticExposureTracking:!0});t.experiment=o},')
    size += 200
    fill(38500)
    parts.append('9999:function(e,t,n){"use strict";t.build={sha:"{{hex40:bundle-sha}}",time:1714521600}}}]);@@WANT:api-key client-deployment-key@@\n')
    return "".join(parts) + "//# sourceMappingURL=_app-{{hex16:chunk-app}}.js.map\n"


# ---------------------------------------------------------------------------
# The tree. Each entry: path -> template (str) or (template, options).
# options: crlf=True converts line endings; tabs=True turns 4-space indents into tabs.
# ---------------------------------------------------------------------------

FILES = {}


def add(path, text, **opts):
    if path in FILES:
        raise SystemExit(f"duplicate {path}")
    if text.startswith("\n"):
        text = text[1:]
    FILES[path] = (text, opts)


# ----------------------------------------------------------------- web-next
add("web-next/.env.local", r'''
# Local overrides for `next dev`. Not for commit (it was committed anyway).
NEXT_PUBLIC_SITE_URL=http://localhost:3000
NEXT_PUBLIC_AMPLITUDE_API_KEY={{api:web}}  # want: api-key
# FIXME: the export page reads this in the browser, move it server-side
NEXT_PUBLIC_AMPLITUDE_SECRET_KEY={{secret:web}}  # want: secret-key
AMPLITUDE_EXPERIMENT_DEPLOYMENT_KEY={{server:web}}  # want: server-deployment-key
NEXT_PUBLIC_MIXPANEL_TOKEN={{hex32:mixpanel-web}}  # near-miss: other vendor
SENTRY_DSN=https://{{hex32:sentry-web}}@o{{digits:6:sentry-org}}.ingest.sentry.io/{{digits:7:sentry-proj}}  # near-miss: Sentry DSN key
NEXTAUTH_URL=http://localhost:3000
''')

add("web-next/.env.example", r'''
# Copy to .env.local and fill in. Ask #growth-eng for values.
NEXT_PUBLIC_SITE_URL=http://localhost:3000
NEXT_PUBLIC_AMPLITUDE_API_KEY=YOUR_API_KEY  # near-miss: placeholder
NEXT_PUBLIC_AMPLITUDE_DEPLOYMENT_KEY=client-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx  # near-miss: placeholder
AMPLITUDE_EXPERIMENT_DEPLOYMENT_KEY=server-XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX  # near-miss: placeholder
AMPLITUDE_SECRET_KEY=changeme  # near-miss: placeholder
AMPLITUDE_MANAGEMENT_API_KEY=<MANAGEMENT_API_KEY>  # near-miss: placeholder
AMPLI_TOKEN=******  # near-miss: masked
AMPLITUDE_API_KEY_EU=0123456789abcdef0123456789abcdef  # near-miss: sequential
AMPLITUDE_SECRET_KEY_EU=00000000000000000000000000000000  # near-miss: repeated
''')

add("web-next/src/lib/amplitude.ts", r'''
import * as amplitude from '@amplitude/analytics-browser';
import { sessionReplayPlugin } from '@amplitude/plugin-session-replay-browser';

// TODO(growth): read from env again once the Vercel project is fixed
const AMPLITUDE_API_KEY = '{{api:web}}'; // want: api-key

let initialized = false;

export function initAnalytics(userId?: string) {
  if (initialized || typeof window === 'undefined') return;
  amplitude.add(sessionReplayPlugin({ sampleRate: 0.1 }));
  amplitude.init(AMPLITUDE_API_KEY, userId, {
    defaultTracking: { sessions: true, pageViews: true, formInteractions: false },
    serverZone: 'US',
  });
  initialized = true;
}

// EU storefront reads its key at build time
export const EU_API_KEY = process.env.NEXT_PUBLIC_AMPLITUDE_API_KEY_EU ?? ''; // near-miss: reference

export function track(event: string, props?: Record<string, unknown>) {
  amplitude.track(event, props);
}
''')

add("web-next/src/lib/experiment.ts", r'''
import { Experiment, type ExperimentUser } from '@amplitude/experiment-js-client';

export const experiment = Experiment.initialize('{{client:web}}', { // want: client-deployment-key
  serverZone: 'us',
  fetchTimeoutMillis: 500,
  automaticExposureTracking: true,
});

// The old marketing project never got a deployment; it evaluates against the
// default deployment, whose key is the project key.
export const legacyExperiment = Experiment.initialize('{{api:legacy-web}}'); // want: api-key

export async function startExperiment(user: ExperimentUser) {
  await experiment.start(user);
}

export const variantFor = (flag: string) => experiment.variant(flag).value;
''')

add("web-next/src/app/providers.tsx", r'''
'use client';

import { initAll } from '@amplitude/unified';
import { useEffect, type ReactNode } from 'react';

export function AnalyticsProvider({ children }: { children: ReactNode }) {
  useEffect(() => {
    initAll('{{api:web}}', { // want: api-key
      analytics: { autocapture: true },
      sessionReplay: { sampleRate: 1 },
    });
  }, []);

  return <div className="client-provider-wrapper">{children}</div>;
}
''')

add("web-next/src/styles/navigation.module.css", r'''
/* Top navigation. Class names are kept stable for the QA selectors. */
.client-navigation-wrapper { /* near-miss: css class */
  display: flex;
  align-items: center;
  gap: 1.5rem;
}

.server-rendered-banner { /* near-miss: css class */
  background: #0f1d40;
  color: #ffffff;
}

.client-side-only-tooltip[data-hidden='true'] {
  display: none;
}

@font-face {
  font-family: 'Inter';
  src: url('/fonts/inter-var.woff2?v={{hex32:font-bust}}') format('woff2'); /* near-miss: cache-busting hash */
  font-display: swap;
}
''')

add("web-next/out/_next/static/chunks/pages/_app-5d1c0a7e9b3f2c41.js", bundle())

# ---------------------------------------------------------------- marketing
add("marketing/index.html", r'''
<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Acme - Pricing</title>
  <link rel="stylesheet" href="/assets/site.css?v={{hex32:css-bust}}"> <!-- near-miss: cache-busting hash -->
  <script src="https://cdn.amplitude.com/script/{{api:marketing}}.js"></script> <!-- want: api-key -->
  <script>
    window.amplitude.add(window.sessionReplay.plugin({ sampleRate: 1 }));
  </script>
</head>
<body>
  <header class="client-logos-wrapper"> <!-- near-miss: css class -->
    <img src="/img/logo.svg" alt="Acme">
  </header>
  <main>
    <h1>Pricing that grows with you</h1>
    <p>Works client-side and server-side, with no extra setup.</p> <!-- near-miss: prose -->
    <a href="https://analytics.amplitude.com/share/{{hex32:share-mkt}}">See the public funnel</a> <!-- near-miss: chart share link -->
  </main>
</body>
</html>
''')

# ------------------------------------------------------------- dashboard-vite
add("dashboard-vite/.env.production", r'''
VITE_API_BASE=https://dashboard-api.acme.io
VITE_AMPLITUDE_API_KEY_EU={{api:dash-eu}}  # want: api-key
VITE_PUBLIC_AMPLITUDE_DEPLOYMENT_KEY={{client:dash}}  # want: client-deployment-key
VITE_DATADOG_CLIENT_TOKEN=pub{{hex32:dd-client}}  # near-miss: other vendor
VITE_BUILD_SHA={{hex40:dash-sha}}  # near-miss: git SHA
''')

add("dashboard-vite/src/analytics.ts", r'''
import * as analytics from '@amplitude/analytics-browser';
import amplitude from 'amplitude-js';

analytics.init(import.meta.env.VITE_AMPLITUDE_API_KEY_EU, { // near-miss: reference
  serverZone: 'EU',
});

// 2021 dashboards still read the old SDK's cookie; keep until the migration ends.
amplitude.getInstance().init('{{api:dash-legacy}}', undefined, { includeReferrer: true, includeUtm: true }); // want: api-key
''')

# ------------------------------------------------------- other web front-ends
add("cra-legacy/.env", r'''
REACT_APP_API_URL=https://api.acme.io
REACT_APP_AMPLITUDE_API_KEY={{api:cra}}  # want: api-key
REACT_APP_AMPLITUDE_API_SECRET={{secret:cra}}  # want: secret-key
REACT_APP_GA_MEASUREMENT_ID=G-7QX2K9LM4P
''')

add("mobile-expo/.env", r'''
EXPO_PUBLIC_API_URL=https://api.acme.io
EXPO_PUBLIC_AMPLITUDE_API_KEY={{api:expo}}  # want: api-key
EXPO_PUBLIC_AMPLITUDE_USER_ID_SALT={{hex32:expo-salt}}  # near-miss: salt, not a key
''')

add("nuxt-shop/.env", r'''
NUXT_PUBLIC_SITE_URL=https://shop.acme.eu
NUXT_PUBLIC_AMPLITUDE_API_KEY={{api:nuxt}}  # want: api-key
NUXT_PUBLIC_AMPLITUDE_EXPERIMENT_DEPLOYMENT_KEY={{client:nuxt}}  # want: client-deployment-key
''')

add("angular-admin/.env", r'''
NG_APP_API_URL=https://admin-api.acme.io
NG_APP_AMPLITUDE_API_KEY={{api:admin}}  # want: api-key
NG_APP_AMPLITUDE_MANAGEMENT_API_KEY={{mgmt:admin}}  # want: management-api-key
''')

add("gatsby-blog/.env.production", r'''
GATSBY_SITE_URL=https://blog.acme.io
GATSBY_AMPLITUDE_API_KEY={{api:blog}}  # want: api-key
GATSBY_ALGOLIA_APP_ID=K3QH7ZP2XR
GATSBY_ALGOLIA_SEARCH_KEY={{hex32:algolia}}  # near-miss: other vendor
''')

add("sveltekit-site/.env", r'''
PUBLIC_AMPLITUDE_API_KEY={{api:svelte}}  # want: api-key
DATADOG_API_KEY={{hex32:dd-svelte}}  # near-miss: other vendor
''')

# ------------------------------------------------------- node ingest worker
add("services/ingest-worker/.env", r'''
NODE_ENV=production
AMPLITUDE_API_KEY={{api:core}}  # want: api-key
AMPLITUDE_API_SECRET={{secret:core}}  # want: secret-key
AMP_API_KEY={{api:core-amp}}  # want: api-key
AMP_SECRET_KEY={{secret:core-amp}}  # want: secret-key
# default deployment: the project key doubles as deployment key
AMPLITUDE_DEPLOYMENT_KEY={{api:core}}  # want: api-key
AMPLITUDE_DEPLOYMENT_KEY_EU={{server:core-eu}}  # want: server-deployment-key
REDIS_URL=redis://localhost:6379/0
''')

add("services/ingest-worker/src/index.js", r'''
'use strict';

const { init, track, flush } = require('@amplitude/analytics-node');
const { Experiment } = require('@amplitude/experiment-node-server');

init(process.env.AMPLITUDE_API_KEY, { flushIntervalMillis: 1000 }); // near-miss: reference

const remote = Experiment.initializeRemote('{{server:core}}', { fetchTimeoutMillis: 300 }); // want: server-deployment-key
const local = Experiment.initializeLocal('{{server:core-local}}', { // want: server-deployment-key
  flagConfigPollingIntervalMillis: 30000,
});

async function main() {
  await local.start();
  const variants = await remote.fetchV2({ user_id: 'worker' });
  track('Worker Booted', { variants: Object.keys(variants).length });
  await flush().promise;
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
''')

add("services/ingest-worker/src/backfill.js", r'''
'use strict';

// One-off backfill of the March outage window via the Batch API.
const API_KEY = '{{api:core}}'; // want: api-key
const BATCH_URL = 'https://api2.amplitude.com/batch';

async function sendBatch(events) {
  const res = await fetch(BATCH_URL, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ api_key: API_KEY, events, options: { min_id_length: 1 } }),
  });
  if (res.status === 429) throw new Error('throttled');
  return res.json();
}

// device ids in the dump are md5(email); they are not keys
const sample = { device_id: '{{hex32:backfill-dev}}', user_id: 'u_1842' }; // near-miss: device id

module.exports = { sendBatch, sample };
''')

add("services/ingest-worker/config/production.json", r'''
{
  "port": 8080,
  "amplitude": {
    "apiKey": "{{api:core}}",@@WANT:api-key@@
    "secretKey": "{{secret:core}}",@@WANT:secret-key@@
    "serverZone": "US",
    "experiment": {
      "deploymentKeyEnv": "AMPLITUDE_EXPERIMENT_DEPLOYMENT_KEY"
    }
  },
  "mixpanel": { "token": "{{hex32:mp-json}}" },
  "sentry": { "dsn": "https://{{hex32:sentry-core}}@o{{digits:6:sentry-org}}.ingest.sentry.io/{{digits:7:sentry-core}}" },
  "build": { "sha": "{{hex40:core-sha}}", "id": "{{uuid:core-build}}" }
}
''')

# -------------------------------------------------------------------- iOS
add("ios-app/Shop/Analytics/AnalyticsManager.swift", r'''
import AmplitudeSwift
import Experiment
import Foundation

enum AnalyticsKeys {
    static let amplitudeApiKey = "{{api:ios}}" // want: api-key
    static let experimentDeploymentKey = "{{client:ios}}" // want: client-deployment-key
}

final class AnalyticsManager {
    static let shared = AnalyticsManager()

    let amplitude: Amplitude
    let experiment: ExperimentClient

    private init() {
        amplitude = Amplitude(configuration: Configuration(
            apiKey: AnalyticsKeys.amplitudeApiKey,
            autocapture: [.sessions, .appLifecycles, .screenViews]
        ))
        experiment = Experiment.initializeWithAmplitudeAnalytics(
            apiKey: AnalyticsKeys.experimentDeploymentKey,
            config: ExperimentConfigBuilder().build()
        )
    }

    func track(_ name: String, _ props: [String: Any]? = nil) {
        amplitude.track(eventType: name, eventProperties: props)
    }
}
''')

add("ios-app/ShopWidget/WidgetAnalytics.swift", r'''
import AmplitudeSwift
import Experiment

/// The widget extension cannot read the app's Keychain, so the key is inlined.
let widgetAmplitude = Amplitude(configuration: Configuration(apiKey: "{{api:ios}}", flushQueueSize: 10)) // want: api-key

// device identifier as stored by the old SDK (not a key)
let legacyDeviceId = "{{uuidhex:ios-dev}}" // near-miss: device id
''')

add("ios-app/Shop/Legacy/LegacyAnalytics.m", r'''
#import "LegacyAnalytics.h"
#import <Amplitude/Amplitude.h>

@implementation LegacyAnalytics

+ (void)start {
    [[Amplitude instance] setTrackingSessionEvents:YES];
    [[Amplitude instance] initializeApiKey:@"{{api:ios-legacy}}"]; // want: api-key
}

@end
''')

# ---------------------------------------------------------------- Android
add("android-app/app/src/main/res/values/strings.xml", r'''
<?xml version="1.0" encoding="utf-8"?>
<resources>
    <string name="app_name">Acme Shop</string>
    <string name="amplitude_api_key" translatable="false">{{api:android}}</string> <!-- want: api-key -->
    <string name="amplitude_deployment_key" translatable="false">{{client:android}}</string> <!-- want: client-deployment-key -->
    <string name="default_web_client_id" translatable="false">{{digits:12:gcp}}-{{alnum:32:oauth}}.apps.googleusercontent.com</string>
    <string name="checkout_title">Checkout</string>
</resources>
''')

add("android-app/app/src/main/java/com/acme/shop/ShopApplication.kt", r'''
package com.acme.shop

import android.app.Application
import com.amplitude.android.Amplitude
import com.amplitude.android.Configuration
import com.amplitude.experiment.Experiment
import com.amplitude.experiment.ExperimentConfig

class ShopApplication : Application() {
    lateinit var amplitude: Amplitude

    override fun onCreate() {
        super.onCreate()
        amplitude = Amplitude(
            Configuration(
                apiKey = "{{api:android}}", // want: api-key
                context = applicationContext,
                flushIntervalMillis = 10_000,
            )
        )
        val experiment = Experiment.initializeWithAmplitudeAnalytics(
            this,
            getString(R.string.amplitude_deployment_key),
            ExperimentConfig(),
        )
        experiment.fetch(null)
    }
}
''')

add("android-app/app/src/main/java/com/acme/shop/flags/FlagsModule.kt", r'''
package com.acme.shop.flags

import android.app.Application
import com.acme.shop.BuildConfig
import com.amplitude.android.Amplitude
import com.amplitude.android.Configuration
import com.amplitude.experiment.Experiment
import com.amplitude.experiment.ExperimentConfig

private const val DEPLOYMENT_KEY = "{{client:android}}" // want: client-deployment-key

object FlagsModule {
    fun experiment(app: Application) =
        Experiment.initialize(app, DEPLOYMENT_KEY, ExperimentConfig.builder().debug(BuildConfig.DEBUG).build())

    fun amplitudeFromBuild(app: Application) =
        Amplitude(Configuration(apiKey = BuildConfig.AMPLITUDE_API_KEY, context = app)) // near-miss: reference
}
''')

add("android-app/app/src/main/java/com/acme/shop/legacy/LegacyTracker.java", r'''
package com.acme.shop.legacy;

import android.app.Application;
import com.amplitude.api.Amplitude;

public final class LegacyTracker {
    private LegacyTracker() {}

    public static void start(Application application) {
        Amplitude.getInstance().initialize(application, "{{api:android-legacy}}").enableForegroundTracking(application); // want: api-key
    }
}
''')

add("android-app/app/build.gradle.kts", r'''
plugins {
    id("com.android.application")
    kotlin("android")
}

android {
    namespace = "com.acme.shop"
    compileSdk = 34

    defaultConfig {
        applicationId = "com.acme.shop"
        minSdk = 24
        targetSdk = 34
        versionCode = 4102
        versionName = "4.1.0"
        buildConfigField("String", "AMPLITUDE_API_KEY", "\"${project.findProperty("AMPLITUDE_API_KEY")}\"") // near-miss: reference
        // used by the in-app export screen (should never ship in an APK)
        buildConfigField("String", "AMPLITUDE_SECRET_KEY", "\"{{secret:android}}\"") // want: secret-key
    }

    buildFeatures { buildConfig = true }
}

dependencies {
    implementation("com.amplitude:analytics-android:1.16.8")
    implementation("com.amplitude:experiment-android-client:1.12.1")
    implementation("com.amplitude:android-sdk:2.39.8")
}
''')

add("android-app/app/src/main/java/com/acme/shop/audio/WaveformView.kt", r'''
package com.acme.shop.audio

import kotlin.math.abs

// Peak amplitude per bucket; 0x7FFF is full scale for PCM16.
private const val MAX_AMPLITUDE = 0x7FFF
// amplitude lookup table shipped in assets/lut.bin (md5 below)
private const val AMPLITUDE_LUT_MD5 = "{{hex32:lut}}" // near-miss: DSP checksum

fun normalize(sample: Short): Float = abs(sample.toInt()).toFloat() / MAX_AMPLITUDE

fun peakAmplitude(buffer: ShortArray): Int = buffer.maxOf { abs(it.toInt()) } and 0xFFFF
''')

# ------------------------------------------------------------ Python service
add("services/insights-api/app/analytics.py", r'''
"""Event tracking for the insights API."""
import os

from amplitude import Amplitude, BaseEvent, Config

AMPLITUDE_API_KEY = "{{api:py}}"  # want: api-key

client = Amplitude(AMPLITUDE_API_KEY, Config(flush_queue_size=50, min_id_length=1))

# read from the environment in production
PROD_API_KEY = os.environ["AMPLITUDE_API_KEY"]  # near-miss: reference
DEPLOYMENT_KEY = os.getenv("AMPLITUDE_DEPLOYMENT_KEY", "<DEPLOYMENT_KEY>")  # near-miss: placeholder


def track(user_id: str, event_type: str, **props) -> None:
    client.track(BaseEvent(event_type=event_type, user_id=user_id, event_properties=props))
''')

add("services/insights-api/app/flags.py", r'''
from amplitude_experiment import (
    Experiment,
    LocalEvaluationConfig,
    RemoteEvaluationConfig,
    User,
)

remote = Experiment.initialize_remote("{{server:py}}", RemoteEvaluationConfig(fetch_timeout_millis=500))  # want: server-deployment-key
local = Experiment.initialize_local(
    "{{server:py-local}}",  # want: server-deployment-key
    LocalEvaluationConfig(flag_config_polling_interval_millis=30_000),
)
local.start()


def variant(user_id: str, flag: str) -> str | None:
    v = local.evaluate_v2(User(user_id=user_id), {flag}).get(flag)
    return v.value if v else None
''')

add("services/insights-api/app/export.py", r'''
"""Nightly raw export and profile enrichment."""
import requests

EXPORT_URL = "https://amplitude.com/api/2/export"

API_KEY = "{{api:py}}"  # want: api-key
SECRET_KEY = "{{secret:py}}"  # want: secret-key


def export(start: str, end: str) -> bytes:
    r = requests.get(EXPORT_URL, params={"start": start, "end": end}, auth=(API_KEY, SECRET_KEY), timeout=300)
    r.raise_for_status()
    return r.content


def profile(user_id: str) -> dict:
    params = {"user_id": user_id, "get_amp_props": "true"}
    return requests.get("https://profile-api.amplitude.com/v1/userprofile", params=params, headers={"Authorization": "Api-Key {{secret:py}}"}).json()  # want: secret-key
''')

add("services/insights-api/tests/test_insert_id.py", r'''
import hashlib

from app.ids import make_insert_id


def test_md5_vectors():
    # RFC 1321 test suite; insert ids are md5 hex digests
    assert hashlib.md5(b"").hexdigest() == "d41d8cd98f00b204e9800998ecf8427e"  # near-miss: MD5 vector
    assert hashlib.md5(b"abc").hexdigest() == "900150983cd24fb0d6963f7d28e17f72"  # near-miss: MD5 vector


def test_insert_id_is_md5_of_event():
    event = {"event_type": "Checkout Completed", "user_id": "u_1842", "time": 1714521600000}
    # the amplitude insert_id dedupes retries; we derive it from the event
    assert make_insert_id(event) == "{{md5:Checkout Completed|u_1842|1714521600000}}"  # near-miss: MD5 insert_id


def test_device_id_passthrough():
    assert make_insert_id({"device_id": "{{uuidhex:py-dev}}"}) is not None  # near-miss: hyphen-less UUID
''')

add("services/insights-api/tests/fixtures/amplitude_httpapi_batch.json", r'''
{
  "api_key": "{{api:py}}",@@WANT:api-key@@
  "events": [
    {
      "user_id": "{{hex32:py-user1}}",
      "device_id": "{{hex32:py-dev1}}",
      "insert_id": "{{hex32:py-ins1}}",
      "event_type": "Order Placed",
      "time": 1714521600123,
      "session_id": 1714521500000,
      "event_properties": { "order_id": "{{uuid:py-order}}", "total_cents": 4599 }
    },
    {
      "user_id": "u_1842",
      "device_id": "{{uuid:py-dev2}}",
      "insert_id": "{{uuidhex:py-ins2}}",
      "event_type": "Checkout Completed",
      "time": 1714521600999
    }
  ],
  "options": { "min_id_length": 1 }
}
''')

add("services/insights-api/config/settings.ini", r'''
; insights-api runtime settings
[server]
host = 0.0.0.0
port = 8080
workers = 4

[amplitude]
api_key = {{api:py-ini}}  ; want: api-key
secret_key = {{secret:py-ini}}  ; want: secret-key
server_zone = US

[mixpanel]
api_secret = {{hex32:mp-ini}}  ; near-miss: other vendor
''', crlf=True)

add("services/insights-api/config/analytics.toml", r'''
[amplitude]
api_key = "{{api:py-toml}}"  # want: api-key
secret_key = "{{secret:py-toml}}"  # want: secret-key
server_zone = "US"
''')

add("services/insights-api/notebooks/retention_analysis.ipynb", notebook())

# ---------------------------------------------------------------- Go service
add("services/billing/internal/analytics/client.go", r'''
package analytics

import "github.com/amplitude/analytics-go/amplitude"

// New returns the client for the EU project.
func New() amplitude.Client {
    config := amplitude.NewConfig("{{api:go-eu}}") // want: api-key
    config.ServerZone = amplitude.ServerZoneEU
    config.FlushQueueSize = 200
    return amplitude.NewClient(config)
}
''', tabs=True)

add("services/billing/internal/flags/flags.go", r'''
package flags

import (
    "time"

    "github.com/amplitude/experiment-go-server/pkg/experiment/local"
    "github.com/amplitude/experiment-go-server/pkg/experiment/remote"
)

var remoteClient = remote.Initialize("{{server:go}}", &remote.Config{FetchTimeout: 500 * time.Millisecond}) // want: server-deployment-key

var localClient = local.Initialize("{{server:go-local}}", &local.Config{FlagConfigPollerInterval: 30 * time.Second}) // want: server-deployment-key

func Start() error { return localClient.Start() }
''', tabs=True)

add("services/billing/internal/flags/management.go", r'''
package flags

import (
    "context"
    "net/http"
)

const (
    managementBase = "https://experiment.amplitude.com/api/1"
    managementKey  = "{{mgmt:go}}" // want: management-api-key
)

// ListDeployments calls the Experiment management API.
func ListDeployments(ctx context.Context) (*http.Response, error) {
    req, err := http.NewRequestWithContext(ctx, http.MethodGet, managementBase+"/deployments?limit=100", nil)
    if err != nil {
        return nil, err
    }
    req.Header.Set("Authorization", "Bearer "+managementKey)
    req.Header.Set("Accept", "application/json")
    return http.DefaultClient.Do(req)
}
''', tabs=True)

add("services/billing/internal/scim/provision.go", r'''
package scim

import (
    "context"
    "net/http"
    "strings"
)

const scimBase = "https://core.amplitude.com/scim/1"

var scimToken = "{{scim:go}}" // want: scim-key

// Deactivate sets active=false on a provisioned user.
func Deactivate(ctx context.Context, userID string) (*http.Response, error) {
    body := strings.NewReader(`{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"replace","value":{"active":false}}]}`)
    req, err := http.NewRequestWithContext(ctx, http.MethodPatch, scimBase+"/Users/"+userID, body)
    if err != nil {
        return nil, err
    }
    req.Header.Set("Authorization", "Bearer "+scimToken)
    req.Header.Set("Content-Type", "application/scim+json")
    return http.DefaultClient.Do(req)
}
''', tabs=True)

add("services/billing/internal/dsp/oscillator.go", r'''
package dsp

import "math"

// Oscillator is a damped harmonic oscillator used for the invoice-chart easing.
type Oscillator struct {
    Amplitude float64
    Frequency float64
    Damping   float64
}

// amplitude envelope table fingerprint (md5 of envelope.bin)
const envelopeTableMD5 = "{{hex32:envelope}}" // near-miss: DSP checksum

var amplitudeMask uint32 = 0x7fffffff

// At returns the displacement at time t.
func (o Oscillator) At(t float64) float64 {
    return o.Amplitude * math.Exp(-o.Damping*t) * math.Cos(2*math.Pi*o.Frequency*t)
}
''', tabs=True)

add("services/billing/config/config.yaml", r'''
server:
  addr: ":8080"
  read_timeout: 5s

amplitude:
  api_key: "{{api:go-yaml}}"  # want: api-key
  secret_key: "{{secret:go-yaml}}"  # want: secret-key
  server_zone: US

mixpanel:
  api_key: "{{hex32:mp-yaml-key}}"  # near-miss: other vendor
  api_secret: "{{hex32:mp-yaml-secret}}"  # near-miss: other vendor
''')

add("services/billing/Dockerfile", r'''
FROM golang:1.22-alpine AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -o /out/billing ./cmd/billing

FROM gcr.io/distroless/static-debian12@sha256:{{hex64:distroless}}
COPY --from=build /out/billing /billing
ENV AMPLITUDE_API_KEY={{api:go-docker}} AMPLITUDE_SECRET_KEY={{secret:go-docker}}@@WANT:api-key secret-key@@
ENV AMPLITUDE_EXPERIMENT_DEPLOYMENT_KEY={{server:go-docker}}@@WANT:server-deployment-key@@
ENV GIT_SHA={{hex40:docker-sha}}
ENTRYPOINT ["/billing"]
''')

add("services/pricing-jvm/src/main/java/com/acme/pricing/FlagConfig.java", r'''
package com.acme.pricing;

import com.amplitude.experiment.Experiment;
import com.amplitude.experiment.LocalEvaluationClient;
import com.amplitude.experiment.LocalEvaluationConfig;
import com.amplitude.experiment.RemoteEvaluationClient;
import com.amplitude.experiment.RemoteEvaluationConfig;

public final class FlagConfig {
    private static final String DEPLOYMENT_KEY = "{{server:jvm}}"; // want: server-deployment-key

    private FlagConfig() {}

    public static RemoteEvaluationClient remote() {
        return Experiment.initializeRemote(DEPLOYMENT_KEY, RemoteEvaluationConfig.builder().fetchTimeoutMillis(500).build());
    }

    public static LocalEvaluationClient local() {
        return Experiment.initializeLocal(DEPLOYMENT_KEY, LocalEvaluationConfig.builder().build());
    }
}
''')

# ------------------------------------------------------------------ Flutter
add("flutter_app/lib/analytics/analytics_service.dart", r'''
import 'package:amplitude_flutter/amplitude.dart';
import 'package:amplitude_flutter/configuration.dart';
import 'package:amplitude_flutter/events/base_event.dart';

class AnalyticsService {
  AnalyticsService._();

  static final Amplitude amplitude =
      Amplitude(Configuration(apiKey: '{{api:flutter}}', flushQueueSize: 30)); // want: api-key

  static Future<void> track(String name, [Map<String, dynamic>? props]) =>
      amplitude.track(BaseEvent(name, eventProperties: props));
}
''')

add("flutter_app/lib/config/keys.dart", r'''
import 'package:amplitude_flutter/amplitude.dart';
import 'package:amplitude_flutter/configuration.dart';
import 'package:amplitude_flutter/constants.dart';

const String kAmplitudeApiKeyEu = '{{api:flutter-eu}}'; // want: api-key
const String kAmplitudeApiKeyFromEnv = String.fromEnvironment('AMPLITUDE_API_KEY'); // near-miss: reference

final amplitudeEu = Amplitude(
  Configuration(apiKey: kAmplitudeApiKeyEu, serverZone: ServerZone.eu),
);
''')

# -------------------------------------------------------------------- Unity
add("unity-game/Assets/Scripts/Analytics/AnalyticsBootstrap.cs", r'''
using UnityEngine;

public class AnalyticsBootstrap : MonoBehaviour
{
    private const string AmplitudeApiKey = "{{api:unity}}"; // want: api-key

    private void Awake()
    {
        Amplitude amplitude = Amplitude.getInstance();
        amplitude.setServerUrl("https://api2.amplitude.com");
        amplitude.logging = Debug.isDebugBuild;
        amplitude.trackSessionEvents(true);
        amplitude.init(AmplitudeApiKey);
    }
}
''')

add("unity-game/Assets/Scripts/Analytics/AnalyticsBootstrap.cs.meta", r'''
fileFormatVersion: 2
guid: {{hex32:unity-guid1}}
MonoImporter:
  externalObjects: {}
  serializedVersion: 2
  defaultReferences: []
  executionOrder: 0
  icon: {instanceID: 0}
  userData: 
  assetBundleName: 
  assetBundleVariant: 
''')

# --------------------------------------------------------------------- Ruby
add("ruby-app/config/initializers/amplitude.rb", r'''
# frozen_string_literal: true

require "amplitude-api"

AmplitudeAPI.config.api_key = "{{api:rails}}" # want: api-key
AmplitudeAPI.config.secret_key = "{{secret:rails}}" # want: secret-key
AmplitudeAPI.config.options = { min_id_length: 1 }
AmplitudeAPI.config.server_zone = ENV.fetch("AMPLITUDE_SERVER_ZONE", "US")
''')

add("ruby-app/config/initializers/experiment.rb", r'''
# frozen_string_literal: true

require "amplitude-experiment"

EXPERIMENT_DEPLOYMENT_KEY = "{{server:rails}}" # want: server-deployment-key

Rails.application.config.x.experiment = AmplitudeExperiment.initialize_remote(
  EXPERIMENT_DEPLOYMENT_KEY,
  AmplitudeExperiment::RemoteEvaluationConfig.new(fetch_timeout_millis: 500)
)
''')

add("ruby-app/config/amplitude.yml", r'''
default: &default
  server_zone: US
  flush_interval: 10

development:
  <<: *default
  api_key: <%= ENV["AMPLITUDE_API_KEY"] %>  # near-miss: reference

production:
  <<: *default
  api_key: {{api:rails-yml}}  # want: api-key
''')

# -------------------------------------------------------------- Terraform
add("infra/terraform/appflow.tf", r'''
resource "aws_appflow_connector_profile" "amplitude" {
  name            = "amplitude-events"
  connector_type  = "Amplitude"
  connection_mode = "Public"

  connector_profile_config {
    connector_profile_credentials {
      amplitude {
        api_key    = "{{api:tf}}" # want: api-key
        secret_key = "{{secret:tf}}" # want: secret-key
      }
    }

    connector_profile_properties {}
  }
}
''')

add("infra/terraform/airbyte.tf", r'''
variable "amplitude_api_key" {
  type      = string
  sensitive = true
}

variable "amplitude_secret_key" {
  type      = string
  sensitive = true
}

resource "airbyte_source_amplitude" "product_events" {
  name         = "Amplitude (EU)"
  workspace_id = "{{uuid:airbyte-ws}}" # near-miss: UUID
  configuration = {
    api_key            = "{{api:airbyte}}" # want: api-key
    secret_key         = "{{secret:airbyte}}" # want: secret-key
    data_region        = "EU Residency Server"
    start_date         = "2023-01-01T00:00:00Z"
    request_time_range = 24
  }
}
''')

# ------------------------------------------------ evaluation proxy, compose
add("infra/evaluation-proxy/config.yaml", r'''
# Experiment evaluation proxy (local evaluation for the edge workers)
projects:
  - id: "{{digits:6:proxy-proj}}"
    apiKey: "{{api:proxy}}"  # want: api-key
    secretKey: "{{secret:proxy}}"  # want: secret-key
    managementKey: "{{mgmt:proxy}}"  # want: management-api-key
    deploymentKeys:
      - "{{server:proxy}}"  # want: server-deployment-key
      - "{{client:proxy}}"  # want: client-deployment-key

configuration:
  port: 3546
  serverUrl: "https://api.lab.amplitude.com"
  cohortServerUrl: "https://cohort-v2.lab.amplitude.com"
  deploymentSyncIntervalMillis: 60000
  flagSyncIntervalMillis: 10000
  redis:
    uri: "redis://redis-master.experiment.svc.cluster.local:6379"
    prefix: "evaluation-proxy"
''')

add("infra/docker-compose.yml", r'''
services:
  evaluation-proxy:
    image: amplitudeinc/evaluation-proxy:0.4.2
    environment:
      AMPLITUDE_API_KEY: "{{api:compose}}"  # want: api-key
      AMPLITUDE_SECRET_KEY: ${AMPLITUDE_SECRET_KEY:?set in .env}
      AMPLITUDE_DEPLOYMENT_KEY: ${AMPLITUDE_DEPLOYMENT_KEY}  # near-miss: reference
    ports:
      - "3546:3546"
    depends_on: [redis]

  redis:
    image: redis:7-alpine
''')

# ---------------------------------------------------------------- k8s
add("infra/k8s/amplitude-secret.yaml", r'''
apiVersion: v1
kind: Secret
metadata:
  name: amplitude-credentials
  namespace: storefront
type: Opaque
data:
  AMPLITUDE_API_KEY: {{b64:api:k8s}}  # want: api-key
  AMPLITUDE_SECRET_KEY: {{b64:secret:k8s}}  # want: secret-key
  AMPLITUDE_DEPLOYMENT_KEY: {{b64:server:k8s}}  # want: server-deployment-key
---
apiVersion: v1
kind: Secret
metadata:
  name: amplitude-credentials
  namespace: storefront-staging
type: Opaque
data:
  AMPLITUDE_API_KEY: WU9VUl9BUElfS0VZ  # near-miss: base64 of a placeholder
  AMPLITUDE_SECRET_KEY: Y2hhbmdlbWU=  # near-miss: base64 of a placeholder
''')

add("infra/k8s/ops-secrets.yaml", r'''
apiVersion: v1
kind: Secret
metadata:
  name: ops-tooling
  namespace: platform
type: Opaque
stringData:
  AMPLITUDE_SCIM_KEY: "{{scim:k8s}}"  # want: scim-key
  AMPLI_TOKEN: "{{data:k8s}}"  # want: data-api-token
data:
  AMPLITUDE_ORG_SECRET_KEY: {{b64:orgsecret:k8s}}  # want: org-secret-key
''')

add("infra/k8s/deployment.yaml", r'''
apiVersion: apps/v1
kind: Deployment
metadata:
  name: ingest-worker
  namespace: storefront
  annotations:
    acme.io/git-sha: "{{hex40:k8s-sha}}"  # near-miss: git SHA
spec:
  replicas: 3
  selector:
    matchLabels: { app: ingest-worker }
  template:
    metadata:
      labels: { app: ingest-worker }
    spec:
      containers:
        - name: worker
          image: registry.acme.io/storefront/ingest-worker@sha256:{{hex64:k8s-img}}  # near-miss: SHA-256
          env:
            - name: AMPLITUDE_API_KEY
              valueFrom:
                secretKeyRef: { name: amplitude-credentials, key: AMPLITUDE_API_KEY }
            - name: AMPLITUDE_SECRET_KEY
              valueFrom:
                secretKeyRef: { name: amplitude-credentials, key: AMPLITUDE_SECRET_KEY }
            - name: AMPLITUDE_SERVER_ZONE
              value: "US"
''')

add("infra/ansible/group_vars/all/vault.yml", r'''
# NOTE: should be ansible-vault encrypted; it is not.
amplitude_org_api_key: "{{orgapi:ans}}"  # want: org-api-key
amplitude_org_secret_key: "{{orgsecret:ans}}"  # want: org-secret-key
amplitude_scim_key: "{{scim:ans}}"  # want: scim-key
okta_org_url: "https://acme.okta.com"
okta_client_id: "0oa{{alnum:17:okta}}"
''')

# -------------------------------------------------------------------- CI
add(".github/workflows/deploy.yml", r'''
name: deploy

on:
  push:
    branches: [main]

env:
  AMPLITUDE_API_KEY: {{api:gha}}  # want: api-key
  AMPLITUDE_SECRET_KEY: ${{ secrets.AMPLITUDE_SECRET_KEY }}  # near-miss: reference

jobs:
  build:
    runs-on: ubuntu-latest
    env:
      AMPLI_TOKEN: {{data:gha}}  # want: data-api-token
    steps:
      - uses: actions/checkout@{{hex40:gha-checkout}}  # v4.1.7
      - uses: actions/setup-node@{{hex40:gha-node}}  # v4.0.3
        with:
          node-version: 20
      - run: npm ci
      - run: npx ampli pull web --token "$AMPLI_TOKEN"  # near-miss: reference
      - run: npm run build
''')

add(".github/workflows/ampli-ci.yml", r'''
name: ampli

on: [pull_request]

jobs:
  tracking-plan:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - run: npm install -g @amplitude/ampli
      - name: Pull the tracking plan
        run: ampli pull backend --token={{data:gha-ampli}} -b main  # want: data-api-token
      - name: Verify instrumentation
        run: ampli status --is-merged -u
''')

add(".gitlab-ci.yml", r'''
variables:
  DOCKER_DRIVER: overlay2
  AMPLITUDE_API_KEY: "{{api:gl}}"  # want: api-key
  AMPLITUDE_SECRET_KEY: $AMPLITUDE_SECRET_KEY_PROD  # near-miss: reference
  AMPLITUDE_EXPERIMENT_MANAGEMENT_API_KEY: "{{mgmt:gl}}"  # want: management-api-key

stages: [test, deploy]

test:
  stage: test
  image: node:20
  script:
    - npm ci
    - npm test

flags:sync:
  stage: deploy
  image: curlimages/curl:8.7.1
  script:
    - 'curl -sf -H "Authorization: Bearer ${AMPLITUDE_EXPERIMENT_MANAGEMENT_API_KEY}" https://experiment.amplitude.com/api/1/flags'  # near-miss: reference
    - echo "deployed $CI_COMMIT_SHA"
''')

# ---------------------------------------------------------------- scripts
add("scripts/export_events.sh", r'''
#!/usr/bin/env bash
# Pull one day of raw events for the data team.
set -euo pipefail

START="${1:-20240501T00}"
END="${2:-20240501T23}"

curl -sS -u {{api:sh}}:{{secret:sh}} "https://amplitude.com/api/2/export?start=${START}&end=${END}" -o export.zip  # want: api-key secret-key

# EU residency project
curl -sS "https://{{api:sh-eu}}:{{secret:sh-eu}}@analytics.eu.amplitude.com/api/2/export?start=${START}&end=${END}" -o export-eu.zip  # want: api-key secret-key

# staging reads the pair from the environment
curl -sS -u "$AMPLITUDE_API_KEY:$AMPLITUDE_SECRET_KEY" "https://amplitude.com/api/2/events/list"  # near-miss: reference
''')

add("scripts/taxonomy_audit.sh", r'''
#!/usr/bin/env bash
# Weekly taxonomy audit plus tracking-plan sync.
set -euo pipefail

curl -sS "https://amplitude.com/api/2/taxonomy/category" -H "Authorization: Basic {{basic:sh}}" | jq '.data | length'  # want: api-key secret-key

curl -sS https://data-api.amplitude.com/graphql -H "Content-Type: application/json" -H "Authorization: Bearer {{data:sh}}" -d '{"query":"{ orgs { id name } }"}'  # want: data-api-token

ampli pull web --token {{data:sh}} --path ./src/ampli  # want: data-api-token
ampli pull --token "$AMPLI_TOKEN"  # near-miss: reference
''')

add("scripts/check_flags.sh", r'''
#!/usr/bin/env bash
# Smoke-test flag delivery after a deploy.
set -euo pipefail

curl -s -H "Authorization: Api-Key {{server:sh}}" "https://api.lab.amplitude.com/v1/flags" | jq 'length'  # want: server-deployment-key
curl -s -H "Authorization: Api-Key {{client:sh-eu}}" "https://api.lab.eu.amplitude.com/v1/vardata?user_id=qa-bot"  # want: client-deployment-key
curl -s -H "Authorization: Bearer {{mgmt:sh}}" "https://experiment.amplitude.com/api/1/flags?limit=100"  # want: management-api-key
curl -s -H "Authorization: Api-Key <DEPLOYMENT_KEY>" "https://api.lab.amplitude.com/v1/flags"  # near-miss: placeholder

echo "server-side flags OK"  # near-miss: prose
''')

add("scripts/scim_sync.sh", r'''
#!/usr/bin/env bash
# Reconcile Amplitude seats with Okta groups.
set -euo pipefail

SCIM_BASE="https://core.amplitude.com/scim/1"
curl -s "${SCIM_BASE}/Users?startIndex=1&count=100" -H "Authorization: Bearer {{scim:sh}}"  # want: scim-key
''')

add("scripts/send_test_event.sh", r'''
#!/usr/bin/env bash
# QA pings: one event per ingestion path.
set -euo pipefail

curl -sS -X POST https://api2.amplitude.com/2/httpapi -H 'Content-Type: application/json' --data '{"api_key":"{{api:sh-ingest}}","events":[{"user_id":"qa-bot","event_type":"QA Ping","insert_id":"{{uuidhex:qa1}}"}]}'  # want: api-key

curl -sS -X POST https://api2.amplitude.com/identify -d 'api_key={{api:sh-ingest}}' --data-urlencode 'identification=[{"user_id":"qa-bot","user_properties":{"plan":"pro"}}]'  # want: api-key

curl -sS "https://api.amplitude.com/httpapi?api_key={{api:sh-ingest}}&event=%5B%7B%22user_id%22%3A%22qa-bot%22%2C%22event_type%22%3A%22QA%20Ping%22%7D%5D"  # want: api-key
''')

add("scripts/org_privacy_sweep.py", r'''
#!/usr/bin/env python3
"""Cross-project Amplitude privacy sweep with the org-level keys issued by Support."""
import json
import sys

import requests

ORG_API_KEY = "{{orgapi:py}}"  # want: org-api-key
ORG_SECRET_KEY = "{{orgsecret:py}}"  # want: org-secret-key


def main(user_ids):
    payload = {"user_ids": user_ids, "requester": "privacy@acme.io", "ignore_invalid_id": "True"}
    r = requests.post("https://amplitude.com/api/2/deletions/users", auth=(ORG_API_KEY, ORG_SECRET_KEY), json=payload)
    r.raise_for_status()
    json.dump(r.json(), sys.stdout, indent=2)


if __name__ == "__main__":
    main(sys.argv[1:])
''')

add("ops/.env.admin", r'''
# admin tooling (privacy sweeps, seat sync, flag management)
AMPLITUDE_ORG_API_KEY={{orgapi:env}}  # want: org-api-key
AMPLITUDE_ORG_SECRET_KEY={{orgsecret:env}}  # want: org-secret-key
AMPLITUDE_SCIM_KEY={{scim:env}}  # want: scim-key
AMPLITUDE_MGMT_KEY={{mgmt:env}}  # want: management-api-key
AMPLITUDE_MANAGEMENT_API_KEY={{mgmt:env2}}  # want: management-api-key
AMPLI_TOKEN=
OKTA_API_TOKEN=00{{alnum:40:okta-token}}  # near-miss: other vendor
''')

# ---------------------------------------------------------------- tools
add("tools/postman/amplitude.postman_collection.json", r'''
{
  "info": {
    "_postman_id": "{{uuid:pm}}",
    "name": "Amplitude APIs",
    "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"
  },
  "auth": {
    "type": "basic",
    "basic": [
      { "key": "username", "value": "{{api:pm}}", "type": "string" },@@WANT:api-key@@
      { "key": "password", "value": "{{secret:pm}}", "type": "string" }@@WANT:secret-key@@
    ]
  },
  "item": [
    {
      "name": "Event segmentation",
      "request": {
        "method": "GET",
        "url": "https://amplitude.com/api/2/events/segmentation?e=%7B%22event_type%22%3A%22_active%22%7D&start=20240401&end=20240430"
      }
    },
    {
      "name": "Fetch variants",
      "request": {
        "auth": { "type": "noauth" },
        "method": "GET",
        "header": [
          { "key": "Authorization", "value": "Api-Key {{deploymentKey}}" }
        ],
        "url": "https://api.lab.amplitude.com/v1/vardata?user_id={{userId}}"
      }
    },
    {
      "name": "Shared chart (no auth)",
      "request": { "method": "GET", "url": "https://analytics.amplitude.com/share/{{hex32:share-pm}}" }
    }
  ],
  "variable": [ { "key": "userId", "value": "qa-bot" }, { "key": "deploymentKey", "value": "<DEPLOYMENT_KEY>" } ]
}
''')

# -------------------------------------------------------------------- logs
add("logs/ingest-worker-2024-05-01.log", r'''
2024-05-01T09:12:03.114Z INFO  ingest-worker started pid=4121 version=3.8.2 commit={{hex40:log-commit}}
2024-05-01T09:12:03.402Z DEBUG outbound GET https://api2.amplitude.com/httpapi?api_key={{api:core}}&event=%5B%7B%22event_type%22%3A%22worker_boot%22%7D%5D status=200 dur=88ms@@WANT:api-key@@
2024-05-01T09:12:04.001Z INFO  flushed batch size=50 device_id={{hex32:log-dev}} trace_id={{hex32:log-trace}} span_id={{hex16:log-span}}
2024-05-01T09:12:05.777Z WARN  retry POST https://api.eu.amplitude.com/2/httpapi body_bytes=2211 attempt=2 insert_id={{hex32:log-ins}}
2024-05-01T09:12:06.120Z INFO  evaluation traceparent=00-{{hex32:log-tp}}-{{hex16:log-tp2}}-01 flag=checkout-redesign variant=treatment
2024-05-01T09:12:07.500Z ERROR flag fetch failed: 401 Unauthorized url=https://api.lab.amplitude.com/v1/flags authorization="Api-Key server-****"
2024-05-01T09:12:08.000Z INFO  request_id={{uuid:log-req}} user_id={{uuidhex:log-user}} status=200
''')

# -------------------------------------------------------------------- docs
add("docs/analytics/setup.md", r'''
# Analytics setup

We send events client-side from the storefront and server-side from the ingest worker. <!-- near-miss: prose -->

## Keys

1. Copy the project API key into `.env.local`:

   ```bash
   NEXT_PUBLIC_AMPLITUDE_API_KEY=<API_KEY>  # near-miss: placeholder
   ```

2. Check the key (read-only):
   `GET https://sr-client-cfg.amplitude.com/config/{api-key}?config_group=browser` <!-- near-miss: placeholder -->

3. Never put the secret key in a `NEXT_PUBLIC_` variable.

## Example from INC-231

This was pasted from a terminal into the incident doc. Both keys were rotated.

```bash
curl -u {{api:docs}}:{{secret:docs}} https://amplitude.com/api/2/events/list  # want: api-key secret-key
```

## Experiment

Use `client-` keys in browsers and `server-` keys on servers.

Weekly funnel: https://analytics.amplitude.com/share/{{hex32:share-docs}} <!-- near-miss: chart share link -->
''')

add("docs/runbooks/rotate-keys.md", r'''
# Runbook: rotating analytics and experiment keys

| What | Where | Example (masked) |
|---|---|---|
| Project API key | Organization settings > API Keys | `3f8e************************91c2` | <!-- near-miss: masked -->
| Server deployment key | Experiment > Deployments | `server-XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX` | <!-- near-miss: placeholder -->
| Management key | Experiment > Management API | `{management-key}` |

1. Create the new key, deploy it (see {{hex40:runbook-commit}} for the config change). <!-- near-miss: git SHA -->
2. Delete the old key. A revoked API key can keep working for up to six hours.
3. Record the change in incident {{uuid:runbook-inc}}. <!-- near-miss: UUID -->

## Changelog

- 2024-03-12 `{{hex40:cl2}}` new client-side session replay sampling
''')


# ---------------------------------------------------------------------------

def build():
    """Return (files: {path: bytes}, wants: [(path, line, [types])], manifest)."""
    vals = Values()
    files, wants = {}, []
    for path, (tmpl, opts) in sorted(FILES.items()):
        text = PLACEHOLDER.sub(vals.sub, tmpl)
        left = re.search(r"\{\{(" + KINDS + r"):", text)
        if left:
            raise SystemExit(f"{path}: unresolved placeholder near {text[left.start():left.start()+40]!r}")
        if opts.get("tabs"):
            text = re.sub(r"(?m)^((?:    )+)", lambda m: "\t" * (len(m.group(1)) // 4), text)
        lines = text.split("\n")
        for i, line in enumerate(lines):
            ms = list(MARKER.finditer(line))
            if not ms:
                continue
            if INLINE_WANT.search(line):
                raise SystemExit(f"{path}:{i+1}: both inline comment and marker")
            types = []
            for m in ms:
                types += m.group(1).split()
            for t in types:
                if t not in TYPES:
                    raise SystemExit(f"{path}:{i+1}: unknown type {t}")
            lines[i] = MARKER.sub("", line)
            wants.append((path, i + 1, types))
        text = "\n".join(lines)
        if "@@" in text and "WANT" in text:
            raise SystemExit(f"{path}: stray marker")
        if opts.get("crlf"):
            text = text.replace("\n", "\r\n")
        files[path] = text.encode()
    tsv = "".join(f"{p}\t{n}\t{' '.join(t)}\n" for p, n, t in wants)
    files["WANT.tsv"] = tsv.encode()
    return files, wants, vals.manifest


def main():
    files, wants, manifest = build()
    if os.path.isdir(OUT):
        shutil.rmtree(OUT)
    for path, data in files.items():
        full = os.path.join(OUT, path)
        os.makedirs(os.path.dirname(full), exist_ok=True)
        with open(full, "wb") as f:
            f.write(data)
    print(f"wrote {len(files)} files to {OUT} ({len(manifest)} distinct secret values, {len(wants)} WANT.tsv rows)")


if __name__ == "__main__":
    sys.exit(main())
