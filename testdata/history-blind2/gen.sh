#!/usr/bin/env bash
# Deterministic generator of a blind evaluation history for `ampscan git`.
# Usage: gen.sh [REPO_DIR=./repo] [ANSWERS_DIR=.]
# Needs bash and git (>= 2.32 for GIT_CONFIG_GLOBAL); uses mkdir/mktemp/rm only for
# directories. Writes ANSWERS_DIR/answers.tsv, ANSWERS_DIR/secrets.tsv (answers plus
# the value and the situation, for check.sh) and ANSWERS_DIR/NOTES.md.
set -euo pipefail
export LC_ALL=C TZ=UTC

OUT=${1:-./repo}
ANS=${2:-.}

# ---------------------------------------------------------------- isolation
unset GIT_DIR GIT_WORK_TREE GIT_INDEX_FILE GIT_OBJECT_DIRECTORY GIT_ALTERNATE_OBJECT_DIRECTORIES \
      GIT_NAMESPACE GIT_CEILING_DIRECTORIES GIT_TEMPLATE_DIR GIT_AUTHOR_NAME GIT_AUTHOR_EMAIL \
      GIT_COMMITTER_NAME GIT_COMMITTER_EMAIL GIT_AUTHOR_DATE GIT_COMMITTER_DATE 2>&1 || true
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
: > "$TMP/gitconfig"
export GIT_CONFIG_GLOBAL="$TMP/gitconfig" GIT_CONFIG_NOSYSTEM=1
export GIT_EDITOR=: GIT_MERGE_AUTOEDIT=no GIT_TERMINAL_PROMPT=0
LOG="$TMP/git.log"

if [ -e "$OUT" ]; then
  if [ -f "$OUT/.git/blindgit2-generated" ]; then rm -rf "$OUT"
  else echo "gen.sh: $OUT exists and was not made by gen.sh; refusing to overwrite" >&2; exit 2; fi
fi
mkdir -p "$OUT" "$ANS"
ANS=$(cd "$ANS" && pwd)
cd "$OUT"
git init -q -b main --template= .
: > .git/blindgit2-generated

# ---------------------------------------------------------------- planted values
# Random values generated once (tr -dc </dev/urandom) and frozen here so that
# every run yields the same objects.
V_CLIENT='client-XH3e04F5mFRwnets89Bd8wSRP9UeyAOd'   # Experiment client deployment key
V_SERVER='server-3tFOA9XRb7AhbiS2y2R6wadr8fKDjkWv'   # Experiment server deployment key
V_API_ANDROID='8da57a1b7d045ef97dcb5fad0417dd13'     # project API key (Android app)
V_API_EXPORT='fd58bde019416860a81f0deb3dab61d3'      # project API key (export job)
V_SECRET_OLD='902cc4efb4831ed18b155274c9a8d9e2'      # project secret key, rotated away
V_SECRET_NEW='a4e0c239f8727b00e03b4456dabaf446'      # project secret key after rotation
V_MGMT='LDMqmnY8h1D6KlJtF5I-MJp_LXo3WMGULS46'        # Experiment Management API key (36)
V_AMPLI='0nQCvrsARLy9FuvOfdwEa-OgAbjCNG-izoM8giTx'   # Data API token / AMPLI_TOKEN (40)

# ---------------------------------------------------------------- helpers
T=1704103200   # 2024-01-01T10:00:00Z
N=0
tick() { N=$((N + 1)); T=$((T + 3600 + (N * 2713) % 7200)); D="$T +0000"; }

as() {
  case $1 in
    dana)   GIT_AUTHOR_NAME='Dana Ortiz';    GIT_AUTHOR_EMAIL='dana.ortiz@acme-shop.example' ;;
    priya)  GIT_AUTHOR_NAME='Priya Raman';   GIT_AUTHOR_EMAIL='priya.raman@acme-shop.example' ;;
    tomasz) GIT_AUTHOR_NAME='Tomasz Nowak';  GIT_AUTHOR_EMAIL='tomasz.nowak@acme-shop.example' ;;
    lea)    GIT_AUTHOR_NAME='Lea Brandt';    GIT_AUTHOR_EMAIL='lea.brandt@contractor.example' ;;
    *) echo "unknown author $1" >&2; exit 3 ;;
  esac
  GIT_COMMITTER_NAME=$GIT_AUTHOR_NAME; GIT_COMMITTER_EMAIL=$GIT_AUTHOR_EMAIL
  export GIT_AUTHOR_NAME GIT_AUTHOR_EMAIL GIT_COMMITTER_NAME GIT_COMMITTER_EMAIL
}

# w PATH <<'EOF' ... EOF   -- write a file; @NAME@ is replaced by $V_NAME
w() {
  local p=$1 c=''
  IFS= read -r -d '' c || true
  c=${c//@CLIENT@/$V_CLIENT};         c=${c//@SERVER@/$V_SERVER}
  c=${c//@API_ANDROID@/$V_API_ANDROID}; c=${c//@API_EXPORT@/$V_API_EXPORT}
  c=${c//@SECRET_OLD@/$V_SECRET_OLD}; c=${c//@SECRET_NEW@/$V_SECRET_NEW}
  c=${c//@MGMT@/$V_MGMT};             c=${c//@AMPLI@/$V_AMPLI}
  case $p in */*) mkdir -p "${p%/*}" ;; esac
  printf '%s' "$c" > "$p"
}

commit() {  # commit WHO MESSAGE
  as "$1"; tick
  git add -A
  GIT_AUTHOR_DATE="$D" GIT_COMMITTER_DATE="$D" git commit -q -m "$2"
}

merge() {   # merge WHO BRANCH MESSAGE   (always a true merge)
  as "$1"; tick
  GIT_AUTHOR_DATE="$D" GIT_COMMITTER_DATE="$D" git merge -q --no-ff -m "$3" "$2" >>"$LOG" 2>&1
}

PLANTS=()
plant() {   # plant KEY_TYPE VALUE_VAR PATH SITUATION   (HEAD is the introducing commit)
  PLANTS+=("$1"$'\t'"$2"$'\t'"$3"$'\t'"$(git rev-parse HEAD)"$'\t'"$4")
}

# ================================================================= history
# 1
w README.md <<'EOF'
# acme-shop

Storefront, flag service and data tooling for Acme Shop.
EOF
w .gitignore <<'EOF'
node_modules/
dist/
*.log
.env
.DS_Store
EOF
w package.json <<'EOF'
{
  "name": "acme-shop",
  "version": "1.3.0",
  "private": true,
  "scripts": {
    "build": "vite build",
    "test": "vitest run"
  },
  "dependencies": {
    "@amplitude/analytics-browser": "^2.3.0"
  }
}
EOF
commit dana "Initial commit"

# 2
w web/src/index.js <<'EOF'
import * as amplitude from '@amplitude/analytics-browser';

// The API key is injected at build time; never hard-code it here.
amplitude.init(process.env.REACT_APP_AMPLITUDE_API_KEY, {
  defaultTracking: { sessions: true, pageViews: true },
});

export function track(name, props) {
  amplitude.track(name, props);
}
EOF
commit priya "web: add entry point with Amplitude analytics"

# 3  near misses: placeholders
w .env.example <<'EOF'
# Copy to .env and fill in real values. Never commit .env.
REACT_APP_AMPLITUDE_API_KEY=YOUR_API_KEY
AMPLITUDE_SECRET_KEY=<SECRET_KEY>
REACT_APP_AMPLITUDE_DEPLOYMENT_KEY=client-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx
AMPLITUDE_SERVER_DEPLOYMENT_KEY=server-XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX
AMPLI_TOKEN=changeme
MIXPANEL_TOKEN=
EOF
commit priya "Add .env.example"

# 4  near misses: ${{ secrets.X }} and $X
w .github/workflows/ci.yml <<'EOF'
name: ci
on:
  push:
    branches: [main]
  pull_request:

jobs:
  test:
    runs-on: ubuntu-latest
    env:
      REACT_APP_AMPLITUDE_API_KEY: ${{ secrets.AMPLITUDE_API_KEY }}
      AMPLI_TOKEN: ${{ secrets.AMPLI_TOKEN }}
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-node@v4
        with:
          node-version: 20
      - run: npm ci
      - run: npx ampli pull web -t "$AMPLI_TOKEN"
      - run: npm test
EOF
commit tomasz "ci: add test workflow"

# 5  PLANT api key + secret key via curl -u API:SECRET
w scripts/export_events.sh <<'EOF'
#!/usr/bin/env bash
# Nightly export of raw Amplitude events to the data lake.
set -euo pipefail

START=$(date -u -d yesterday +%Y%m%dT00)
END=$(date -u -d yesterday +%Y%m%dT23)
OUT="/var/lib/exports/amplitude-${START}.zip"

curl -sS --fail -u "@API_EXPORT@:@SECRET_OLD@" \
  "https://amplitude.com/api/2/export?start=${START}&end=${END}" \
  -o "$OUT"

aws s3 cp "$OUT" "s3://acme-data-lake/amplitude/raw/"
EOF
commit tomasz "scripts: nightly export of raw events"
plant amplitude-api-key    "$V_API_EXPORT" scripts/export_events.sh "curl -u API:SECRET, API half; line later edited (--retry) and moved down; still in HEAD"
plant amplitude-secret-key "$V_SECRET_OLD" scripts/export_events.sh "curl -u API:SECRET, SECRET half; rotated away later (old value of a rotated key); only in history"

# 6  near miss: chart share link
w README.md <<'EOF'
# acme-shop

Storefront, flag service and data tooling for Acme Shop.

## Setup

    cp .env.example .env
    npm ci
    npm run build

## Dashboards

Weekly funnel: https://analytics.amplitude.com/share/eff4b07e2eac8f8ef5627e2e234988de
EOF
commit dana "docs: setup and dashboards"

# 7  PLANT server deployment key, Python Experiment SDK (file deleted later)
w services/flags/evaluate.py <<'EOF'
"""Server-side flag evaluation for the checkout service."""
from amplitude_experiment import Experiment, RemoteEvaluationConfig, User

experiment = Experiment.initialize_remote(
    'server-3tFOA9XRb7AhbiS2y2R6wadr8fKDjkWv',
    RemoteEvaluationConfig(fetch_timeout_millis=500),
)


def variant_for(user_id: str, flag_key: str):
    user = User(user_id=user_id)
    variants = experiment.fetch_v2(user)
    variant = variants.get(flag_key)
    return variant.value if variant else None
EOF
w services/flags/requirements.txt <<'EOF'
amplitude-experiment==1.3.1
EOF
commit lea "flags: add python flag evaluation service"
plant amplitude-server-deployment-key "$V_SERVER" services/flags/evaluate.py "Python Experiment SDK initialize_remote; key line moves in a later edit; file deleted later; only in history"

# 8  unrelated edit, key line moves down
w services/flags/evaluate.py <<'EOF'
"""Server-side flag evaluation for the checkout service."""
import logging

from amplitude_experiment import Experiment, RemoteEvaluationConfig, User

log = logging.getLogger(__name__)

experiment = Experiment.initialize_remote(
    'server-3tFOA9XRb7AhbiS2y2R6wadr8fKDjkWv',
    RemoteEvaluationConfig(fetch_timeout_millis=500),
)


def variant_for(user_id: str, flag_key: str):
    user = User(user_id=user_id)
    variants = experiment.fetch_v2(user)
    variant = variants.get(flag_key)
    log.debug("flag %s -> %s", flag_key, variant)
    return variant.value if variant else None
EOF
commit lea "flags: log evaluated variants"

# 9  PLANT project API key in Kotlin (renamed + edited later; copied nowhere)
w android/app/src/main/java/com/acmeshop/Analytics.kt <<'EOF'
package com.acmeshop

import android.content.Context
import com.amplitude.android.Amplitude
import com.amplitude.android.Configuration

object Analytics {
    private var client: Amplitude? = null

    fun init(context: Context) {
        client = Amplitude(
            Configuration(
                apiKey = "@API_ANDROID@",
                context = context.applicationContext,
            )
        )
    }

    fun track(event: String, props: Map<String, Any?> = emptyMap()) {
        client?.track(event, props)
    }
}
EOF
commit priya "android: analytics wrapper"
plant amplitude-api-key "$V_API_ANDROID" android/app/src/main/java/com/acmeshop/Analytics.kt "Kotlin Configuration(apiKey = ...); file renamed AND edited in one later commit (no second finding at the new path); still in HEAD at the new path"

# 10
w deploy/evaluation-proxy.yaml <<'EOF'
# Amplitude Experiment evaluation proxy
projects:
  - id: "412986"
    apiKey: "${AMPLITUDE_API_KEY}"
    secretKey: "${AMPLITUDE_SECRET_KEY}"
    managementKey: "<MANAGEMENT_API_KEY>"

configuration:
  deployments:
    sync:
      flagSyncIntervalMillis: 10000
  redis:
    uri: ""
EOF
commit dana "deploy: evaluation proxy config"
BASE_PROXY=$(git rev-parse HEAD)

# --- feature/web-experiment (merged with --no-ff)
git checkout -q -b feature/web-experiment
# 11
w package.json <<'EOF'
{
  "name": "acme-shop",
  "version": "1.3.0",
  "private": true,
  "scripts": {
    "build": "vite build",
    "test": "vitest run"
  },
  "dependencies": {
    "@amplitude/analytics-browser": "^2.3.0",
    "@amplitude/experiment-js-client": "^1.10.0"
  }
}
EOF
commit priya "web: add @amplitude/experiment-js-client"
# 12  PLANT client deployment key on a branch
w web/src/experiment.js <<'EOF'
import { Experiment } from '@amplitude/experiment-js-client';

export const experiment = Experiment.initialize('@CLIENT@', {
  fetchTimeoutMillis: 1000,
});

export async function startExperiment(user) {
  await experiment.start(user);
}
EOF
commit priya "web: experiment client"
plant amplitude-client-deployment-key "$V_CLIENT" web/src/experiment.js "JS with @amplitude import; introduced on feature/web-experiment, merged --no-ff (finding is the branch commit, not the merge); lines move later; removed, then re-added at the same path (re-add is not a new finding); in HEAD"

git checkout -q main
# 13  unrelated edit of the very line holding both keys
w scripts/export_events.sh <<'EOF'
#!/usr/bin/env bash
# Nightly export of raw Amplitude events to the data lake.
set -euo pipefail

START=$(date -u -d yesterday +%Y%m%dT00)
END=$(date -u -d yesterday +%Y%m%dT23)
OUT="/var/lib/exports/amplitude-${START}.zip"

curl -sS --fail --retry 3 -u "@API_EXPORT@:@SECRET_OLD@" \
  "https://amplitude.com/api/2/export?start=${START}&end=${END}" \
  -o "$OUT"

aws s3 cp "$OUT" "s3://acme-data-lake/amplitude/raw/"
EOF
commit tomasz "scripts: retry export downloads"

git checkout -q feature/web-experiment
# 14
w web/src/experiment.js <<'EOF'
import { Experiment } from '@amplitude/experiment-js-client';

export const experiment = Experiment.initialize('@CLIENT@', {
  fetchTimeoutMillis: 1000,
});

export async function startExperiment(user) {
  await experiment.start(user);
}

export function variantValue(flagKey, fallback = 'control') {
  return experiment.variant(flagKey).value ?? fallback;
}
EOF
commit priya "web: variant helper"
# 15  near misses: placeholder api_key, hyphenless and hyphenated uuids
w web/test/fixtures/ingest.json <<'EOF'
{
  "api_key": "YOUR_API_KEY",
  "events": [
    {
      "user_id": "test-user-1",
      "event_type": "checkout_started",
      "insert_id": "8bb2de22381c40b6b7c59430ea90ce4f",
      "device_id": "3c1f7a52-9d4e-4b8a-a0f6-2e7d51c9b843"
    }
  ]
}
EOF
commit priya "web: ingestion fixture for tests"

git checkout -q main
# 16
merge dana feature/web-experiment "Merge branch 'feature/web-experiment'"
git branch -q -d feature/web-experiment

# 17
w services/flags/evaluate.py <<'EOF'
"""Server-side flag evaluation for the checkout service."""
import logging

from amplitude_experiment import Experiment, RemoteEvaluationConfig, User

log = logging.getLogger(__name__)

experiment = Experiment.initialize_remote(
    'server-3tFOA9XRb7AhbiS2y2R6wadr8fKDjkWv',
    RemoteEvaluationConfig(fetch_timeout_millis=300, fetch_retries=2),
)


def variant_for(user_id: str, flag_key: str):
    user = User(user_id=user_id)
    variants = experiment.fetch_v2(user)
    variant = variants.get(flag_key)
    log.debug("flag %s -> %s", flag_key, variant)
    return variant.value if variant else None
EOF
commit lea "flags: shorter timeout with retries"

# 18  near miss: md5 digest next to the word amplitude
w tests/test_checksum.py <<'EOF'
import hashlib


def test_export_checksum_vector():
    # md5 of the literal string "amplitude": a fixed vector for the export checksum code
    assert hashlib.md5(b"amplitude").hexdigest() == "ddbe18f9e817f99576a6b19f4ef7ea11"
EOF
commit tomasz "tests: export checksum vector"

# --- feature/proxy-redis (merged with a conflict; resolution adds a NEW key)
git checkout -q -b feature/proxy-redis
# 19
w deploy/evaluation-proxy.yaml <<'EOF'
# Amplitude Experiment evaluation proxy
projects:
  - id: "412986"
    apiKey: "${AMPLITUDE_API_KEY}"
    secretKey: "${AMPLITUDE_SECRET_KEY}"
    managementKey: "<MANAGEMENT_API_KEY>"

configuration:
  deployments:
    sync:
      flagSyncIntervalMillis: 10000
  redis:
    uri: "redis://redis-master.flags.svc:6379"
    prefix: "amplitude:"
EOF
commit dana "proxy: redis cache"
# 20
w deploy/evaluation-proxy.yaml <<'EOF'
# Amplitude Experiment evaluation proxy
projects:
  - id: "412986"
    apiKey: "${AMPLITUDE_API_KEY}"
    secretKey: "${AMPLITUDE_SECRET_KEY}"
    managementKey: "${AMPLITUDE_MANAGEMENT_API_KEY}"

configuration:
  deployments:
    sync:
      flagSyncIntervalMillis: 5000
  redis:
    uri: "redis://redis-master.flags.svc:6379"
    prefix: "amplitude:"
EOF
commit dana "proxy: management key from env, faster sync"

git checkout -q main
# 21  conflicting change to the same lines
w deploy/evaluation-proxy.yaml <<'EOF'
# Amplitude Experiment evaluation proxy
projects:
  - id: "412986"
    apiKey: "${AMPLITUDE_API_KEY}"
    secretKey: "${AMPLITUDE_SECRET_KEY}"
    managementKey: ""   # injected by the deploy job

configuration:
  deployments:
    sync:
      flagSyncIntervalMillis: 20000
  redis:
    uri: ""
EOF
commit tomasz "proxy: leave management key to the deploy job"

# 22  lines move in experiment.js
w web/src/session.js <<'EOF'
export function currentUser() {
  const id = window.localStorage.getItem('acme.userId');
  return id ? { user_id: id } : {};
}
EOF
w web/src/experiment.js <<'EOF'
import { Experiment } from '@amplitude/experiment-js-client';
import { currentUser } from './session';

const DEPLOYMENT_KEY = '@CLIENT@';

let experiment;

export function getExperiment() {
  if (!experiment) {
    experiment = Experiment.initialize(DEPLOYMENT_KEY, { fetchTimeoutMillis: 1000 });
  }
  return experiment;
}

export async function startExperiment(user = currentUser()) {
  await getExperiment().start(user);
}

export function variantValue(flagKey, fallback = 'control') {
  return getExperiment().variant(flagKey).value ?? fallback;
}
EOF
commit priya "web: lazy experiment client"

# 23  conflicted merge; the resolution pastes a literal management key
as dana
if git merge --no-ff --no-commit feature/proxy-redis >>"$LOG" 2>&1; then
  echo "gen.sh: expected a merge conflict in deploy/evaluation-proxy.yaml" >&2; exit 4
fi
[ -n "$(git ls-files -u -- deploy/evaluation-proxy.yaml)" ] || { echo "gen.sh: no conflict recorded" >&2; exit 4; }
w deploy/evaluation-proxy.yaml <<'EOF'
# Amplitude Experiment evaluation proxy
projects:
  - id: "412986"
    apiKey: "${AMPLITUDE_API_KEY}"
    secretKey: "${AMPLITUDE_SECRET_KEY}"
    managementKey: "@MGMT@"

configuration:
  deployments:
    sync:
      flagSyncIntervalMillis: 5000
  redis:
    uri: "redis://redis-master.flags.svc:6379"
    prefix: "amplitude:"
EOF
git add deploy/evaluation-proxy.yaml
tick
GIT_AUTHOR_DATE="$D" GIT_COMMITTER_DATE="$D" git commit -q -m "Merge branch 'feature/proxy-redis'

Conflicts:
	deploy/evaluation-proxy.yaml"
plant amplitude-management-api-key "$V_MGMT" deploy/evaluation-proxy.yaml "evaluation-proxy YAML managementKey; introduced only in the resolution of a conflicted merge (in neither parent); in HEAD"
git branch -q -d feature/proxy-redis

# 24
w docs/proxy.md <<'EOF'
# Evaluation proxy

The proxy keeps flag configs in Redis and serves local evaluation to the
storefront. Its config lives in `deploy/evaluation-proxy.yaml`.
EOF
commit lea "docs: evaluation proxy"
FORK_IOS=$(git rev-parse HEAD)

# --- release/1.4-hotfix: commits reachable only from annotated tag v1.4.1
git checkout -q -b release/1.4-hotfix
# 25  PLANT Data API token in a .env variant that .gitignore does not cover
w .env.release <<'EOF'
# Release job: pull the tracking plan before building
AMPLI_BRANCH=main
AMPLI_TOKEN=@AMPLI@
NODE_ENV=production
EOF
commit tomasz "release: env for the ampli pull step"
plant amplitude-data-api-token "$V_AMPLI" .env.release "AMPLI_TOKEN in .env.release; commit reachable only from annotated tag v1.4.1 (branch deleted); only in history"
# 26
w package.json <<'EOF'
{
  "name": "acme-shop",
  "version": "1.4.1",
  "private": true,
  "scripts": {
    "build": "vite build",
    "test": "vitest run"
  },
  "dependencies": {
    "@amplitude/analytics-browser": "^2.3.0",
    "@amplitude/experiment-js-client": "^1.10.0"
  }
}
EOF
commit tomasz "release: 1.4.1"
GIT_COMMITTER_DATE="$D" git tag -a v1.4.1 -m "Release 1.4.1 (hotfix)"
git checkout -q main
git branch -q -D release/1.4-hotfix

# 27  literal deployment key replaced by an env reference
w web/src/experiment.js <<'EOF'
import { Experiment } from '@amplitude/experiment-js-client';
import { currentUser } from './session';

const DEPLOYMENT_KEY = process.env.REACT_APP_AMPLITUDE_DEPLOYMENT_KEY;

let experiment;

export function getExperiment() {
  if (!experiment) {
    experiment = Experiment.initialize(DEPLOYMENT_KEY, { fetchTimeoutMillis: 1000 });
  }
  return experiment;
}

export async function startExperiment(user = currentUser()) {
  await getExperiment().start(user);
}

export function variantValue(flagKey, fallback = 'control') {
  return getExperiment().variant(flagKey).value ?? fallback;
}
EOF
commit priya "web: read deployment key from env"

# 28  rename AND edit in the same commit (key line itself unchanged)
git rm -q android/app/src/main/java/com/acmeshop/Analytics.kt
w android/app/src/main/java/com/acmeshop/analytics/AnalyticsModule.kt <<'EOF'
package com.acmeshop.analytics

import android.content.Context
import com.amplitude.android.Amplitude
import com.amplitude.android.Configuration
import com.amplitude.android.DefaultTrackingOptions

object AnalyticsModule {
    private var client: Amplitude? = null

    fun init(context: Context) {
        client = Amplitude(
            Configuration(
                apiKey = "@API_ANDROID@",
                context = context.applicationContext,
                defaultTracking = DefaultTrackingOptions.ALL,
            )
        )
    }

    fun track(event: String, props: Map<String, Any?> = emptyMap()) {
        client?.track(event, props)
    }
}
EOF
commit dana "android: move analytics into its own package"

# 29  delete the file holding the server deployment key
git rm -q -r services/flags
commit lea "flags: remove python flag service (moved to the evaluation proxy)"

# --- feature/appflow (merged)
git checkout -q -b feature/appflow
# 30
w infra/main.tf <<'EOF'
terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.0"
    }
  }
}

provider "aws" {
  region = "eu-central-1"
}
EOF
w infra/variables.tf <<'EOF'
variable "amplitude_secret_key" {
  type      = string
  sensitive = true
}
EOF
commit tomasz "infra: terraform skeleton"
# 31  PLANT (copy): the export job's API key copied unchanged into Terraform
w infra/appflow.tf <<'EOF'
resource "aws_appflow_connector_profile" "amplitude" {
  name            = "amplitude-events"
  connector_type  = "Amplitude"
  connection_mode = "Public"

  connector_profile_config {
    connector_profile_credentials {
      amplitude {
        api_key    = "@API_EXPORT@"
        secret_key = var.amplitude_secret_key
      }
    }
    connector_profile_properties {}
  }
}
EOF
commit tomasz "infra: appflow connector profile for amplitude"
plant amplitude-api-key "$V_API_EXPORT" infra/appflow.tf "Terraform aws_appflow_connector_profile amplitude { api_key }: the export job's API key COPIED unchanged into a second file in a later commit -> a new finding at the new path; secret_key is a var reference (near miss); in HEAD"
# 32
w infra/variables.tf <<'EOF'
variable "amplitude_secret_key" {
  description = "Amplitude project secret key for AppFlow (set in the TF_VAR_ environment)"
  type        = string
  sensitive   = true
}
EOF
commit tomasz "infra: describe variables"

git checkout -q main
# 33  near misses: CSS class and prose
w web/src/styles.css <<'EOF'
.client-experiment-banner-wrapper {
  display: flex;
  gap: 8px;
}

/* server-side rendered variants get this class until hydration */
.server-variant-pending {
  opacity: 0.6;
}
EOF
commit priya "web: experiment banner styles"

# 34  rotation: new secret key replaces the old one on the same line
w scripts/export_events.sh <<'EOF'
#!/usr/bin/env bash
# Nightly export of raw Amplitude events to the data lake.
set -euo pipefail

START=$(date -u -d yesterday +%Y%m%dT00)
END=$(date -u -d yesterday +%Y%m%dT23)
OUT="/var/lib/exports/amplitude-${START}.zip"

curl -sS --fail --retry 3 -u "@API_EXPORT@:@SECRET_NEW@" \
  "https://amplitude.com/api/2/export?start=${START}&end=${END}" \
  -o "$OUT"

aws s3 cp "$OUT" "s3://acme-data-lake/amplitude/raw/"
EOF
commit tomasz "scripts: rotate amplitude secret key"
plant amplitude-secret-key "$V_SECRET_NEW" scripts/export_events.sh "rotation: NEW secret replaces the old one on the same curl -u line (old and new are separate findings); line moves later; in HEAD"

# 35
merge dana feature/appflow "Merge branch 'feature/appflow'"
git branch -q -d feature/appflow

# 36  revert of 27: the same deployment key re-added at the same path
w web/src/experiment.js <<'EOF'
import { Experiment } from '@amplitude/experiment-js-client';
import { currentUser } from './session';

const DEPLOYMENT_KEY = '@CLIENT@';

let experiment;

export function getExperiment() {
  if (!experiment) {
    experiment = Experiment.initialize(DEPLOYMENT_KEY, { fetchTimeoutMillis: 1000 });
  }
  return experiment;
}

export async function startExperiment(user = currentUser()) {
  await getExperiment().start(user);
}

export function variantValue(flagKey, fallback = 'control') {
  return getExperiment().variant(flagKey).value ?? fallback;
}
EOF
commit priya "Revert \"web: read deployment key from env\"

The variable is not set in preview builds, so every flag fell back to control."

# --- wip/ios-preview: never merged, forked before the rotation and the rename
git checkout -q -b wip/ios-preview "$FORK_IOS"
# 37
w ios/AcmeShop/AnalyticsService.swift <<'EOF'
import AmplitudeSwift
import Foundation

final class AnalyticsService {
    static let shared = AnalyticsService()
    let amplitude: Amplitude

    private init() {
        let apiKey = Bundle.main.object(forInfoDictionaryKey: "AMPLITUDE_API_KEY") as? String ?? ""
        amplitude = Amplitude(configuration: Configuration(apiKey: apiKey))
    }
}
EOF
commit lea "ios: analytics service scaffold"
# 38  unrelated edit of the (pre-rotation) export script on an unmerged branch
w scripts/export_events.sh <<'EOF'
#!/usr/bin/env bash
# Nightly export of raw Amplitude events to the data lake.
set -euo pipefail

START=$(date -u -d yesterday +%Y%m%dT00)
END=$(date -u -d yesterday +%Y%m%dT23)
OUT="${EXPORT_DIR:-/tmp}/amplitude-${START}.zip"

curl -sS --fail --retry 3 -u "@API_EXPORT@:@SECRET_OLD@" \
  "https://amplitude.com/api/2/export?start=${START}&end=${END}" \
  -o "$OUT"

aws s3 cp "$OUT" "s3://acme-data-lake/amplitude/raw/"
EOF
commit lea "scripts: configurable export dir"
# 39
w ios/AcmeShop/AnalyticsService.swift <<'EOF'
import AmplitudeSwift
import Foundation

final class AnalyticsService {
    static let shared = AnalyticsService()
    let amplitude: Amplitude

    private init() {
        let apiKey = Bundle.main.object(forInfoDictionaryKey: "AMPLITUDE_API_KEY") as? String ?? ""
        amplitude = Amplitude(configuration: Configuration(apiKey: apiKey))
    }

    func screen(_ name: String) {
        amplitude.track(eventType: "Screen Viewed", eventProperties: ["name": name])
    }
}
EOF
commit lea "ios: screen view tracking"

git checkout -q main
# 40
w README.md <<'EOF'
# acme-shop

Storefront, data tooling and infrastructure for Acme Shop. Flags are served
by the Amplitude evaluation proxy (see docs/proxy.md).

## Setup

    cp .env.example .env
    npm ci
    npm run build

## Dashboards

Weekly funnel: https://analytics.amplitude.com/share/eff4b07e2eac8f8ef5627e2e234988de
EOF
commit dana "docs: flag service is gone"

# 41  lines added above the key line (it moves down)
w scripts/export_events.sh <<'EOF'
#!/usr/bin/env bash
# Nightly export of raw Amplitude events to the data lake.
# Runs from cron on the data box at 02:15 UTC; see docs/runbook.md.
set -euo pipefail

log() { printf '%s %s\n' "$(date -u +%FT%TZ)" "$*" >&2; }

START=$(date -u -d yesterday +%Y%m%dT00)
END=$(date -u -d yesterday +%Y%m%dT23)
OUT="/var/lib/exports/amplitude-${START}.zip"

log "exporting ${START}..${END}"
curl -sS --fail --retry 3 -u "@API_EXPORT@:@SECRET_NEW@" \
  "https://amplitude.com/api/2/export?start=${START}&end=${END}" \
  -o "$OUT"

aws s3 cp "$OUT" "s3://acme-data-lake/amplitude/raw/"
log "done"
EOF
commit tomasz "scripts: log export progress"

# --- feature/checkout-events (merged)
git checkout -q -b feature/checkout-events
# 42
w web/src/checkout.js <<'EOF'
import { track } from './index';

export function checkoutStarted(cart) {
  track('Checkout Started', { items: cart.items.length });
}
EOF
commit priya "web: checkout events"
# 43
w web/src/checkout.js <<'EOF'
import { track } from './index';

export function checkoutStarted(cart) {
  track('Checkout Started', { items: cart.items.length });
}

export function orderCompleted(order) {
  track('Order Completed', { revenue: order.total, currency: order.currency });
}
EOF
commit priya "web: order completed event with revenue"
# 44
w web/test/checkout.test.js <<'EOF'
import { describe, it, expect, vi } from 'vitest';

vi.mock('../src/index', () => ({ track: vi.fn() }));

import { track } from '../src/index';
import { orderCompleted } from '../src/checkout';

describe('orderCompleted', () => {
  it('sends revenue', () => {
    orderCompleted({ total: 42, currency: 'EUR' });
    expect(track).toHaveBeenCalledWith('Order Completed', { revenue: 42, currency: 'EUR' });
  });
});
EOF
commit priya "web: checkout tests"

git checkout -q main
# 45  unrelated edit of the Terraform file holding a key
w infra/appflow.tf <<'EOF'
resource "aws_appflow_connector_profile" "amplitude" {
  name            = "amplitude-events"
  connector_type  = "Amplitude"
  connection_mode = "Public"

  connector_profile_config {
    connector_profile_credentials {
      amplitude {
        api_key    = "@API_EXPORT@"
        secret_key = var.amplitude_secret_key
      }
    }
    connector_profile_properties {}
  }

  tags = {
    team = "data"
  }
}
EOF
commit lea "infra: tag the appflow profile"
# 46
merge dana feature/checkout-events "Merge branch 'feature/checkout-events'"
git branch -q -d feature/checkout-events

# 47
w android/app/src/main/java/com/acmeshop/analytics/AnalyticsModule.kt <<'EOF'
package com.acmeshop.analytics

import android.content.Context
import com.amplitude.android.Amplitude
import com.amplitude.android.Configuration
import com.amplitude.android.DefaultTrackingOptions

object AnalyticsModule {
    private var client: Amplitude? = null

    fun init(context: Context) {
        client = Amplitude(
            Configuration(
                apiKey = "@API_ANDROID@",
                context = context.applicationContext,
                defaultTracking = DefaultTrackingOptions.ALL,
                flushIntervalMillis = 10_000,
            )
        )
    }

    fun track(event: String, props: Map<String, Any?> = emptyMap()) {
        client?.track(event, props)
    }

    fun flush() {
        client?.flush()
    }
}
EOF
commit dana "android: flush on background"

# 48
w web/src/experiment.js <<'EOF'
import { Experiment } from '@amplitude/experiment-js-client';
import { currentUser } from './session';

const DEPLOYMENT_KEY = '@CLIENT@';

let experiment;

export function getExperiment() {
  if (!experiment) {
    experiment = Experiment.initialize(DEPLOYMENT_KEY, {
      fetchTimeoutMillis: 1000,
      automaticExposureTracking: true,
    });
  }
  return experiment;
}

export async function startExperiment(user = currentUser()) {
  await getExperiment().start(user);
}

export function variantValue(flagKey, fallback = 'control') {
  return getExperiment().variant(flagKey).value ?? fallback;
}
EOF
commit priya "web: automatic exposure tracking"

# --- feature/ci-cache (merged, branch kept)
git checkout -q -b feature/ci-cache
# 49
w .github/workflows/ci.yml <<'EOF'
name: ci
on:
  push:
    branches: [main]
  pull_request:

jobs:
  test:
    runs-on: ubuntu-latest
    env:
      REACT_APP_AMPLITUDE_API_KEY: ${{ secrets.AMPLITUDE_API_KEY }}
      AMPLI_TOKEN: ${{ secrets.AMPLI_TOKEN }}
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-node@v4
        with:
          node-version: 20
          cache: npm
      - run: npm ci
      - run: npx ampli pull web -t "$AMPLI_TOKEN"
      - run: npm test
EOF
commit tomasz "ci: cache npm"
# 50
w .github/workflows/ci.yml <<'EOF'
name: ci
on:
  push:
    branches: [main]
  pull_request:

jobs:
  lint:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-node@v4
        with:
          node-version: 20
          cache: npm
      - run: npm ci
      - run: npx eslint web/src

  test:
    runs-on: ubuntu-latest
    env:
      REACT_APP_AMPLITUDE_API_KEY: ${{ secrets.AMPLITUDE_API_KEY }}
      AMPLI_TOKEN: ${{ secrets.AMPLI_TOKEN }}
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-node@v4
        with:
          node-version: 20
          cache: npm
      - run: npm ci
      - run: npx ampli pull web -t "$AMPLI_TOKEN"
      - run: npm test
EOF
commit tomasz "ci: lint job"

git checkout -q main
# 51  near miss: sequential placeholder and <...> placeholder
w docs/runbook.md <<'EOF'
# Runbook: rotating the Amplitude secret key

1. Organization settings > API Keys: create a new secret key.
2. Put it in the export job, for example

       curl -u "$AMPLITUDE_API_KEY:<NEW_SECRET_KEY>" ...

   The format is 32 lowercase hex, e.g. `0123456789abcdef0123456789abcdef`
   (an example, not a key).
3. Update `TF_VAR_amplitude_secret_key` in the infra pipeline.
4. Delete the old key.
EOF
commit lea "docs: secret key rotation runbook"
# 52
merge tomasz feature/ci-cache "Merge branch 'feature/ci-cache'"

# 53
w deploy/evaluation-proxy.yaml <<'EOF'
# Amplitude Experiment evaluation proxy
projects:
  - id: "412986"
    apiKey: "${AMPLITUDE_API_KEY}"
    secretKey: "${AMPLITUDE_SECRET_KEY}"
    managementKey: "@MGMT@"

configuration:
  deployments:
    sync:
      flagSyncIntervalMillis: 15000
  redis:
    uri: "redis://redis-master.flags.svc:6379"
    prefix: "amplitude:"
EOF
commit dana "proxy: slower flag sync"

# 54  imports reordered, key line moves
w web/src/experiment.js <<'EOF'
// Feature flags for the storefront.
import { currentUser } from './session';
import { Experiment } from '@amplitude/experiment-js-client';

const DEPLOYMENT_KEY = '@CLIENT@';

let experiment;

export function getExperiment() {
  if (!experiment) {
    experiment = Experiment.initialize(DEPLOYMENT_KEY, {
      fetchTimeoutMillis: 1000,
      automaticExposureTracking: true,
    });
  }
  return experiment;
}

export async function startExperiment(user = currentUser()) {
  await getExperiment().start(user);
}

export function variantValue(flagKey, fallback = 'control') {
  return getExperiment().variant(flagKey).value ?? fallback;
}
EOF
commit priya "web: tidy experiment imports"

# 55
w tests/test_checksum.py <<'EOF'
import hashlib


def test_export_checksum_vector():
    # md5 of the literal string "amplitude": a fixed vector for the export checksum code
    assert hashlib.md5(b"amplitude").hexdigest() == "ddbe18f9e817f99576a6b19f4ef7ea11"


def test_export_checksum_empty():
    assert hashlib.md5(b"").hexdigest() == "d41d8cd98f00b204e9800998ecf8427e"
EOF
commit lea "tests: empty checksum vector"
git update-ref refs/remotes/origin/main HEAD

# 56
w scripts/export_events.sh <<'EOF'
#!/usr/bin/env bash
# Nightly export of raw Amplitude events to the data lake.
# Runs from cron on the data box at 02:15 UTC; see docs/runbook.md.
set -euo pipefail

BUCKET="${EXPORT_BUCKET:-s3://acme-data-lake/amplitude/raw/}"

log() { printf '%s %s\n' "$(date -u +%FT%TZ)" "$*" >&2; }

START=$(date -u -d yesterday +%Y%m%dT00)
END=$(date -u -d yesterday +%Y%m%dT23)
OUT="/var/lib/exports/amplitude-${START}.zip"

log "exporting ${START}..${END}"
curl -sS --fail --retry 3 -u "@API_EXPORT@:@SECRET_NEW@" \
  "https://amplitude.com/api/2/export?start=${START}&end=${END}" \
  -o "$OUT"

aws s3 cp "$OUT" "$BUCKET"
log "done"
EOF
commit tomasz "scripts: configurable bucket"

# --- feature/android-consent (merged)
git checkout -q -b feature/android-consent
# 57
w android/app/src/main/java/com/acmeshop/analytics/AnalyticsModule.kt <<'EOF'
package com.acmeshop.analytics

import android.content.Context
import com.amplitude.android.Amplitude
import com.amplitude.android.Configuration
import com.amplitude.android.DefaultTrackingOptions

object AnalyticsModule {
    private var client: Amplitude? = null

    fun init(context: Context, consented: Boolean) {
        client = Amplitude(
            Configuration(
                apiKey = "@API_ANDROID@",
                context = context.applicationContext,
                defaultTracking = DefaultTrackingOptions.ALL,
                flushIntervalMillis = 10_000,
                optOut = !consented,
            )
        )
    }

    fun setConsent(consented: Boolean) {
        client?.configuration?.optOut = !consented
    }

    fun track(event: String, props: Map<String, Any?> = emptyMap()) {
        client?.track(event, props)
    }

    fun flush() {
        client?.flush()
    }
}
EOF
commit dana "android: consent gating"
# 58  near miss: placeholder in Android resources
w android/app/src/main/res/values/analytics.xml <<'EOF'
<?xml version="1.0" encoding="utf-8"?>
<resources>
    <!-- Release builds override this from CI; keep the placeholder here. -->
    <string name="amplitude_api_key" translatable="false">YOUR_API_KEY</string>
    <string name="consent_title">Help us improve Acme Shop</string>
</resources>
EOF
commit dana "android: consent strings"

git checkout -q main
# 59
w package.json <<'EOF'
{
  "name": "acme-shop",
  "version": "1.4.0",
  "private": true,
  "scripts": {
    "build": "vite build",
    "test": "vitest run",
    "lint": "eslint web/src"
  },
  "dependencies": {
    "@amplitude/analytics-browser": "^2.11.0",
    "@amplitude/experiment-js-client": "^1.15.0"
  },
  "devDependencies": {
    "eslint": "^9.0.0",
    "vitest": "^2.0.0"
  }
}
EOF
commit priya "deps: bump amplitude SDKs"
# 60
merge dana feature/android-consent "Merge branch 'feature/android-consent'"
git branch -q -d feature/android-consent

# 61
w infra/outputs.tf <<'EOF'
output "amplitude_connector_profile_arn" {
  value = aws_appflow_connector_profile.amplitude.arn
}
EOF
commit lea "infra: export connector profile arn"

# 62
w README.md <<'EOF'
# acme-shop

Storefront, data tooling and infrastructure for Acme Shop. Flags are served
by the Amplitude evaluation proxy (see docs/proxy.md).

## Setup

    cp .env.example .env
    npm ci
    npm run build

## Data export

`scripts/export_events.sh` pulls yesterday's raw events every night. Rotation
of the secret key is described in docs/runbook.md.

## Dashboards

Weekly funnel: https://analytics.amplitude.com/share/eff4b07e2eac8f8ef5627e2e234988de
EOF
commit tomasz "docs: data export"

# 63
w web/src/experiment.js <<'EOF'
// Feature flags for the storefront.
import { currentUser } from './session';
import { Experiment } from '@amplitude/experiment-js-client';

const DEPLOYMENT_KEY = '@CLIENT@';

let experiment;

export function getExperiment() {
  if (!experiment) {
    experiment = Experiment.initialize(DEPLOYMENT_KEY, {
      fetchTimeoutMillis: 1000,
      automaticExposureTracking: true,
      fallbackVariant: { value: 'control' },
    });
  }
  return experiment;
}

export async function startExperiment(user = currentUser()) {
  await getExperiment().start(user);
}

export function variantValue(flagKey, fallback = 'control') {
  return getExperiment().variant(flagKey).value ?? fallback;
}
EOF
commit priya "web: fallback variant"

# 64
w package.json <<'EOF'
{
  "name": "acme-shop",
  "version": "1.5.0",
  "private": true,
  "scripts": {
    "build": "vite build",
    "test": "vitest run",
    "lint": "eslint web/src"
  },
  "dependencies": {
    "@amplitude/analytics-browser": "^2.11.0",
    "@amplitude/experiment-js-client": "^1.15.0"
  },
  "devDependencies": {
    "eslint": "^9.0.0",
    "vitest": "^2.0.0"
  }
}
EOF
commit dana "release: 1.5.0"
as dana
GIT_COMMITTER_DATE="$D" git tag -a v1.5.0 -m "Release 1.5.0"

# 65
w CHANGELOG.md <<'EOF'
# Changelog

## 1.5.0
- Android consent gating
- Experiment fallback variant
- Nightly export logs progress

## 1.4.1
- Hotfix release (tagged from a release branch)
EOF
commit lea "docs: changelog"

# (no gc: leave objects loose)

# ================================================================= answers
{
  printf 'key_type\tpath\tcommit\tline\tin_head\n'
} > "$ANS/answers.tsv"
{
  printf 'key_type\tpath\tcommit\tline\tin_head\tvalue\tsituation\n'
} > "$ANS/secrets.tsv"
for row in "${PLANTS[@]}"; do
  IFS=$'\t' read -r kt val path c sit <<<"$row"
  hit=$(git grep -n -F -e "$val" "$c" -- ":(literal)$path")
  hit=${hit%%$'\n'*}                 # first occurrence: COMMIT:PATH:LINE:TEXT
  rest=${hit#"$c:$path:"}
  line=${rest%%:*}
  if git grep -q -F -e "$val" main; then inhead=true; else inhead=false; fi
  printf '%s\t%s\t%s\t%s\t%s\n' "$kt" "$path" "$c" "$line" "$inhead" >> "$ANS/answers.tsv"
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$kt" "$path" "$c" "$line" "$inhead" "$val" "$sit" >> "$ANS/secrets.tsv"
done

total=$(git rev-list --all --count)
w "$ANS/NOTES.md" <<EOF
# blindgit2 answer key notes

Repository: $total commits reachable from all refs (refs/heads/main,
refs/heads/feature/ci-cache, refs/heads/wip/ios-preview (unmerged),
refs/remotes/origin/main, tags v1.4.1 (annotated, only ref to the hotfix
commits) and v1.5.0 (annotated, on main)). main HEAD: $(git rev-parse main).

8 distinct credential values, 9 findings (one per value per path lineage).

Semantics used for answers.tsv:
- A finding is (value, path). Its commit is the earliest commit by committer
  date that introduced the value at that path (value in the commit's file, in
  none of its parents' versions of that path); line is 1-based, first line
  holding the value in that commit's file.
- Merges introduce a value only if it is in neither parent (the conflict
  resolution). A key added on a branch is attributed to the branch commit.
- Re-adding a value at a path where it was introduced earlier (web/src/experiment.js,
  removed then restored by a revert) is NOT a new finding: earliest wins.
- Copying a value unchanged into a second file (the export API key into
  infra/appflow.tf) IS a new finding at the new path and later commit.
- Renaming a file (old path deleted in the same commit, value now at the new
  path), even with other edits in the same commit, is NOT a new finding: the
  finding stays at the original path and commit. Strictly by the "none of its
  parents' versions of that path" rule the rename commit would introduce the
  value at the new path; this key deliberately departs from that rule here,
  as the issue requires ("a rename ... does not create a second finding").
- in_head: the value is present anywhere in main's HEAD tree (for the renamed
  Kotlin file it is present at the new path).
- Near misses that must stay silent: .env.example placeholders (YOUR_API_KEY,
  <SECRET_KEY>, client-xxxx..., server-XXXX..., changeme), \${{ secrets.X }} and
  "\$AMPLI_TOKEN" in CI, process.env references, Terraform var.* reference,
  Swift Bundle lookup, md5 digests in tests/test_checksum.py, hyphenless UUID
  insert_id and hyphenated device_id in web/test/fixtures/ingest.json, chart share
  link in README.md, sequential 0123456789abcdef... in docs/runbook.md, CSS
  .client-experiment-banner-wrapper / "server-side", YOUR_API_KEY in Android
  res/values/analytics.xml.
EOF
echo "gen.sh: $total commits in $(pwd); answers in $ANS/answers.tsv"
