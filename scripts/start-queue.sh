#!/usr/bin/env bash
# npm run start:queue: a local n8n in queue mode (scaling out), with this package in every process.
#
#   1. checks that PostgreSQL and Redis answer (and says how to start them when they do not);
#   2. creates n8n's database on PostgreSQL if it is missing (default cs_n8n_queue);
#   3. prepares the shared user folder with scripts/start.sh (CS_START_PREPARE_ONLY=1), pointed at that database:
#      the packed package installed into <folder>/.n8n/nodes as n8n's Community Nodes installer does, the workflow
#      templates imported, the two demo credentials created;
#   4. imports and publishes the workflows listed in CS_QUEUE_PUBLISH_WORKFLOWS, if any (the tests use this);
#   5. starts the mail sink (scripts/mail-sink.js) and then the n8n processes, all with the same user folder (so
#      the same community package and the same encryption key), database and Redis:
#        main       `n8n start`    editor, REST API, workflow activation, queue recovery  N8N_PORT (5678)
#        webhook    `n8n webhook`  production webhooks (/webhook/...)                     CS_QUEUE_WEBHOOK_PORT (5688)
#        worker-N   `n8n worker`   runs the executions; health on /healthz(/readiness)    CS_QUEUE_WORKER_PORTS (5691 5693)
#      each with its own task-runner broker port (main N8N_RUNNERS_BROKER_PORT, 5679; webhook
#      CS_QUEUE_WEBHOOK_BROKER_PORT, 5689; workers CS_QUEUE_WORKER_BROKER_PORTS, 5692 5694);
#   6. waits until every process is ready, prints "[start-queue] ready", and stays in the foreground: a worker that
#      dies is started again (CS_QUEUE_RESTART_WORKERS=0 turns that off); the main or webhook process dying, Ctrl+C,
#      or a TERM stops everything. `bash scripts/start-queue.sh stop` stops a cluster started from another shell.
#
# Environment: CS_N8N_LOCAL_FOLDER (default ./.n8n-queue; its queue/ folder holds the logs and pid files),
# DB_POSTGRESDB_HOST (127.0.0.1), DB_POSTGRESDB_PORT (5432), DB_POSTGRESDB_USER (postgres), DB_POSTGRESDB_PASSWORD,
# DB_POSTGRESDB_DATABASE (cs_n8n_queue), QUEUE_BULL_REDIS_HOST (127.0.0.1), QUEUE_BULL_REDIS_PORT (6379),
# QUEUE_BULL_REDIS_DB (0), QUEUE_BULL_PREFIX and N8N_REDIS_KEY_PREFIX (derived from the database name, so two clusters
# can share one Redis), CS_QUEUE_WORKERS (2), CS_QUEUE_WORKER_CONCURRENCY (10), CS_MAIL_SINK=0 (no mail sink: the
# tests run their own SMTP server on CS_MAIL_SMTP_PORT), CS_QUEUE_READY_TIMEOUT (seconds, 300), the ports above, and
# every option of scripts/start.sh. Any other N8N_*, QUEUE_* or EXECUTIONS_* variable is passed on to every process.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

# Queue mode is set up and tested for the n8n 2.x line only.
export CS_N8N_LINE=2
# shellcheck source=scripts/n8n-env.sh
source scripts/n8n-env.sh

log() { printf '[start-queue] %s\n' "$*"; }
fail() {
	printf '[start-queue] error: %s\n' "$*" >&2
	exit 1
}

USER_FOLDER=${CS_N8N_LOCAL_FOLDER:-$PWD/.n8n-queue}
mkdir -p "$USER_FOLDER"
USER_FOLDER=$(cd "$USER_FOLDER" && pwd)
RUN_DIR="$USER_FOLDER/queue"
mkdir -p "$RUN_DIR"
SUPERVISOR_PID_FILE="$RUN_DIR/start-queue.pid"

if [[ "${1:-}" == stop ]]; then
	pid=$(cat "$SUPERVISOR_PID_FILE" 2>/dev/null || true)
	if [[ -z "$pid" ]] || ! kill -0 "$pid" 2>/dev/null; then
		log "no cluster running from $USER_FOLDER"
		exit 0
	fi
	log "stopping the cluster of $USER_FOLDER (pid $pid)"
	kill -TERM "$pid"
	while kill -0 "$pid" 2>/dev/null; do sleep 0.5; done
	log "stopped"
	exit 0
elif [[ -n "${1:-}" ]]; then
	fail "unknown argument '$1' (usage: start-queue.sh [stop])"
fi

if old=$(cat "$SUPERVISOR_PID_FILE" 2>/dev/null) && [[ -n "$old" ]] && kill -0 "$old" 2>/dev/null; then
	fail "a cluster is already running from $USER_FOLDER (pid $old): 'bash scripts/start-queue.sh stop' stops it"
fi

bash scripts/ensure-deps.sh
bash scripts/install-n8n.sh
cs_require_n8n

export DB_TYPE=postgresdb
export DB_POSTGRESDB_HOST=${DB_POSTGRESDB_HOST:-127.0.0.1}
export DB_POSTGRESDB_PORT=${DB_POSTGRESDB_PORT:-5432}
export DB_POSTGRESDB_USER=${DB_POSTGRESDB_USER:-postgres}
export DB_POSTGRESDB_PASSWORD=${DB_POSTGRESDB_PASSWORD:-}
export DB_POSTGRESDB_DATABASE=${DB_POSTGRESDB_DATABASE:-cs_n8n_queue}
[[ "$DB_POSTGRESDB_DATABASE" =~ ^[a-z_][a-z0-9_]{0,62}$ ]] || fail "DB_POSTGRESDB_DATABASE must be lower-case letters, digits and _ (got '$DB_POSTGRESDB_DATABASE')"
export QUEUE_BULL_REDIS_HOST=${QUEUE_BULL_REDIS_HOST:-127.0.0.1}
export QUEUE_BULL_REDIS_PORT=${QUEUE_BULL_REDIS_PORT:-6379}
export QUEUE_BULL_REDIS_DB=${QUEUE_BULL_REDIS_DB:-0}
# The queue, pub/sub channels and cache keys of this cluster, apart from any other n8n on the same Redis.
export QUEUE_BULL_PREFIX=${QUEUE_BULL_PREFIX:-bull-$DB_POSTGRESDB_DATABASE}
export N8N_REDIS_KEY_PREFIX=${N8N_REDIS_KEY_PREFIX:-n8n-$DB_POSTGRESDB_DATABASE}
export EXECUTIONS_MODE=queue
# Manual runs from the editor go to the workers too, as n8n's queue-mode documentation recommends.
export OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS=${OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS:-true}
# Production webhooks are served by the webhook process only (the main keeps test webhooks and the editor).
export N8N_DISABLE_PRODUCTION_MAIN_PROCESS=${N8N_DISABLE_PRODUCTION_MAIN_PROCESS:-true}
export N8N_COMMUNITY_PACKAGES_ENABLED=true
export N8N_DIAGNOSTICS_ENABLED=${N8N_DIAGNOSTICS_ENABLED:-false}
export N8N_VERSION_NOTIFICATIONS_ENABLED=${N8N_VERSION_NOTIFICATIONS_ENABLED:-false}
export N8N_USER_FOLDER="$USER_FOLDER"

MAIN_PORT=${N8N_PORT:-5678}
MAIN_BROKER_PORT=${N8N_RUNNERS_BROKER_PORT:-$((MAIN_PORT + 1))}
WEBHOOK_PORT=${CS_QUEUE_WEBHOOK_PORT:-5688}
WEBHOOK_BROKER_PORT=${CS_QUEUE_WEBHOOK_BROKER_PORT:-$((WEBHOOK_PORT + 1))}
WORKERS=${CS_QUEUE_WORKERS:-2}
[[ "$WORKERS" =~ ^[1-9][0-9]?$ ]] || fail "CS_QUEUE_WORKERS must be a number from 1 to 99 (got '$WORKERS')"
read -r -a WORKER_PORTS <<<"${CS_QUEUE_WORKER_PORTS:-}"
read -r -a WORKER_BROKER_PORTS <<<"${CS_QUEUE_WORKER_BROKER_PORTS:-}"
for ((i = ${#WORKER_PORTS[@]}; i < WORKERS; i++)); do WORKER_PORTS[i]=$((5691 + 2 * i)); done
for ((i = ${#WORKER_BROKER_PORTS[@]}; i < WORKERS; i++)); do WORKER_BROKER_PORTS[i]=$((WORKER_PORTS[i] + 1)); done
CONCURRENCY=${CS_QUEUE_WORKER_CONCURRENCY:-10}
READY_TIMEOUT=${CS_QUEUE_READY_TIMEOUT:-300}

# 1, 2: Redis and PostgreSQL answer (checked before anything is created); the database exists. n8n's own pg module,
# so no PostgreSQL client is needed.
pg_hint="Start PostgreSQL (on this project's machines: pg_ctlcluster --skip-systemctl-redirect \$(ls /etc/postgresql) main start) or point DB_POSTGRESDB_HOST, DB_POSTGRESDB_PORT, DB_POSTGRESDB_USER and DB_POSTGRESDB_PASSWORD at a running one."
redis_hint="Start Redis (on this project's machines: redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save \"\" --appendonly no --dir /var/lib/redis --logfile /var/log/redis/ci.log) or point QUEUE_BULL_REDIS_HOST and QUEUE_BULL_REDIS_PORT at a running one."
redis_ping() {
	local reply=''
	exec 3<>"/dev/tcp/$QUEUE_BULL_REDIS_HOST/$QUEUE_BULL_REDIS_PORT" || return 1
	printf 'PING\r\n' >&3
	read -r -t 5 reply <&3 || true
	exec 3>&-
	[[ "$reply" == +PONG* || "$reply" == -NOAUTH* ]]
}
if ! redis_ping 2>/dev/null; then
	fail "Redis is not reachable at $QUEUE_BULL_REDIS_HOST:$QUEUE_BULL_REDIS_PORT. $redis_hint"
fi
if ! created=$(PATH="$(cs_path_with_node24)" node -e '
	const { Client } = require(process.argv[1]);
	const database = process.argv[2];
	const client = new Client({ host: process.env.DB_POSTGRESDB_HOST, port: Number(process.env.DB_POSTGRESDB_PORT),
		user: process.env.DB_POSTGRESDB_USER, password: process.env.DB_POSTGRESDB_PASSWORD, database: "postgres",
		connectionTimeoutMillis: 5000 });
	(async () => {
		await client.connect();
		const { rowCount } = await client.query("select 1 from pg_database where datname = $1", [database]);
		if (rowCount === 0) await client.query(`create database "${database}"`);
		await client.end();
		process.stdout.write(rowCount === 0 ? "created" : "exists");
	})().catch((error) => { console.error(error.message); process.exit(1); });
' "$CS_N8N_DIR/node_modules/pg" "$DB_POSTGRESDB_DATABASE" 2>"$RUN_DIR/postgres-check.log"); then
	fail "PostgreSQL is not reachable at $DB_POSTGRESDB_HOST:$DB_POSTGRESDB_PORT as user $DB_POSTGRESDB_USER ($(head -c 300 "$RUN_DIR/postgres-check.log")). $pg_hint"
fi
log "PostgreSQL $DB_POSTGRESDB_HOST:$DB_POSTGRESDB_PORT database $DB_POSTGRESDB_DATABASE ($created), Redis $QUEUE_BULL_REDIS_HOST:$QUEUE_BULL_REDIS_PORT"
if [[ "$created" == created ]]; then
	# start.sh records what it imported in the user folder; a new database has none of it.
	rm -rf "$USER_FOLDER/.n8n/cs-imported-templates" "$USER_FOLDER/.n8n/cs-demo-credentials"
fi

# 3: the package, the templates and the credentials, into the user folder and the database (start.sh's steps 1-6).
CS_START_PREPARE_ONLY=1 CS_N8N_LOCAL_FOLDER="$USER_FOLDER" bash scripts/start.sh

# 4: workflows to publish before start (n8n 2.x publishes from the CLI only while no process is running).
if [[ -n "${CS_QUEUE_PUBLISH_WORKFLOWS:-}" ]]; then
	read -r -a to_publish <<<"$CS_QUEUE_PUBLISH_WORKFLOWS"
	for file in "${to_publish[@]}"; do
		id=$(node -p 'const w = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")); if (typeof w.id !== "string") throw new Error("no id"); w.id' "$file") ||
			fail "$file: not a workflow with an \"id\""
		out=$(cs_n8n import:workflow --input="$file" 2>&1) || fail "n8n import:workflow --input=$file failed: $out"
		out=$(cs_n8n publish:workflow --id="$id" 2>&1) || fail "n8n publish:workflow --id=$id failed: $out"
		log "Published $(basename "$file") (workflow $id)"
	done
fi

# Every process must encrypt and decrypt credentials with the same key: the one n8n wrote into the shared folder.
if [[ -z "${N8N_ENCRYPTION_KEY:-}" ]]; then
	N8N_ENCRYPTION_KEY=$(node -p 'JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).encryptionKey' "$USER_FOLDER/.n8n/config") ||
		fail "no encryption key in $USER_FOLDER/.n8n/config"
	export N8N_ENCRYPTION_KEY
fi

# 5: the processes. Each leads its own process group (setsid), so stopping it also stops the task runners it forks.
declare -A PIDS=() NAMES=()
stopping=0
# Alive and not a zombie: a child that exited stays a zombie (and answers kill -0) until this script waits for it.
alive() { [[ -e "/proc/$1" ]] && ! grep -q '^State:[[:space:]]*Z' "/proc/$1/status" 2>/dev/null; }
start_process() {
	local name=$1
	shift
	printf '\n[start-queue %s] starting %s\n' "$(date -u +%FT%TZ)" "$name" >>"$RUN_DIR/$name.log"
	env PATH="$(cs_path_with_node24)" "$@" >>"$RUN_DIR/$name.log" 2>&1 </dev/null &
	PIDS[$name]=$!
	NAMES[$!]=$name
	echo "$!" >"$RUN_DIR/$name.pid"
}
start_main() {
	start_process main N8N_PORT="$MAIN_PORT" N8N_RUNNERS_BROKER_PORT="$MAIN_BROKER_PORT" setsid "$CS_N8N_BIN" start
}
start_webhook() {
	start_process webhook N8N_PORT="$WEBHOOK_PORT" N8N_RUNNERS_BROKER_PORT="$WEBHOOK_BROKER_PORT" setsid "$CS_N8N_BIN" webhook
}
start_worker() {
	local i=$1
	start_process "worker-$i" QUEUE_HEALTH_CHECK_ACTIVE=true QUEUE_HEALTH_CHECK_PORT="${WORKER_PORTS[i - 1]}" \
		N8N_RUNNERS_BROKER_PORT="${WORKER_BROKER_PORTS[i - 1]}" setsid "$CS_N8N_BIN" worker --concurrency="$CONCURRENCY"
}
stop_all() {
	stopping=1
	local name pid deadline
	for name in "${!PIDS[@]}"; do kill -TERM -- "-${PIDS[$name]}" 2>/dev/null || true; done
	[[ -n "${mail_sink:-}" ]] && kill "$mail_sink" 2>/dev/null || true
	# n8n drains running executions on TERM (N8N_GRACEFUL_SHUTDOWN_TIMEOUT, 30 s by default).
	deadline=$((SECONDS + ${CS_QUEUE_STOP_TIMEOUT:-45}))
	for name in "${!PIDS[@]}"; do
		pid=${PIDS[$name]}
		while alive "$pid" && ((SECONDS < deadline)); do sleep 0.2; done
	done
	for name in "${!PIDS[@]}"; do
		kill -KILL -- "-${PIDS[$name]}" 2>/dev/null || true
		rm -f "$RUN_DIR/$name.pid"
	done
	wait 2>/dev/null || true
	rm -f "$SUPERVISOR_PID_FILE" "$RUN_DIR/ready"
}
trap 'log "stopping"; stop_all; exit 130' INT
trap 'log "stopping"; stop_all; exit 143' TERM HUP

echo $$ >"$SUPERVISOR_PID_FILE"
rm -f "$RUN_DIR/ready"
if [[ "${CS_MAIL_SINK:-1}" != 0 ]]; then
	mkdir -p "$USER_FOLDER/mail"
	node scripts/mail-sink.js --smtp-port "${CS_MAIL_SMTP_PORT:-2525}" --http-port "${CS_MAIL_HTTP_PORT:-5680}" --dir "$USER_FOLDER/mail" &
	mail_sink=$!
fi

log "Starting n8n $CS_N8N_VERSION in queue mode: main, webhook process, $WORKERS worker(s); logs in $RUN_DIR"
start_main
start_webhook
for ((i = 1; i <= WORKERS; i++)); do start_worker "$i"; done

# 6: ready when every process answers its readiness check and the main has activated the published workflows.
http_status() {
	local port=$1 path=$2 line=''
	# In braces: a bare `exec ... 2>/dev/null` would silence this script's stderr for good.
	{ exec 4<>"/dev/tcp/127.0.0.1/$port"; } 2>/dev/null || return 1
	printf 'GET %s HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n' "$path" >&4
	read -r -t 5 line <&4 || true
	exec 4>&-
	[[ "$line" == "HTTP/1."?" 200"* ]]
}
deadline=$((SECONDS + READY_TIMEOUT))
while :; do
	for name in "${!PIDS[@]}"; do
		alive "${PIDS[$name]}" || {
			tail -n 40 "$RUN_DIR/$name.log" >&2
			log "$name exited during start-up (log above: $RUN_DIR/$name.log)"
			stop_all
			exit 1
		}
	done
	ready=1
	http_status "$MAIN_PORT" /healthz/readiness && grep -q 'Editor is now accessible via' "$RUN_DIR/main.log" || ready=0
	((ready)) && { http_status "$WEBHOOK_PORT" /healthz/readiness || ready=0; }
	for ((i = 0; ready && i < WORKERS; i++)); do http_status "${WORKER_PORTS[i]}" /healthz/readiness || ready=0; done
	((ready)) && break
	if ((SECONDS > deadline)); then
		log "not ready within $READY_TIMEOUT s; logs in $RUN_DIR"
		stop_all
		exit 1
	fi
	sleep 1
done
touch "$RUN_DIR/ready"
log "Editor and REST API: http://localhost:$MAIN_PORT (main)"
log "Production webhooks: http://localhost:$WEBHOOK_PORT/webhook/<path> (webhook process)"
for ((i = 1; i <= WORKERS; i++)); do log "worker-$i: health http://localhost:${WORKER_PORTS[i - 1]}/healthz, concurrency $CONCURRENCY"; done
[[ -n "${mail_sink:-}" ]] && log "Emails: http://localhost:${CS_MAIL_HTTP_PORT:-5680}. Webhook secret: $USER_FOLDER/cs-webhook-secret"
log "ready (Ctrl+C or 'bash scripts/start-queue.sh stop' stops everything)"

# Supervise: a worker that dies is started again; the main or the webhook process dying stops the cluster.
while :; do
	exited=''
	status=0
	wait -n -p exited || status=$?
	[[ -z "$exited" ]] && continue
	if [[ "$exited" == "${mail_sink:-}" ]]; then
		log "the mail sink exited (status $status; is port ${CS_MAIL_SMTP_PORT:-2525} or ${CS_MAIL_HTTP_PORT:-5680} in use?); n8n keeps running"
		continue
	fi
	name=${NAMES[$exited]:-}
	unset "NAMES[$exited]"
	[[ -z "$name" || "${PIDS[$name]:-}" != "$exited" ]] && continue
	# The rest of its process group (task runners) goes with it.
	kill -KILL -- "-$exited" 2>/dev/null || true
	if ((stopping)); then continue; fi
	if [[ "$name" == worker-* && "${CS_QUEUE_RESTART_WORKERS:-1}" != 0 ]]; then
		log "$name exited (status $status); starting it again"
		# A worker that cannot start at all must not be restarted in a tight loop.
		sleep 2
		start_worker "${name#worker-}"
		continue
	fi
	log "$name exited (status $status); stopping the cluster (log: $RUN_DIR/$name.log)"
	unset "PIDS[$name]"
	stop_all
	exit 1
done
