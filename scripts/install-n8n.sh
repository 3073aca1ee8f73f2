#!/usr/bin/env bash
# Ensures the pinned Node 24 and n8n (versions in scripts/n8n-env.sh) are installed under
# ${CS_N8N_HOME:-~/.cache/n8n-nodes-customer-success}, using nothing but the npm registry.
#
# Usage: install-n8n.sh [LINE...]  LINE is 2 (n8n 2.x, the default) or 1 (n8n 1.x, the last 1.x
# line); without arguments, the line in CS_N8N_LINE (default 2). Each version has its own folder,
# so both lines live side by side (`install-n8n.sh 2 1` installs both, as the end-to-end tests need).
#
# Idempotent: each part writes a stamp file (holding its exact versions) only after it succeeded,
# so a second run does nothing and an interrupted or outdated install is wiped and redone.
# A fresh machine pays the full price: 2.8 GB, measured 4-9 minutes on a loaded 2-core machine
# (npm install 4.5-7.5 min depending on the npm cache, sqlite3 build about 2 min). n8n 1.x: 1.8 GB, measured
# 3 minutes after 2.x (npm install 108 s, sqlite3 build 73 s).
#
# n8n cannot be installed with plain `npm install` here: a native dependency
# (@confluentinc/kafka-javascript) does not build. So: `npm install --ignore-scripts`, then
# rebuild the one native module n8n's default SQLite database needs (sqlite3) from source.
# n8n 1.x also needs its CDN-only xlsx dependency replaced by the registry's (an npm override).
set -euo pipefail

# shellcheck source=scripts/n8n-env.sh
source "$(dirname "${BASH_SOURCE[0]}")/n8n-env.sh"

log() { printf '[install-n8n %s] %s\n' "$(date +%H:%M:%S)" "$*"; }

# Removes a folder under the cache root. n8n's node_modules is 2.8 GB of small files and deleting
# it takes a minute or more, so the folder is renamed away at once and deleted in the background.
wipe() {
	local dir=$1
	case "$dir" in
		"$CS_N8N_HOME"/?*) ;;
		*)
			echo "refusing to delete $dir (not under $CS_N8N_HOME)" >&2
			exit 1
			;;
	esac
	local trash
	trash="$CS_N8N_HOME/.trash-$(basename "$dir")-$$-$RANDOM"
	mv "$dir" "$trash"
	(rm -rf "$trash" >/dev/null 2>&1 &)
}

NPM_FLAGS=(--no-audit --no-fund --ignore-scripts --save-exact --loglevel=error)

mkdir -p "$CS_N8N_HOME"

# One installer per folder at a time (e.g. `npm start` and `npm run test:e2e` started together); a lock per
# folder, so installing one n8n line does not hold up a run that needs only the other, installed one.
lock() {
	command -v flock >/dev/null 2>&1 || return 0
	exec 9>"$1"
	if ! flock -n 9; then
		log "another install is running under $CS_N8N_HOME ($(basename "$1")); waiting for it to finish"
		flock 9
	fi
}
unlock() { exec 9>&-; }

# Leftovers of a background delete that did not finish (machine rebooted, ...).
for leftover in "$CS_N8N_HOME"/.trash-*; do
	[[ -e "$leftover" ]] && (rm -rf "$leftover" >/dev/null 2>&1 &)
done

install_node() {
	if [[ -f "$CS_NODE_STAMP" && "$(cat "$CS_NODE_STAMP")" == "$(cs_node_stamp_content)" && -x "$CS_NODE24_BIN/node" ]]; then
		log "Node $CS_NODE_VERSION already installed: $CS_NODE24_BIN/node"
		return
	fi
	log "Installing Node $CS_NODE_VERSION ($CS_NODE_PACKAGE from the npm registry) into $CS_NODE_DIR"
	[[ -e "$CS_NODE_DIR" ]] && wipe "$CS_NODE_DIR"
	mkdir -p "$CS_NODE_DIR"
	printf '{\n  "name": "cs-node24",\n  "private": true\n}\n' >"$CS_NODE_DIR/package.json"
	(cd "$CS_NODE_DIR" && npm install "${NPM_FLAGS[@]}" "$CS_NODE_PACKAGE@$CS_NODE_VERSION")
	local got
	got=$("$CS_NODE24_BIN/node" --version)
	if [[ "$got" != "v$CS_NODE_VERSION" ]]; then
		echo "expected Node v$CS_NODE_VERSION, got $got" >&2
		exit 1
	fi
	cs_node_stamp_content >"$CS_NODE_STAMP"
	log "Node $got installed"
}

install_n8n() {
	if [[ -f "$CS_N8N_STAMP" && "$(cat "$CS_N8N_STAMP")" == "$(cs_n8n_stamp_content)" && -f "$CS_N8N_BIN" ]]; then
		log "n8n $CS_N8N_VERSION already installed: $CS_N8N_BIN"
		return
	fi
	local path24
	path24=$(cs_path_with_node24)
	if [[ -e "$CS_N8N_DIR" ]]; then
		log "Removing the incomplete or outdated install in $CS_N8N_DIR"
		wipe "$CS_N8N_DIR"
	fi
	mkdir -p "$CS_N8N_DIR"
	if [[ "$CS_N8N_LINE" == 1 ]]; then
		# n8n 1.x's xlsx is a tarball URL on cdn.sheetjs.com, unreachable from here: npm must not try to fetch it.
		printf '{\n  "name": "cs-n8n",\n  "private": true,\n  "overrides": {\n    "xlsx": "%s"\n  }\n}\n' \
			"$CS_N8N1_XLSX_VERSION" >"$CS_N8N_DIR/package.json"
	else
		printf '{\n  "name": "cs-n8n",\n  "private": true\n}\n' >"$CS_N8N_DIR/package.json"
	fi

	log "npm install --ignore-scripts n8n@$CS_N8N_VERSION into $CS_N8N_DIR (a few minutes on a fresh machine)"
	local t0=$SECONDS
	(cd "$CS_N8N_DIR" && PATH="$path24" npm install "${NPM_FLAGS[@]}" "n8n@$CS_N8N_VERSION")
	log "npm install done in $((SECONDS - t0)) s"

	# Build sqlite3 from source against Node 24's own headers (not a system nodedir from ~/.npmrc).
	log "npm rebuild sqlite3 (compiles from source, about 1 minute)"
	t0=$SECONDS
	(cd "$CS_N8N_DIR" && PATH="$path24" npm_config_nodedir="$(dirname "$CS_NODE24_BIN")" npm rebuild sqlite3 --loglevel=error)
	log "sqlite3 rebuilt in $((SECONDS - t0)) s"

	log "Checking the install"
	(cd "$CS_N8N_DIR" && PATH="$path24" node -e '
		const sqlite3 = require("sqlite3");
		const db = new sqlite3.Database(":memory:");
		db.get("select sqlite_version() as v", (err, row) => {
			if (err) { console.error(err); process.exit(1); }
			console.log("sqlite3 works (SQLite " + row.v + ")");
		});
	')
	local got
	got=$(cs_n8n --version 2>/dev/null | tail -n 1)
	if [[ "$got" != "$CS_N8N_VERSION" ]]; then
		echo "expected 'n8n --version' to print $CS_N8N_VERSION, got '$got'" >&2
		exit 1
	fi
	cs_n8n_stamp_content >"$CS_N8N_STAMP"
	log "n8n $got installed: $CS_N8N_BIN"
}

lines=("$@")
((${#lines[@]} > 0)) || lines=("$CS_N8N_LINE")
for line in "${lines[@]}"; do
	cs_select_n8n_line "$line"
done

lock "$CS_N8N_HOME/.install.lock"
install_node
unlock
for line in "${lines[@]}"; do
	cs_select_n8n_line "$line"
	lock "$CS_N8N_HOME/.install-n8n-$CS_N8N_VERSION.lock"
	install_n8n
	unlock
done
