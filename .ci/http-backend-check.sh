#!/usr/bin/env bash
# The "Use your own HTTP backend" flow with real clients: ws-local on http-backend/template.yaml (HTTP and
# HTTP_PROXY integrations), http-backend.jar behind it, two wscat clients and the AWS CLI on DynamoDB Local.
# A message one client sends reaches both; whoami answers its sender; closing a client removes its record.
# Needs a built project (mvn -DskipTests package); installs wscat into a scratch folder itself.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
for jar in ws-local/target/ws-local.jar http-backend/target/http-backend.jar; do
  [ -f "$jar" ] || { echo "http-backend-check: $jar is missing: build first (mvn -DskipTests package)" >&2; exit 2; }
done

work="$(mktemp -d)"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

fail() {
  echo "http-backend-check: FAILED: $*" >&2
  for log in ws-local backend client1 client2; do
    [ -f "$work/$log.log" ] && { echo "--- $log ---" >&2; tail -30 "$work/$log.log" >&2; }
  done
  exit 1
}
free_port() { python3 "$root/.ci/free-port.py" "$@"; } # below the ephemeral range, and none of its arguments
await() { # await <seconds> <description> <command...>
  local seconds=$1 what=$2; shift 2
  for _ in $(seq 1 $((seconds * 4))); do "$@" && return 0; sleep 0.25; done
  fail "$what (waited $seconds s)"
}

npm install --silent --no-audit --no-fund --prefix "$work/npm" wscat@6.1.0 >/dev/null
wscat="$work/npm/node_modules/.bin/wscat"

api_port=$(free_port); dynamo_port=$(free_port "$api_port"); backend_port=$(free_port "$api_port" "$dynamo_port")
url="ws://127.0.0.1:$api_port/dev"

running_and_said() { # running_and_said <pid> <what> <pattern> <log>: the line is there; a process that ended fails
  grep -q "$3" "$4" && return 0
  kill -0 "$1" 2>/dev/null || fail "$2 ended"
  return 1
}

java -jar ws-local/target/ws-local.jar --template http-backend/template.yaml --port "$api_port" \
  --dynamodb-port "$dynamo_port" --parameter-overrides "BackendUrl=http://127.0.0.1:$backend_port" \
  > "$work/ws-local.log" 2>&1 &
ws_local=$!; pids+=($ws_local)
java -jar http-backend/target/http-backend.jar --port "$backend_port" \
  --connections-endpoint "http://127.0.0.1:$api_port/dev" --dynamodb-endpoint "http://127.0.0.1:$dynamo_port" \
  > "$work/backend.log" 2>&1 &
backend=$!; pids+=($backend)
await 60 "ws-local ready" running_and_said "$ws_local" ws-local '^Ready' "$work/ws-local.log"
await 60 "http-backend listening" running_and_said "$backend" http-backend 'listening on' "$work/backend.log"

# Client 1 stays connected; its whoami reply says it is in and gives its id.
(sleep 40 | timeout 60 "$wscat" -c "$url" -w 35 -x '{"action":"whoami"}' > "$work/client1.log" 2>&1) &
pids+=($!)
await 30 "client 1's whoami reply" grep -q '"type":"whoami"' "$work/client1.log"
id1=$(grep -o '"connectionId":"[^"]*"' "$work/client1.log" | head -1 | cut -d'"' -f4)

# Client 2 sends a plain-text frame ($default, HTTP), a sendmessage (HTTP_PROXY) and whoami, then leaves.
(sleep 10 | timeout 30 "$wscat" -c "$url" -w 4 -x 'hello' -x '{"action":"sendmessage","data":{"n":1}}' \
  -x '{"action":"whoami"}' > "$work/client2.log" 2>&1) || true
id2=$(grep -o '"type":"whoami","connectionId":"[^"]*"' "$work/client2.log" | head -1 | cut -d'"' -f8)
[ -n "$id2" ] || fail "client 2 got no whoami reply"
[ "$id1" != "$id2" ] || fail "both clients got the same connection id"

for client in client1 client2; do
  grep -q "\"from\":\"$id2\",\"data\":\"hello\"" "$work/$client.log" || fail "$client did not get 'hello' from $id2"
  grep -q "\"from\":\"$id2\",\"data\":{\"n\":1}" "$work/$client.log" || fail "$client did not get the sendmessage"
done
echo "http-backend-check: a message reaches both clients (\$default over HTTP, sendmessage over HTTP_PROXY)"
echo "http-backend-check: whoami answers its sender"

await 20 "the backend's disconnect of client 2" grep -q "disconnected $id2" "$work/backend.log"
export AWS_ACCESS_KEY_ID=local AWS_SECRET_ACCESS_KEY=local AWS_DEFAULT_REGION=us-east-1 AWS_PAGER=""
ids=$(aws dynamodb scan --endpoint-url "http://127.0.0.1:$dynamo_port" \
  --table-name http-backend-ConnectionsTable-LOCAL --query 'Items[].connectionId.S' --output text)
[ "$ids" = "$id1" ] || fail "the table should hold only client 1 ($id1), holds: $ids"
echo "http-backend-check: closing a client removes its record"

# The backend signs its @connections posts for execute-api in ws-local's region (us-east-1): no signing warning.
! grep -q 'WARNING @connections' "$work/ws-local.log" \
  || fail "ws-local warned of the backend's @connections signing: $(grep -A1 'WARNING @connections' "$work/ws-local.log")"
echo "http-backend-check: the backend's @connections posts are signed as AWS wants them"
