#!/usr/bin/env bash
# Real clients nobody here wrote, against ws-local on this project's template:
# wscat (npm) for the WebSocket side, the AWS CLI for @connections (post, get, delete, then 410).
# Needs a built project (mvn package); installs wscat into a scratch folder itself.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
jar=ws-local/target/ws-local.jar
[ -f "$jar" ] || { echo "client-check: $jar is missing: build first (mvn -DskipTests package)" >&2; exit 2; }

work="$(mktemp -d)"
pid=""
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; wait 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

free_port() { python3 "$root/.ci/free-port.py" "$@"; } # below the ephemeral range, and none of its arguments

fail() { echo "client-check: FAILED: $*" >&2; echo "--- ws-local log ---" >&2; tail -40 "$work/ws-local.log" >&2; exit 1; }

npm install --silent --no-audit --no-fund --prefix "$work/npm" wscat@6.1.0 >/dev/null
wscat="$work/npm/node_modules/.bin/wscat"

port=$(free_port)
java -jar "$jar" --port "$port" > "$work/ws-local.log" 2>&1 &
pid=$!
for _ in $(seq 1 120); do grep -q '^Ready' "$work/ws-local.log" && break; kill -0 "$pid" 2>/dev/null || fail "ws-local exited"; sleep 0.5; done
grep -q '^Ready' "$work/ws-local.log" || fail "ws-local not ready within 60 s"
url="ws://127.0.0.1:$port/dev"
api="http://127.0.0.1:$port/dev"
passed=0

# wscat reads commands from a terminal and quits when standard input closes: keep it open with sleep.
out=$( (sleep 15 | timeout 60 "$wscat" -c "$url" -w 8 -x '{"action":"echo","data":"hi"}' -x 'hello') 2>&1 ) || true
grep -qx 'hi' <<<"$out" || fail "wscat echo: expected 'hi', got: $out"
grep -q '"message":"the message is not JSON' <<<"$out" || fail "wscat \$default: got: $out"
passed=$((passed + 1)); echo "client-check: wscat echo and \$default ok"

# A held-open wscat session; its connection id from ws-local's connection log line.
(sleep 30 | timeout 60 "$wscat" -c "$url" -w 25 -x '{"action":"echo","data":"ready"}' > "$work/wscat.out" 2>&1) &
for _ in $(seq 1 60); do grep -qx 'ready' "$work/wscat.out" 2>/dev/null && break; sleep 0.5; done
grep -qx 'ready' "$work/wscat.out" || fail "held wscat session did not connect"
id=$(grep -oE '(^| )connect connectionId=[^ ]*' "$work/ws-local.log" | tail -1 | cut -d= -f2-)
[ -n "$id" ] || fail "no connection id in the ws-local log"

export AWS_ACCESS_KEY_ID=local AWS_SECRET_ACCESS_KEY=local AWS_DEFAULT_REGION=us-east-1 AWS_PAGER=""
cli=(aws apigatewaymanagementapi --endpoint-url "$api")
"${cli[@]}" post-to-connection --connection-id="$id" --data 'from-cli'
for _ in $(seq 1 20); do grep -qx 'from-cli' "$work/wscat.out" && break; sleep 0.25; done
grep -qx 'from-cli' "$work/wscat.out" || fail "post-to-connection did not reach wscat: $(cat "$work/wscat.out")"
passed=$((passed + 1)); echo "client-check: aws post-to-connection ok"

info=$("${cli[@]}" get-connection --connection-id="$id")
python3 -c 'import json,sys; d=json.loads(sys.argv[1]); assert d["Identity"]["SourceIp"]=="127.0.0.1" and d["ConnectedAt"] and d["LastActiveAt"], d' "$info" \
  || fail "get-connection: $info"
passed=$((passed + 1)); echo "client-check: aws get-connection ok"

"${cli[@]}" delete-connection --connection-id="$id"
if err=$("${cli[@]}" post-to-connection --connection-id="$id" --data 'late' 2>&1); then
  fail "post after delete-connection succeeded"
fi
grep -q 'GoneException' <<<"$err" || fail "post after delete: expected GoneException, got: $err"
passed=$((passed + 1)); echo "client-check: aws delete-connection, then GoneException ok"

# The CLI (and the echo function's SDK) sign for execute-api in ws-local's region: no signing warning may show.
! grep -q 'WARNING @connections' "$work/ws-local.log" \
  || fail "ws-local warned of a correctly signed @connections request: $(grep -A1 'WARNING @connections' "$work/ws-local.log")"
passed=$((passed + 1)); echo "client-check: no @connections signing warning for the AWS CLI"

for _ in $(seq 1 40); do grep -q "disconnect connectionId=$id .*status=1000" "$work/ws-local.log" && break; sleep 0.25; done
grep -q "disconnect connectionId=$id .*status=1000" "$work/ws-local.log" || fail "no \$disconnect with 1000 after delete-connection"
passed=$((passed + 1)); echo "client-check: \$disconnect ran with 1000"

# Sign-in, the README's way: ws-local with AuthIssuer at its own /@issuer, a token from `ws-local.jar token`.
kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null || true
port=$(free_port)
keys="$work/issuer-keys"
java -jar "$jar" --port "$port" --issuer-keys "$keys" \
    --parameter-overrides "AuthIssuer=http://127.0.0.1:$port/@issuer,AuthAudience=ws-local" > "$work/ws-local.log" 2>&1 &
pid=$!
for _ in $(seq 1 120); do grep -q '^Ready' "$work/ws-local.log" && break; kill -0 "$pid" 2>/dev/null || fail "ws-local exited"; sleep 0.5; done
grep -q '^Ready' "$work/ws-local.log" || fail "ws-local with sign-in not ready within 60 s"
grep -q 'Sign-in        on' "$work/ws-local.log" || fail "the banner does not say sign-in is on"
url="ws://127.0.0.1:$port/dev"
token=$(java -jar "$jar" token --name ana --port "$port" --issuer-keys "$keys" 2>/dev/null)
[ -n "$token" ] || fail "ws-local.jar token printed no token"

out=$( (sleep 15 | timeout 60 "$wscat" -c "$url?token=$token" -w 8 -x '{"action":"echo","data":"signed-in"}') 2>&1 ) || true
grep -qx 'signed-in' <<<"$out" || fail "wscat with ?token=: expected 'signed-in', got: $out"
out=$( (sleep 15 | timeout 60 "$wscat" -s chat -s "$token" -c "$url" -w 8 -x '{"action":"echo","data":"browser-way"}') 2>&1 ) || true
grep -qx 'browser-way' <<<"$out" || fail "wscat with the subprotocols chat + token: got: $out"
out=$( (sleep 5 | timeout 30 "$wscat" -c "$url") 2>&1 ) || true
grep -q '401' <<<"$out" || fail "wscat without a token: expected a 401, got: $out"
passed=$((passed + 1)); echo "client-check: sign-in with a token of ws-local's issuer (query and subprotocol), 401 without"

echo "client-check: $passed passed, 0 failed"
