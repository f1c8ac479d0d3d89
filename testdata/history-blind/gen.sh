#!/usr/bin/env bash
# Deterministic generator of a blind evaluation git history for `ampscan git`,
# written independently of ampscan's code.
#
#   gen.sh [REPO [OUTDIR]]
#
# Creates REPO (default: ./repo; deleted and recreated on every run), then
# writes OUTDIR/answers.tsv (expected findings) and OUTDIR/values.tsv (the
# same rows plus the planted value). OUTDIR defaults to a temporary
# directory, so that running it never rewrites the committed answers.tsv,
# which scanner/history/blind_test.go compares against.
#
# Every commit has fixed author/committer names, emails and dates; dates start
# at 2024-03-01T09:00:00Z and increase by exactly one hour per commit.
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
REPO="${1:-$HERE/repo}"
OUTDIR="${2:-$(mktemp -d)}"

# Isolate from the user's/system git configuration (hooks, signing, templates).
export GIT_CONFIG_NOSYSTEM=1
EMPTYCFG="$(mktemp)"; trap 'rm -f "$EMPTYCFG"' EXIT
export GIT_CONFIG_GLOBAL="$EMPTYCFG"
export TZ=UTC LC_ALL=C

# ---------------------------------------------------------------------------
# The 8 planted credentials (random values, generated once and fixed here).
# ---------------------------------------------------------------------------
K_API=2fabb644973953789badbcc27d4fb69a                        # amplitude-api-key
K_SEC_A=c73e3b02ffaa3c1a6fe75dd579dcb410                      # amplitude-secret-key (rotated away)
K_SEC_B=276ed4d667e1789136e107d8032bf378                      # amplitude-secret-key (current)
K_SRV=server-fGjmReSVhBUrIOHLwrYJ2q8BnEqkSjzZ                 # amplitude-server-deployment-key
K_CLI=client-HTriafx9D2KphanwTBOgT0L3r67feFcI                 # amplitude-client-deployment-key
K_MGMT=eYPoNsTcYTQkMHM_qgk8lAdm5OPc4lI2ANRE                   # amplitude-management-api-key
K_AMPLI=cUSKJdHP_xZFy_PPFsMtL2zUd5IsPh-m                      # amplitude-data-api-token
K_SCIM=6SsHUADqI7GQacElwIUHAnbqisY7NlFDueBsnQmn               # amplitude-scim-key

rm -rf "$REPO"
mkdir -p "$REPO"
cd "$REPO"
git init -q -b main .
git config user.name "nobody"; git config user.email "nobody@example.invalid"
git config commit.gpgsign false; git config tag.gpgsign false
git config core.autocrlf false; git config merge.ff false

BASE=$(date -u -d '2024-03-01T09:00:00Z' +%s)
N=0
AUTHORS=("Alice Martin|alice@acme-shop.example" "Bruno Costa|bruno@acme-shop.example" "Chen Wei|chen@acme-shop.example")

# who INDEX: set author+committer identity; tick: next date (+1h)
who() {
  local a="${AUTHORS[$1]}"
  export GIT_AUTHOR_NAME="${a%%|*}" GIT_AUTHOR_EMAIL="${a#*|}"
  export GIT_COMMITTER_NAME="${a%%|*}" GIT_COMMITTER_EMAIL="${a#*|}"
}
tick() {
  N=$((N + 1))
  local d="$((BASE + N * 3600)) +0000"
  export GIT_AUTHOR_DATE="$d" GIT_COMMITTER_DATE="$d"
}
# c AUTHOR_INDEX MESSAGE : stage everything and commit
c() { who "$1"; tick; git add -A; git commit -q -m "$2"; }
# m AUTHOR_INDEX BRANCH MESSAGE : real merge commit
m() { who "$1"; tick; git merge -q --no-ff -m "$3" "$2"; }
sw() { git checkout -q "$@"; }

# ---------------------------------------------------------------------------
# main: project bootstrap
# ---------------------------------------------------------------------------
cat > README.md <<'EOF'
# acme-shop

Storefront (JS) and API (Python) for the Acme shop.
EOF
cat > .gitignore <<'EOF'
node_modules/
__pycache__/
*.pyc
dist/
EOF
c 0 "Initial commit"                                                  # 1

cat > package.json <<'EOF'
{
  "name": "acme-shop-web",
  "version": "0.1.0",
  "private": true,
  "scripts": {
    "build": "vite build",
    "dev": "vite"
  },
  "dependencies": {
    "@amplitude/analytics-browser": "^2.5.0"
  }
}
EOF
mkdir -p src
cat > src/index.js <<'EOF'
import { renderApp } from './app.js';

renderApp(document.getElementById('root'));
EOF
cat > src/app.js <<'EOF'
export function renderApp(root) {
  root.innerHTML = '<h1>Acme shop</h1>';
}
EOF
c 0 "Add web storefront skeleton"                                     # 2

# near misses: placeholders in the example env file
cat > .env.example <<'EOF'
# Copy to .env and fill in real values. Never commit real keys here.
APP_ENV=development
AMPLITUDE_API_KEY=YOUR_API_KEY
AMPLITUDE_SECRET_KEY=YOUR_SECRET_KEY
AMPLITUDE_DEPLOYMENT_KEY=server-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx
EOF
c 1 "Add .env.example"                                                # 3

mkdir -p app
: > app/__init__.py
cat > app/server.py <<'EOF'
from flask import Flask, jsonify

app = Flask(__name__)


@app.get("/health")
def health():
    return jsonify(status="ok")
EOF
c 1 "Add Flask API with health endpoint"                              # 4

cat > requirements.txt <<'EOF'
flask==3.0.2
gunicorn==21.2.0
EOF
c 1 "Pin Python requirements"                                         # 5

# CREDENTIAL: amplitude-api-key in src/analytics.js (later renamed with git mv)
cat > src/analytics.js <<EOF
import * as amplitude from '@amplitude/analytics-browser';

amplitude.init('$K_API', {
  defaultTracking: { pageViews: true, sessions: true },
});

export function track(event, props) {
  amplitude.track(event, props);
}
EOF
c 0 "Add Amplitude analytics to the storefront"                       # 6
R_API=$(git rev-parse HEAD); P_API=src/analytics.js

cat > src/index.js <<'EOF'
import { renderApp } from './app.js';
import { track } from './analytics.js';

renderApp(document.getElementById('root'));
track('app_loaded');
EOF
c 0 "Track app_loaded on startup"                                     # 7

# CREDENTIAL: amplitude-secret-key, value A (rotated later)
cat > .env <<EOF
APP_ENV=staging
DATABASE_URL=postgres://shop@db.internal:5432/shop
AMPLITUDE_SECRET_KEY=$K_SEC_A
EOF
c 1 "Add staging .env for the export job"                             # 8
R_SEC_A=$(git rev-parse HEAD); P_SEC_A=.env

cat >> app/server.py <<'EOF'


@app.get("/products")
def products():
    return jsonify(items=[])
EOF
c 1 "Add /products endpoint"                                          # 9

mkdir -p config
cat > config/app.yaml <<'EOF'
server:
  host: 0.0.0.0
  port: 8080
database:
  pool_size: 5
EOF
c 2 "Add app config"                                                  # 10

# unrelated edit of a file that holds a key (situation 8)
cat >> .env <<'EOF'
LOG_LEVEL=info
EOF
c 1 "Set LOG_LEVEL in staging env"                                    # 11

# ---------------------------------------------------------------------------
# feature/experiments: server deployment key added on a branch, merged later
# ---------------------------------------------------------------------------
sw -b feature/experiments
cat > app/flags.py <<'EOF'
import os

from amplitude_experiment import Experiment, RemoteEvaluationConfig

experiment = Experiment.initialize_remote(
    os.environ["AMPLITUDE_DEPLOYMENT_KEY"], RemoteEvaluationConfig(fetch_timeout_millis=500)
)
EOF
echo "amplitude-experiment==1.4.0" >> requirements.txt
c 2 "Add Experiment remote evaluation client"                         # 12

sw main
cat > src/app.js <<'EOF'
export function renderApp(root) {
  root.innerHTML = '<h1>Acme shop</h1><div id="products"></div>';
}
EOF
c 0 "Add products container"                                          # 13

sw feature/experiments
# CREDENTIAL: amplitude-server-deployment-key (added on a feature branch)
cat > app/flags.py <<EOF
from amplitude_experiment import Experiment, RemoteEvaluationConfig

# TODO: read from the environment once staging has it
experiment = Experiment.initialize_remote('$K_SRV', RemoteEvaluationConfig(fetch_timeout_millis=500))
EOF
c 2 "Hardcode staging deployment key for now"                         # 14
R_SRV=$(git rev-parse HEAD); P_SRV=app/flags.py

mkdir -p tests
cat > tests/test_flags.py <<'EOF'
from app import flags


def test_client_exists():
    assert flags.experiment is not None
EOF
c 2 "Test flags module"                                               # 15

sw main
cat > config/app.yaml <<'EOF'
server:
  host: 0.0.0.0
  port: 8080
  workers: 4
database:
  pool_size: 10
EOF
c 1 "Tune server workers and DB pool"                                 # 16

sw feature/experiments
cat >> app/flags.py <<'EOF'


def variant(user_id, flag_key):
    from amplitude_experiment import User

    variants = experiment.fetch_v2(User(user_id=user_id))
    return variants.get(flag_key)
EOF
c 2 "Add variant() helper"                                            # 17

sw main
m 0 feature/experiments "Merge branch 'feature/experiments'"          # 18

# lines inserted above the key line: the key moves down (situation 7)
cat > app/flags.py <<EOF
"""Feature flags backed by Amplitude Experiment (remote evaluation)."""
import logging

from amplitude_experiment import Experiment, RemoteEvaluationConfig

log = logging.getLogger(__name__)

# TODO: read from the environment once staging has it
experiment = Experiment.initialize_remote('$K_SRV', RemoteEvaluationConfig(fetch_timeout_millis=500))


def variant(user_id, flag_key):
    from amplitude_experiment import User

    variants = experiment.fetch_v2(User(user_id=user_id))
    return variants.get(flag_key)
EOF
c 2 "Document flags module and add logger"                            # 19

# CREDENTIAL: amplitude-management-api-key in a script deleted later
mkdir -p scripts
cat > scripts/sync_flags.sh <<EOF
#!/usr/bin/env bash
# Export the flag list from Amplitude Experiment for the weekly review.
set -euo pipefail
AMPLITUDE_MANAGEMENT_API_KEY="$K_MGMT"
curl -sS -H "Authorization: Bearer \${AMPLITUDE_MANAGEMENT_API_KEY}" \\
  "https://experiment.amplitude.com/api/1/flags?limit=100" > flags.json
EOF
chmod +x scripts/sync_flags.sh
c 0 "Add flag export script"                                          # 20
R_MGMT=$(git rev-parse HEAD); P_MGMT=scripts/sync_flags.sh

cat > scripts/deploy.sh <<'EOF'
#!/usr/bin/env bash
set -euo pipefail
npm ci && npm run build
rsync -a dist/ deploy@web.internal:/srv/shop/
EOF
chmod +x scripts/deploy.sh
c 1 "Add deploy script"                                               # 21

# near miss: a reference to a CI secret, not a value
mkdir -p .github/workflows
cat > .github/workflows/ci.yml <<'EOF'
name: ci
on: [push, pull_request]
jobs:
  test:
    runs-on: ubuntu-latest
    env:
      AMPLITUDE_SECRET_KEY: ${{ secrets.AMPLITUDE_SECRET_KEY }}
      AMPLITUDE_DEPLOYMENT_KEY: ${{ secrets.AMPLITUDE_DEPLOYMENT_KEY }}
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-python@v5
        with:
          python-version: "3.12"
      - run: pip install -r requirements.txt pytest
      - run: pytest -q
EOF
c 2 "Add CI workflow"                                                 # 22

# ---------------------------------------------------------------------------
# feature/web: client-side Experiment; the literal key is added in the merge
# ---------------------------------------------------------------------------
sw -b feature/web
cat > src/experiment.js <<'EOF'
import { Experiment } from '@amplitude/experiment-js-client';

export const experiment = Experiment.initialize(import.meta.env.VITE_EXPERIMENT_DEPLOYMENT_KEY);
EOF
c 0 "Add client-side Experiment SDK"                                  # 23

sw main
cat >> app/server.py <<'EOF'


@app.get("/products/<int:pid>")
def product(pid):
    return jsonify(id=pid)
EOF
c 1 "Add product detail endpoint"                                     # 24

sw feature/web
mkdir -p src/components
cat > src/components/Banner.js <<'EOF'
import { experiment } from '../experiment.js';

export async function renderBanner(el) {
  await experiment.fetch();
  const v = experiment.variant('spring-banner');
  el.textContent = v.value === 'treatment' ? 'Spring sale!' : '';
}
EOF
c 0 "Add experiment-driven banner"                                    # 25

sw main
# CREDENTIAL: amplitude-secret-key, value B replaces value A (rotation)
sed -i "s/^AMPLITUDE_SECRET_KEY=.*/AMPLITUDE_SECRET_KEY=$K_SEC_B/" .env
c 1 "Rotate Amplitude secret key"                                     # 26
R_SEC_B=$(git rev-parse HEAD); P_SEC_B=.env

sw feature/web
cat > src/experiment.js <<'EOF'
import { Experiment } from '@amplitude/experiment-js-client';

export const experiment = Experiment.initialize(import.meta.env.VITE_EXPERIMENT_DEPLOYMENT_KEY, {
  fetchTimeoutMillis: 1000,
});
EOF
c 0 "Set Experiment fetch timeout"                                    # 27

sw main
# near miss: an MD5 digest (test vector) with md5 context
cat > app/utils.py <<'EOF'
import hashlib


def md5_hex(data: bytes) -> str:
    return hashlib.md5(data).hexdigest()
EOF
cat > tests/test_utils.py <<'EOF'
from app.utils import md5_hex


def test_md5_known_vector():
    # md5("hello world")
    assert md5_hex(b"hello world") == "5eb63bbbe01eeed093cb22bb8f5acdc3"
EOF
c 2 "Add md5 helper with test vector"                                 # 28

sw feature/web
sed -i 's#^    "@amplitude/analytics-browser": "^2.5.0"$#&,\n    "@amplitude/experiment-js-client": "^1.10.0"#' package.json
c 0 "Add experiment-js-client dependency"                             # 29

sw main
# CREDENTIAL: amplitude-client-deployment-key, first appears in the MERGE commit
who 0; tick
git merge -q --no-ff --no-commit feature/web > "$REPO/.git/merge.log" 2>&1
cat > src/experiment.js <<EOF
import { Experiment } from '@amplitude/experiment-js-client';

// Vite env is not wired in the staging build yet; client keys are public anyway.
export const experiment = Experiment.initialize('$K_CLI', {
  fetchTimeoutMillis: 1000,
});
EOF
git add -A
git commit -q -m "Merge branch 'feature/web'"                         # 30
R_CLI=$(git rev-parse HEAD); P_CLI=src/experiment.js

cat >> README.md <<'EOF'

## Development

    pip install -r requirements.txt && flask --app app.server run
    npm install && npm run dev

Experiment deployment keys look like `server-XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX`;
ask the team for the staging one. Never commit it.
EOF
c 1 "Document local development"                                      # 31

# unrelated edit of the script holding the management key (situation 8)
sed -i 's/limit=100/limit=500/' scripts/sync_flags.sh
c 0 "Export up to 500 flags"                                          # 32

cat >> app/server.py <<'EOF'


@app.errorhandler(404)
def not_found(_e):
    return jsonify(error="not found"), 404
EOF
c 1 "Return JSON 404s"                                                # 33
FORK=$(git rev-parse HEAD)

# ---------------------------------------------------------------------------
# Tag-only commit: branch, commit, annotated tag, delete the branch
# ---------------------------------------------------------------------------
sw -b hotfix/ampli-pull
# CREDENTIAL: amplitude-data-api-token, only reachable from tag v1.0.1-rc1
cat > scripts/ampli_pull.sh <<EOF
#!/usr/bin/env bash
# Pull the tracking plan for the hotfix build.
set -euo pipefail
export AMPLI_TOKEN=$K_AMPLI
npx ampli pull web --path ./src/ampli
EOF
chmod +x scripts/ampli_pull.sh
c 2 "Pull tracking plan in release build"                             # 34
R_AMPLI=$(git rev-parse HEAD); P_AMPLI=scripts/ampli_pull.sh
git tag -a v1.0.1-rc1 -m "Release candidate 1.0.1-rc1"
sw main
git branch -q -D hotfix/ampli-pull

# ---------------------------------------------------------------------------
# feature/scim: never merged
# ---------------------------------------------------------------------------
sw -b feature/scim "$FORK"
mkdir -p infra
cat > infra/scim-sync.yaml <<'EOF'
# Okta -> Amplitude user provisioning job
schedule: "0 * * * *"
target:
  base_url: https://core.amplitude.com/scim/1
EOF
c 1 "Add SCIM provisioning job config"                                # 35

sw main
# the file holding the management key is deleted: the key lives only in history
git rm -q scripts/sync_flags.sh
c 0 "Remove flag export script (moved to internal tooling)"           # 36

sw feature/scim
# CREDENTIAL: amplitude-scim-key, on the unmerged branch only
cat > infra/scim-sync.yaml <<EOF
# Okta -> Amplitude user provisioning job
schedule: "0 * * * *"
target:
  base_url: https://core.amplitude.com/scim/1
env:
  AMPLITUDE_SCIM_KEY: "$K_SCIM"
EOF
c 1 "Wire SCIM key for the provisioning job"                          # 37
R_SCIM=$(git rev-parse HEAD); P_SCIM=infra/scim-sync.yaml

sw main
# pure rename of the file holding the API key (plus the import that points at it)
mkdir -p src/tracking
git mv src/analytics.js src/tracking/amplitude.js
sed -i "s#'./analytics.js'#'./tracking/amplitude.js'#" src/index.js
c 2 "Move analytics into src/tracking"                                # 38

sw feature/scim
cat >> infra/scim-sync.yaml <<'EOF'
groups:
  - engineering
  - marketing
EOF
c 1 "Sync engineering and marketing groups"                           # 39

sw main
sed -i 's/"version": "0.1.0"/"version": "0.2.0"/' package.json
c 0 "Bump web version to 0.2.0"                                       # 40

# unrelated edit below the key in flags.py (situation 8)
cat >> app/flags.py <<'EOF'


def is_enabled(user_id, flag_key):
    v = variant(user_id, flag_key)
    return v is not None and v.value == "on"
EOF
c 2 "Add is_enabled() helper"                                         # 41

# lines inserted above the current secret key in .env (situation 7)
cat > .env <<EOF
# Staging environment for the API and the nightly export job
APP_ENV=staging
SENTRY_ENVIRONMENT=staging
DATABASE_URL=postgres://shop@db.internal:5432/shop
REDIS_URL=redis://cache.internal:6379/0
AMPLITUDE_SECRET_KEY=$K_SEC_B
LOG_LEVEL=info
EOF
c 1 "Add Redis and Sentry settings to staging env"                    # 42

# ---------------------------------------------------------------------------
# feature/lint: merged, no credentials
# ---------------------------------------------------------------------------
sw -b feature/lint
cat > .github/workflows/lint.yml <<'EOF'
name: lint
on: [pull_request]
jobs:
  eslint:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - run: npm ci && npx eslint src
EOF
c 2 "Add lint workflow"                                               # 43

cat > .eslintrc.yml <<'EOF'
root: true
env:
  browser: true
  es2022: true
extends: eslint:recommended
parserOptions:
  sourceType: module
EOF
c 2 "Add ESLint config"                                               # 44

sw main
cat >> config/app.yaml <<'EOF'
cache:
  url_env: REDIS_URL
  ttl_seconds: 300
EOF
c 1 "Configure cache"                                                 # 45

sw feature/lint
{ head -n1 README.md; echo; echo '[![ci](https://github.com/acme/acme-shop/actions/workflows/ci.yml/badge.svg)](https://github.com/acme/acme-shop/actions)'; tail -n +2 README.md; } > README.md.tmp
mv README.md.tmp README.md
c 2 "Add CI badge"                                                    # 46

sw main
m 2 feature/lint "Merge branch 'feature/lint'"                        # 47

# ---------------------------------------------------------------------------
# main: ordinary work, a few more near misses, more key-file edits
# ---------------------------------------------------------------------------
# block moved: the init block goes below a new helper in the renamed file (situation 7)
cat > src/tracking/amplitude.js <<EOF
import * as amplitude from '@amplitude/analytics-browser';

const ENABLED = !navigator.doNotTrack || navigator.doNotTrack === '0';

export function track(event, props) {
  if (ENABLED) amplitude.track(event, props);
}

amplitude.init('$K_API', {
  defaultTracking: { pageViews: true, sessions: true },
});
EOF
c 0 "Respect Do Not Track"                                            # 48

# near miss: a hyphenated UUID used as a default device id
cat > app/tracking.py <<'EOF'
# Server-side events are sent by the export job; this only tags requests.
ANONYMOUS_DEVICE_ID = "6f1c2e4a-9b3d-4c8e-a1f7-2d5b8e0c3a91"


def device_id(request):
    return request.headers.get("X-Device-Id", ANONYMOUS_DEVICE_ID)
EOF
c 1 "Add device id helper"                                            # 49

cat > src/app.js <<'EOF'
import { renderBanner } from './components/Banner.js';

export function renderApp(root) {
  root.innerHTML = '<h1>Acme shop</h1><div id="banner"></div><div id="products"></div>';
  renderBanner(root.querySelector('#banner'));
}
EOF
c 0 "Render experiment banner"                                        # 50

# near miss: the Python side reads the key from the environment
cat > app/export.py <<'EOF'
import os

import requests

API_KEY = os.environ["AMPLITUDE_API_KEY"]
SECRET_KEY = os.environ["AMPLITUDE_SECRET_KEY"]


def export(start, end):
    r = requests.get(
        "https://amplitude.com/api/2/export",
        params={"start": start, "end": end},
        auth=(API_KEY, SECRET_KEY),
        timeout=60,
    )
    r.raise_for_status()
    return r.content
EOF
echo "requests==2.31.0" >> requirements.txt
c 1 "Add nightly export job"                                          # 51

# unrelated edit of the file holding the client key (situation 8)
cat >> src/experiment.js <<'EOF'

export function variantValue(flagKey, fallback = 'off') {
  return experiment.variant(flagKey).value ?? fallback;
}
EOF
c 0 "Add variantValue helper"                                         # 52

cat >> tests/test_flags.py <<'EOF'


def test_variant_is_callable():
    assert callable(flags.variant)
EOF
c 2 "Test variant helper"                                             # 53

sed -i 's/pool_size: 10/pool_size: 20/' config/app.yaml
c 1 "Raise DB pool size"                                              # 54

cat > scripts/deploy.sh <<'EOF'
#!/usr/bin/env bash
set -euo pipefail
npm ci && npm run build
rsync -a --delete dist/ deploy@web.internal:/srv/shop/
ssh deploy@api.internal 'sudo systemctl restart shop-api'
EOF
c 1 "Deploy also restarts the API"                                    # 55

cat >> app/server.py <<'EOF'


@app.get("/version")
def version():
    return jsonify(version="0.2.0")
EOF
c 1 "Add /version endpoint"                                           # 56

# unrelated edit of the .env holding the current secret key (situation 8)
sed -i 's/^LOG_LEVEL=info/LOG_LEVEL=warning/' .env
c 1 "Quieter logs in staging"                                         # 57

cat > src/components/Footer.js <<'EOF'
export function renderFooter(el) {
  el.textContent = '© Acme shop';
}
EOF
c 0 "Add footer component"                                            # 58

sed -i 's/ttl_seconds: 300/ttl_seconds: 600/' config/app.yaml
c 2 "Longer cache TTL"                                                # 59

cat >> .env.example <<'EOF'
AMPLI_TOKEN=<AMPLI_TOKEN>
REDIS_URL=redis://localhost:6379/0
EOF
c 1 "Document new env vars in .env.example"                           # 60

cat >> README.md <<'EOF'

## Analytics

Browser events go through `src/tracking/amplitude.js`. The nightly export job
reads `AMPLITUDE_API_KEY` and `AMPLITUDE_SECRET_KEY` from the environment.
EOF
c 0 "Document analytics setup"                                        # 61

# lines inserted above the client key (situation 7)
cat > src/experiment.js <<EOF
// Client-side Experiment: evaluates flags in the browser.
// See https://www.docs.developers.amplitude.com/experiment/sdks/javascript-sdk/
import { Experiment } from '@amplitude/experiment-js-client';

// Vite env is not wired in the staging build yet; client keys are public anyway.
export const experiment = Experiment.initialize('$K_CLI', {
  fetchTimeoutMillis: 1000,
});

export function variantValue(flagKey, fallback = 'off') {
  return experiment.variant(flagKey).value ?? fallback;
}
EOF
c 0 "Explain experiment module"                                       # 62

echo "pytest==8.1.1" > requirements-dev.txt
c 2 "Add dev requirements"                                            # 63

sed -i 's/"version": "0.2.0"/"version": "1.0.0"/' package.json
c 0 "Release 1.0.0"                                                   # 64
git tag v1.0.0

sed -i 's/workers: 4/workers: 8/' config/app.yaml
c 1 "More workers for launch traffic"                                 # 65

# ---------------------------------------------------------------------------
# Answers (line = first line holding the value in that commit's version)
# ---------------------------------------------------------------------------
in_head() { if git grep -q -F -e "$1" main --; then echo true; else echo false; fi; }
line_of() { git show "$1:$2" | grep -n -F -m1 -e "$3" | cut -d: -f1; }

ANS="$OUTDIR/answers.tsv"; VAL="$OUTDIR/values.tsv"
printf 'key_type\tpath\tcommit\tline\tin_head\n' > "$ANS"
printf 'key_type\tpath\tcommit\tline\tin_head\tvalue\tsituation\n' > "$VAL"
row() { # type path commit value situation
  local l h; l=$(line_of "$3" "$2" "$4"); h=$(in_head "$4")
  printf '%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$l" "$h" >> "$ANS"
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$l" "$h" "$4" "$5" >> "$VAL"
}
row amplitude-api-key               "$P_API"   "$R_API"   "$K_API"   "5-rename,7-block-moved"
row amplitude-secret-key            "$P_SEC_A" "$R_SEC_A" "$K_SEC_A" "6-rotated-old,8-unrelated-edit"
row amplitude-server-deployment-key "$P_SRV"   "$R_SRV"   "$K_SRV"   "1-feature-branch-merged,7-lines-inserted-above,8-unrelated-edit"
row amplitude-management-api-key    "$P_MGMT"  "$R_MGMT"  "$K_MGMT"  "4-file-deleted,8-unrelated-edit"
row amplitude-secret-key            "$P_SEC_B" "$R_SEC_B" "$K_SEC_B" "6-rotated-new,7-lines-inserted-above,8-unrelated-edit"
row amplitude-client-deployment-key "$P_CLI"   "$R_CLI"   "$K_CLI"   "3-added-in-merge-commit,7,8"
row amplitude-data-api-token        "$P_AMPLI" "$R_AMPLI" "$K_AMPLI" "2-tag-only-commit"
row amplitude-scim-key              "$P_SCIM"  "$R_SCIM"  "$K_SCIM"  "9-unmerged-branch"

echo "commits: $(git rev-list --all | wc -l)  (last date index $N)"
echo "HEAD of main: $(git rev-parse main)"
