#!/usr/bin/env bash
# Makes sure the services the queue-mode tests need are up on 127.0.0.1: PostgreSQL (n8n's database) on 5432 and
# Redis (the queue) on 6379. Machines of this project's kind have both installed from Debian's packages and started
# at boot; this starts one that has stopped, the way the machine starts it, and fails with a clear message when a
# service is not installed at all.
set -euo pipefail

log() { printf '[ensure-services %s] %s\n' "$(date +%H:%M:%S)" "$*"; }

wait_for() {
	local what=$1 check=$2
	for _ in $(seq 1 30); do
		if eval "$check" >/dev/null 2>&1; then return 0; fi
		sleep 1
	done
	log "$what did not come up within 30 s"
	return 1
}

if pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then
	log "PostgreSQL is accepting connections on 127.0.0.1:5432"
elif command -v pg_ctlcluster >/dev/null 2>&1 && [[ -d /etc/postgresql ]]; then
	version=$(ls /etc/postgresql | sort -V | tail -n 1)
	log "starting PostgreSQL $version (pg_ctlcluster $version main start)"
	pg_ctlcluster --skip-systemctl-redirect "$version" main start
	wait_for PostgreSQL 'pg_isready -q -h 127.0.0.1 -p 5432'
else
	log "PostgreSQL is not running on 127.0.0.1:5432 and is not installed (Debian: apt-get install postgresql)"
	exit 1
fi

if redis-cli -h 127.0.0.1 -p 6379 ping 2>/dev/null | grep -q PONG; then
	log "Redis is answering on 127.0.0.1:6379"
elif command -v redis-server >/dev/null 2>&1; then
	log "starting Redis on 127.0.0.1:6379 (nothing kept on disk)"
	mkdir -p /var/lib/redis /var/log/redis
	redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no --dir /var/lib/redis --logfile /var/log/redis/ci.log
	wait_for Redis 'redis-cli -h 127.0.0.1 -p 6379 ping | grep -q PONG'
else
	log "Redis is not running on 127.0.0.1:6379 and is not installed (Debian: apt-get install redis-server)"
	exit 1
fi
