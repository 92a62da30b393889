#!/usr/bin/env bash
# Fault drill (issue 10): DatabaseDrill. Prints DRILL ... PASS|FAIL with figures; see run-drill.sh for settings.
exec "$(dirname "${BASH_SOURCE[0]}")/run-drill.sh" DatabaseDrill "$@"
