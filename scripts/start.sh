#!/usr/bin/env bash
# npm start: a local n8n with this package installed, for trying the nodes and the templates.
#
#   1. installs the pinned Node 24 and n8n if needed (scripts/install-n8n.sh, cached in ~/.cache);
#   2. builds and packs this package (npm pack runs the build);
#   3. installs the tarball into ./.n8n-local/.n8n/nodes as n8n's Community Nodes installer does
#      (so the nodes load as n8n-nodes-customer-success.<node>, as for users who install from npm);
#   4. imports the workflow templates in workflows/*.json that are new or changed since the last
#      run (a template whose file did not change is not imported again, so edits made in n8n stay);
#   5. starts the local mail sink (scripts/mail-sink.js): SMTP on 127.0.0.1:2525, messages readable at
#      http://localhost:5680, kept as .eml files in ./.n8n-local/mail;
#   6. creates, once, the credentials the templates name: "CS demo mail sink (SMTP)" (to the mail sink),
#      "CS webhook secret" (a random secret, kept in ./.n8n-local/cs-webhook-secret) and "CS referral secret" (a random
#      secret, kept in ./.n8n-local/cs-referral-secret);
#   7. runs n8n in the foreground on http://localhost:5678 with SQLite (Ctrl+C stops n8n and the mail sink).
#
# Environment: N8N_PORT (default 5678), N8N_RUNNERS_BROKER_PORT (default N8N_PORT + 1),
# CS_N8N_LOCAL_FOLDER (default ./.n8n-local), CS_TEMPLATES_DIR (default workflows),
# CS_REIMPORT_TEMPLATES=1 to import every template again, CS_MAIL_SMTP_PORT (default 2525),
# CS_MAIL_HTTP_PORT (default 5680).
# Any other N8N_* variable is passed on to n8n (DB_* too: scripts/start-queue.sh points it at PostgreSQL).
# Used by scripts/start-queue.sh: CS_PACKAGE_TARBALL=<.tgz> installs that tarball instead of packing one;
# CS_START_PREPARE_ONLY=1 stops after step 6 (nothing is started).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

# shellcheck source=scripts/n8n-env.sh
source scripts/n8n-env.sh

log() { printf '[start] %s\n' "$*"; }

bash scripts/ensure-deps.sh
bash scripts/install-n8n.sh

USER_FOLDER=${CS_N8N_LOCAL_FOLDER:-$PWD/.n8n-local}
mkdir -p "$USER_FOLDER"
USER_FOLDER=$(cd "$USER_FOLDER" && pwd)
PORT=${N8N_PORT:-5678}
BROKER_PORT=${N8N_RUNNERS_BROKER_PORT:-$((PORT + 1))}

work=$(mktemp -d "${TMPDIR:-/tmp}/cs-start-XXXXXX")
trap 'rm -rf "$work"' EXIT

if [[ -n "${CS_PACKAGE_TARBALL:-}" ]]; then
	tarball=$CS_PACKAGE_TARBALL
else
	log "Building and packing the package"
	npm pack --pack-destination "$work" --loglevel=error
	tarball=$(ls "$work"/*.tgz)
fi

cs_install_package_tarball "$tarball" "$USER_FOLDER"

export N8N_USER_FOLDER="$USER_FOLDER"
export N8N_PORT="$PORT"
export N8N_RUNNERS_BROKER_PORT="$BROKER_PORT"
export DB_TYPE=${DB_TYPE:-sqlite}
export N8N_DIAGNOSTICS_ENABLED=${N8N_DIAGNOSTICS_ENABLED:-false}
export N8N_VERSION_NOTIFICATIONS_ENABLED=${N8N_VERSION_NOTIFICATIONS_ENABLED:-false}

# Templates: import those that are new or changed since they were last imported from here.
# The record lives inside .n8n, so deleting .n8n (the database) imports everything again.
shopt -s nullglob
templates=("${CS_TEMPLATES_DIR:-workflows}"/*.json)
shopt -u nullglob
if ((${#templates[@]} == 0)); then
	log "No workflow templates in ${CS_TEMPLATES_DIR:-workflows}/ yet: nothing to import"
else
	record_dir="$USER_FOLDER/.n8n/cs-imported-templates"
	mkdir -p "$record_dir" "$work/import"
	to_import=()
	for template in "${templates[@]}"; do
		name=$(basename "$template")
		hash=$(sha256sum "$template" | cut -d' ' -f1)
		if [[ "${CS_REIMPORT_TEMPLATES:-}" == 1 || "$(cat "$record_dir/$name.sha256" 2>/dev/null)" != "$hash" ]]; then
			if ! node -e 'process.exit(typeof JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).id === "string" ? 0 : 1)' "$template"; then
				log "warning: $template has no \"id\": each import adds a new copy of it"
			fi
			cp "$template" "$work/import/$name"
			to_import+=("$name")
		fi
	done
	if ((${#to_import[@]} == 0)); then
		log "Workflow templates unchanged since the last import (${#templates[@]} in ${CS_TEMPLATES_DIR:-workflows}/)"
	else
		log "Importing ${#to_import[@]} workflow template(s): ${to_import[*]}"
		if ! cs_n8n import:workflow --separate --input="$work/import" >"$work/import.log" 2>&1; then
			grep -v -e '^Starting migration' -e '^Finished migration' "$work/import.log" >&2
			log "n8n import:workflow failed"
			exit 1
		fi
		grep -E 'Successfully imported|Skipped|Skipping|Deactivating' "$work/import.log" || true
		for name in "${to_import[@]}"; do
			sha256sum "$work/import/$name" | cut -d' ' -f1 >"$record_dir/$name.sha256"
		done
	fi
fi

# The two credentials the templates refer to (by id), created once: what a user edits in n8n afterwards stays.
SMTP_PORT=${CS_MAIL_SMTP_PORT:-2525}
MAIL_HTTP_PORT=${CS_MAIL_HTTP_PORT:-5680}
secret_file="$USER_FOLDER/cs-webhook-secret"
if [[ ! -f "$USER_FOLDER/.n8n/cs-demo-credentials" ]]; then
	[[ -f "$secret_file" ]] || node -e 'process.stdout.write(require("crypto").randomBytes(32).toString("hex"))' >"$secret_file"
	chmod 600 "$secret_file"
	node -e '
		const [file, port, secret] = process.argv.slice(1);
		require("fs").writeFileSync(file, JSON.stringify([
			{ id: "csDemoMailSink01", name: "CS demo mail sink (SMTP)", type: "smtp",
			  data: { user: "", password: "", host: "127.0.0.1", port: Number(port), secure: false, disableStartTls: true } },
			{ id: "csDemoWebhook001", name: "CS webhook secret", type: "customerSuccessWebhookApi",
			  data: { secret, previousSecret: "", headerName: "X-CS-Webhook-Token" } },
		]));
	' "$work/credentials.json" "$SMTP_PORT" "$(cat "$secret_file")"
	log "Creating the demo credentials (mail sink SMTP, webhook secret)"
	if ! cs_n8n import:credentials --input="$work/credentials.json" >"$work/credentials.log" 2>&1; then
		grep -v -e '^Starting migration' -e '^Finished migration' "$work/credentials.log" >&2
		log "n8n import:credentials failed"
		exit 1
	fi
	touch "$USER_FOLDER/.n8n/cs-demo-credentials"
fi
# The referral credential (CS 11 · Advocacy and referrals signs referral codes with it), created once with a random
# secret kept in ./.n8n-local/cs-referral-secret; its own marker, so a local n8n made before it existed gets it too.
referral_secret_file="$USER_FOLDER/cs-referral-secret"
if [[ ! -f "$USER_FOLDER/.n8n/cs-demo-referral-credential" ]]; then
	[[ -f "$referral_secret_file" ]] || node -e 'process.stdout.write(require("crypto").randomBytes(32).toString("hex"))' >"$referral_secret_file"
	chmod 600 "$referral_secret_file"
	node -e '
		const [file, secret] = process.argv.slice(1);
		require("fs").writeFileSync(file, JSON.stringify([
			{ id: "csDemoReferral01", name: "CS referral secret", type: "customerSuccessReferralApi",
			  data: { secret, previousSecret: "" } },
		]));
	' "$work/referral-credential.json" "$(cat "$referral_secret_file")"
	log "Creating the demo referral credential (the secret that signs referral codes)"
	if ! cs_n8n import:credentials --input="$work/referral-credential.json" >"$work/referral-credential.log" 2>&1; then
		grep -v -e '^Starting migration' -e '^Finished migration' "$work/referral-credential.log" >&2
		log "n8n import:credentials failed"
		exit 1
	fi
	touch "$USER_FOLDER/.n8n/cs-demo-referral-credential"
fi

rm -rf "$work"
trap - EXIT
[[ "${CS_START_PREPARE_ONLY:-}" == 1 ]] && exit 0

mkdir -p "$USER_FOLDER/mail"
node scripts/mail-sink.js --smtp-port "$SMTP_PORT" --http-port "$MAIL_HTTP_PORT" --dir "$USER_FOLDER/mail" &
mail_sink=$!

log "Starting n8n $CS_N8N_VERSION with $(node -p 'require("./package.json").name') from $USER_FOLDER"
log "Open http://localhost:$PORT, set up your account, then open the workflow 'CS 00 · Try it' and press Execute workflow."
log "Emails arrive in the mail sink: http://localhost:$MAIL_HTTP_PORT. The webhook secret is in $secret_file. Ctrl+C stops."
# n8n runs as a child so that stopping this script (Ctrl+C, or a TERM from a supervisor) stops n8n and the mail sink.
PATH="$(cs_path_with_node24)" "$CS_N8N_BIN" start &
n8n_pid=$!
stop() {
	kill -TERM "$n8n_pid" 2>/dev/null || true
	wait "$n8n_pid" 2>/dev/null || true
	kill "$mail_sink" 2>/dev/null || true
}
trap 'stop; exit 130' INT
trap 'stop; exit 143' TERM
trap 'kill "$mail_sink" 2>/dev/null || true' EXIT
wait "$n8n_pid"
