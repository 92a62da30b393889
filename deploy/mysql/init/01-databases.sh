# Sourced (not executed) by the mysql:8.4 image's entrypoint on the FIRST start only (empty data directory),
# after the root password is set. Creates one database and one user per service, and the Nacos database/user.
# The Nacos tables are loaded by the one-shot `nacos-db-init` compose service from the schema shipped inside the
# pinned Nacos image (/home/nacos/conf/mysql-schema.sql), so the schema always matches the server version.
#
# Each user may only touch its own database (the services never join across databases: docs/DEVELOPING.md).

sql_quote() { printf "%s" "$1" | sed "s/'/''/g"; }

create_db_and_user() {
  local db="$1" user="$2" password="$3"
  if [ -z "$password" ]; then
    echo "01-databases.sh: no password for $user (set it in deploy/.env)" >&2
    exit 1
  fi
  docker_process_sql --database=mysql <<SQL
CREATE DATABASE IF NOT EXISTS \`$db\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
CREATE USER IF NOT EXISTS '$user'@'%' IDENTIFIED BY '$(sql_quote "$password")';
GRANT ALL PRIVILEGES ON \`$db\`.* TO '$user'@'%';
SQL
  echo "01-databases.sh: database $db, user $user"
}

create_db_and_user department_service department "${DEPARTMENT_DB_PASSWORD:-}"
create_db_and_user proposal_service proposal "${PROPOSAL_DB_PASSWORD:-}"
create_db_and_user statistics_service statistics "${STATISTICS_DB_PASSWORD:-}"
create_db_and_user notification_service notification "${NOTIFICATION_DB_PASSWORD:-}"
create_db_and_user nacos nacos "${NACOS_DB_PASSWORD:-}"

# a read-only account for backups (mysqldump --single-transaction needs SELECT, SHOW VIEW, TRIGGER, EVENT,
# PROCESS for the tablespaces note, and RELOAD is not needed with --single-transaction on InnoDB)
if [ -n "${BACKUP_DB_PASSWORD:-}" ]; then
  docker_process_sql --database=mysql <<SQL
CREATE USER IF NOT EXISTS 'backup'@'%' IDENTIFIED BY '$(sql_quote "$BACKUP_DB_PASSWORD")';
GRANT SELECT, SHOW VIEW, TRIGGER, EVENT, LOCK TABLES, PROCESS ON *.* TO 'backup'@'%';
SQL
  echo "01-databases.sh: user backup (read-only)"
fi
