# Two commands on a fresh machine: `make dev` and `make test`. Everything else is a convenience.
SHELL := /bin/bash
# Lambda's runtime is python3.13: tests, bytecode and wheels must match it. PYTHON= overrides; otherwise
# python3.13 from PATH if it runs (a pyenv shim of an unselected version does not), else pyenv's newest 3.13.
PYENV_VERSIONS := $(or $(PYENV_ROOT),$(HOME)/.pyenv)/versions
PYTHON ?= $(or $(shell python3.13 -c 'import sys; print(sys.executable)' 2>/dev/null),$(shell ls -d $(PYENV_VERSIONS)/3.13.[0-9]*/bin/python3.13 2>/dev/null | grep -v 't/bin' | sort -V | tail -1),python3.13)
VENV := .venv
SAM_VENV := .venv-sam
PY := $(VENV)/bin/python
RUN := PYTHONPATH=shared:. $(PY)
SAM := $(SAM_VENV)/bin/sam
SAM_CLI_VERSION := 1.170.0
export SAM_CLI_TELEMETRY := 0
export AWS_DEFAULT_REGION ?= us-east-1
STAGE ?= dev
APP_NAME ?= saas-billing
# The Python 3.13 the layer and function Makefiles run under sam build (pip for the wheels, compileall).
LAMBDA_PYTHON ?= $(CURDIR)/$(PY)
export LAMBDA_PYTHON
BUILT := .aws-sam/build/template.yaml
BUILD_INPUTS := template.yaml $(shell find functions shared layers -type f ! -path '*/__pycache__/*' ! -name '*.pyc')

# ssm-put writes where samconfig.toml deploys, unless AWS_REGION says otherwise.
# The stack's region for STAGE: samconfig.toml's [prod.global.parameters] for prod, [default...] for dev.
SAMCONFIG_ENV = $(if $(filter prod,$(STAGE)),prod,default)
SSM_REGION ?= $(or $(AWS_REGION),$(shell sed -n '/^\[$(SAMCONFIG_ENV)\.global\.parameters\]/,/^\[/s/^region = "\(.*\)"/\1/p' samconfig.toml | head -1))

.PHONY: deploy-inputs FORCE restore-times dev test lint unit unit-future faketime-deps sam-validate build built-test invoke bench round-trips ssm-put seed-catalog mongo migrate create-admin clean

$(VENV)/.installed: requirements-dev.txt layers/dependencies/requirements.txt layers/dependencies/constraints.txt
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info[:2] != (3, 13))' \
		|| { echo "$(PYTHON) must be Python 3.13, the Lambda runtime (set PYTHON=/path/to/python3.13)"; exit 1; }
	@echo "Installing the dev venv ($(VENV)) from requirements-dev.txt: pip is quiet, this takes a minute or two once"
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install -q --upgrade pip
	$(VENV)/bin/pip install -q -r requirements-dev.txt
	touch $@

$(SAM_VENV)/.installed:
	@echo "Installing SAM CLI $(SAM_CLI_VERSION) into $(SAM_VENV): pip is quiet, this takes a minute or two once"
	$(PYTHON) -m venv $(SAM_VENV)
	$(SAM_VENV)/bin/pip install -q aws-sam-cli==$(SAM_CLI_VERSION)
	touch $@

venv: $(VENV)/.installed

dev: $(VENV)/.installed ## Serve every function's routes on http://127.0.0.1:8000 (docs at /docs), offline.
	$(RUN) -m scripts.dev_server

test: lint unit unit-future sam-validate built-test browser-test ## Every check; CI runs exactly this.

lint: $(VENV)/.installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

unit: $(VENV)/.installed ## Unit, integration and handler tests, MongoDB on a real wire-protocol server.
	$(PY) -m pytest -m "not built and not browser" --mongo=wire

# How far ahead the moved-clock run puts the process clock: no test may depend on the day it runs.
FUTURE ?= +800d

faketime-deps: ## Debian's libfaketime for the moved-clock run (installed once).
	@if ! command -v faketime >/dev/null; then \
		SUDO=$$([ "$$(id -u)" = 0 ] || echo sudo); \
		$$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq faketime; \
	fi

unit-future: faketime-deps $(VENV)/.installed ## The offline suite again with the clock $(FUTURE) ahead.
	@faketime -f '$(FUTURE)' $(PY) -c 'import sys, time; sys.exit(time.time() - $(shell date +%s) < 2 * 365 * 86400)' \
		|| { echo "faketime did not move the clock two years ahead (FUTURE=$(FUTURE))"; exit 1; }
	faketime -f '$(FUTURE)' $(PY) -m pytest -m "not built and not browser" -p no:cacheprovider

EXAMPLES := $(wildcard examples/*/template.yaml)

sam-validate: $(SAM_VENV)/.installed ## The application's template, then each example's.
	$(SAM) validate --lint
	@for template in $(EXAMPLES); do echo "sam validate --lint -t $$template"; $(SAM) validate --lint -t $$template || exit 1; done

# SAM's build cache keys a function on its CodeUri alone; functions/Makefile lives outside it.
.aws-sam/functions-makefile.stamp: functions/Makefile
	rm -rf .aws-sam/cache
	mkdir -p .aws-sam && touch $@

# What must publish new versions although SAM's version hash cannot see it (it hashes the function's and
# its layers' properties with parameter refs unresolved): samconfig's overrides for the stage (or SETTINGS_REVISION=/SNAPSTART=), built
# into every function's code. Build with the STAGE you deploy: `make build STAGE=prod`.
DEPLOY_OVERRIDES = $(shell sed -n '/^\[$(SAMCONFIG_ENV)\.deploy\.parameters\]/,/^\[/s/^parameter_overrides = "\(.*\)"/\1/p' samconfig.toml)
SETTINGS_REVISION ?= $(or $(patsubst SettingsRevision=%,%,$(filter SettingsRevision=%,$(DEPLOY_OVERRIDES))),1)
SNAPSTART ?= $(or $(patsubst SnapStart=%,%,$(filter SnapStart=%,$(DEPLOY_OVERRIDES))),off)
# Passed to sam build only (functions/Makefile reads them), not exported to every recipe.
DEPLOY_INPUTS_ENV = SETTINGS_REVISION=$(SETTINGS_REVISION) SNAPSTART=$(SNAPSTART)

# SAM's build cache keys a function on its CodeUri alone: new deploy inputs must rebuild the functions.
.aws-sam/deploy-inputs.stamp: FORCE
	@mkdir -p .aws-sam
	@echo "$(SETTINGS_REVISION) $(SNAPSTART)" | cmp -s - $@ || { rm -rf .aws-sam/cache; echo "$(SETTINGS_REVISION) $(SNAPSTART)" > $@; }

FORCE:

deploy-inputs: ## What `make build STAGE=…` writes into every function's code (deploy_inputs.json).
	@echo "SettingsRevision=$(SETTINGS_REVISION) SnapStart=$(SNAPSTART)"

build: $(SAM_VENV)/.installed $(VENV)/.installed .aws-sam/functions-makefile.stamp .aws-sam/deploy-inputs.stamp ## sam build, bytecode included.
	$(DEPLOY_INPUTS_ENV) $(SAM) build

$(BUILT): $(SAM_VENV)/.installed $(VENV)/.installed .aws-sam/functions-makefile.stamp .aws-sam/deploy-inputs.stamp $(BUILD_INPUTS)
	$(DEPLOY_INPUTS_ENV) $(SAM) build

built-test: build $(VENV)/.installed ## Invoke every built function from .aws-sam/build in clean interpreters.
	$(PY) -m pytest -m built --mongo=wire

invoke: $(BUILT) ## make invoke FUNCTION=CatalogFunction EVENT=events/catalog/list_products.json (no Docker)
	@$(RUN) -m scripts.invoke_built $(FUNCTION) $(EVENT)

bench: build $(VENV)/.installed ## Cold path, warm invoke, RSS and init imports of every built function against bare ones (bench-results.md; WRITE=1 also BENCHMARKS.md).
	$(RUN) -m scripts.bench $(if $(WRITE),--write)

SINCE_MINUTES ?= 60
restore-times: ## SnapStart's Restore Duration per deployed function over SINCE_MINUTES (STAGE=prod; AWS CLI).
	@stack=$$(sed -n '/^\[$(SAMCONFIG_ENV)\.global\.parameters\]/,/^\[/s/^stack_name = "\(.*\)"/\1/p' samconfig.toml | head -1); \
	for fn in $$(aws cloudformation describe-stack-resources --region $(SSM_REGION) --stack-name $$stack \
		--query "StackResources[?ResourceType=='AWS::Lambda::Function'].PhysicalResourceId" --output text); do \
		echo "$$fn:"; \
		aws logs filter-log-events --region $(SSM_REGION) --log-group-name /aws/lambda/$$fn \
			--start-time $$(( ($$(date +%s) - $(SINCE_MINUTES) * 60) * 1000 )) --filter-pattern '"Restore Duration"' \
			--query 'events[].message' --output text | grep -o 'Restore Duration: [0-9.]* ms' || echo "  no SnapStart restore logged"; \
	done

round-trips: $(VENV)/.installed ## MongoDB commands and Stripe calls per request (warm, cold) over a journey, as markdown.
	$(PY) -m pytest tests/integration/test_round_trip_budget.py --mongo=wire -p no:cacheprovider -q; \
		status=$$?; cat test-artifacts/round-trips.md; exit $$status

ssm-put: $(VENV)/.installed ## Copy ENV_FILE (default .env) into SSM under /$(APP_NAME)/$(STAGE)/ as SecureStrings [GENERATE_SIGNING_KEY=1] [PROMOTE_SIGNING_KEY=1] [RETIRE_SIGNING_KEYS=1].
	$(if $(GENERATE_JWT_SECRET),$(error GENERATE_JWT_SECRET is retired: access tokens are signed with jwt_signing_keys (GENERATE_SIGNING_KEY=1 makes one)))
	$(RUN) -m scripts.ssm_put --app $(APP_NAME) --stage $(STAGE) --env-file $(or $(ENV_FILE),.env) --region $(SSM_REGION) $(if $(GENERATE_SIGNING_KEY),--generate-signing-key) $(if $(PROMOTE_SIGNING_KEY),--promote-signing-key) $(if $(RETIRE_SIGNING_KEYS),--retire-signing-keys)

seed-catalog: $(VENV)/.installed ## Create the demo catalog in the Stripe account of STRIPE_API_KEY.
	$(RUN) -m scripts.seed_catalog

.PHONY: browser-deps browser-test

browser-deps: ## Debian's Chromium for the browser test (installed once; never a downloaded browser).
	@if [ ! -x /usr/bin/chromium ]; then \
		SUDO=$$([ "$$(id -u)" = 0 ] || echo sudo); \
		$$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq chromium; \
	fi

browser-test: browser-deps $(VENV)/.installed ## Pricing → Checkout → success → saved, in headless Chromium.
	$(PY) -m pytest -m browser

.PHONY: reconcile sign-event

reconcile: $(VENV)/.installed ## Run the subscription reconciliation once with local settings (SINCE=<epoch>, BUDGET=<seconds>).
	$(RUN) -m scripts.reconcile $(if $(SINCE),--since $(SINCE)) $(if $(BUDGET),--budget $(BUDGET))

sign-event: $(VENV)/.installed ## make sign-event EVENT=stripe_event.json [SECRET=whsec_...] [OUT=signed.json]: a freshly signed webhook event.
	$(RUN) -m scripts.sign_event $(EVENT) $(if $(SECRET),--secret $(SECRET)) $(if $(OUT),--out $(OUT))

mongo: $(VENV)/.installed ## make dev's database in the foreground: make mongo [MONGO_HOST=0.0.0.0] [MONGO_PORT=27017]
	$(RUN) -m scripts.local_stage --host $(or $(MONGO_HOST),127.0.0.1) --port $(or $(MONGO_PORT),27017)

migrate: $(VENV)/.installed ## Bring the database to the declared indexes: make migrate [FROM_SSM=1 STAGE=prod]; part of every deploy.
	$(if $(FROM_SSM),APP_STAGE=$(STAGE)) $(RUN) -m scripts.migrate $(if $(FROM_SSM),--ssm-path /$(APP_NAME)/$(STAGE)/)

create-admin: $(VENV)/.installed ## make create-admin EMAIL=ops@example.com [FROM_SSM=1] [PROMOTE_EXISTING=1]: create with a prompted password.
	@test -n "$(EMAIL)" || { echo "usage: make create-admin EMAIL=ops@example.com [FROM_SSM=1] [PROMOTE_EXISTING=1]"; exit 2; }
	$(if $(FROM_SSM),APP_STAGE=$(STAGE)) $(RUN) -m scripts.create_admin "$(EMAIL)" $(if $(FROM_SSM),--ssm-path /$(APP_NAME)/$(STAGE)/) $(if $(PROMOTE_EXISTING),--promote-existing)

clean:
	rm -rf .aws-sam .pytest_cache .ruff_cache test-artifacts mutants  # .local (make dev's data) is kept

.PHONY: mutation
mutation: $(VENV)/.installed ## Mutation testing of the six core modules (mutmut); not part of make test.
	@# From scratch, as mutants/ keeps results that changed tests would make stale. One worker: with two,
	@# results differed between runs on this 2-core machine.
	rm -rf mutants
	$(PY) tests/support/mutmut_cli.py run --max-children 1
	@echo "Survivors (each judged equivalent, or a test is missing; mutmut show <name> prints its diff):"
	@$(PY) tests/support/mutmut_cli.py results
