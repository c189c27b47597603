#!/usr/bin/env bash
# Proves the root Makefile builds every function the way `sam build` runs BuildMethod makefile:
# the project root (git-tracked files only) is copied to a scratch folder, and there
# `make --makefile <original Makefile> build-<LogicalId>` runs with a fresh ARTIFACTS_DIR.
# Each artifact must hold its handler class, lib/aws-lambda-java-core-*.jar, and no SDK HTTP
# client other than url-connection-client (no apache-client, netty-nio-client or netty jars).
# The functions are read from template.yaml (resources with Metadata BuildMethod: makefile).
#
# Usage: .ci/sam-build-check.sh        (KEEP_WORKDIR=1 keeps the scratch folder for inspection)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
template="$root/template.yaml"

fail_setup() { echo "sam-build-check: $*" >&2; exit 2; }
for tool in git make mvn python3; do
  command -v "$tool" >/dev/null 2>&1 || fail_setup "'$tool' is not on PATH"
done
[ -f "$template" ] || fail_setup "no template at $template"
[ -f "$root/Makefile" ] || fail_setup "no Makefile at $root/Makefile"

# One line per function: LogicalId <TAB> Handler.
functions="$(python3 - "$template" <<'PY'
import sys
try:
    import yaml
except ImportError:
    sys.exit("sam-build-check: python3 needs PyYAML to read template.yaml (pip install pyyaml)")

class TemplateLoader(yaml.SafeLoader):
    pass

def any_tag(loader, suffix, node):
    # !Sub, !Ref, ...: keep the plain value; only literal properties matter here.
    if isinstance(node, yaml.ScalarNode):
        return loader.construct_scalar(node)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node, deep=True)
    return loader.construct_mapping(node, deep=True)

TemplateLoader.add_multi_constructor("!", any_tag)
with open(sys.argv[1], encoding="utf-8") as f:
    doc = yaml.load(f, Loader=TemplateLoader)

global_function = ((doc.get("Globals") or {}).get("Function") or {})
found = 0
for logical_id, resource in (doc.get("Resources") or {}).items():
    if resource.get("Type") != "AWS::Serverless::Function":
        continue
    if (resource.get("Metadata") or {}).get("BuildMethod") != "makefile":
        continue
    handler = (resource.get("Properties") or {}).get("Handler") or global_function.get("Handler")
    if not isinstance(handler, str) or not handler:
        sys.exit(f"sam-build-check: {logical_id} has no literal Handler in template.yaml")
    print(f"{logical_id}\t{handler}")
    found += 1
if not found:
    sys.exit("sam-build-check: template.yaml has no AWS::Serverless::Function with Metadata BuildMethod: makefile")
PY
)" || exit 2

work="$(mktemp -d "${TMPDIR:-/tmp}/sam-build-check.XXXXXX")"
if [ "${KEEP_WORKDIR:-0}" = "1" ]; then
  echo "sam-build-check: keeping $work"
else
  trap 'rm -rf "$work"' EXIT
fi

# The project root as a fresh checkout would have it: tracked files, no target/ leftovers.
src="$work/project"
mkdir -p "$src"
copied=0
while IFS= read -r -d '' file; do
  [ -e "$root/$file" ] || [ -L "$root/$file" ] || continue   # tracked but deleted in the work tree
  mkdir -p "$src/$(dirname "$file")"
  cp -P -p "$root/$file" "$src/$file"
  copied=$((copied + 1))
done < <(git -C "$root" ls-files -z --cached)
[ "$copied" -gt 0 ] || fail_setup "git ls-files listed no files in $root"

passed=0
failed=0
while IFS=$'\t' read -r logical_id handler; do
  artifacts="$work/artifacts-$logical_id"
  mkdir -p "$artifacts"
  log="$work/build-$logical_id.log"
  problems=()

  if ! (cd "$src" && ARTIFACTS_DIR="$artifacts" make --makefile "$root/Makefile" "build-$logical_id") </dev/null >"$log" 2>&1; then
    problems+=("make build-$logical_id failed (last lines below)")
  else
    class_file="${handler%%::*}"
    class_file="${class_file//.//}.class"
    [ -f "$artifacts/$class_file" ] || problems+=("handler class missing: $class_file (Handler $handler)")

    if [ ! -d "$artifacts/lib" ]; then
      problems+=("no lib/ folder")
    elif ! compgen -G "$artifacts/lib/aws-lambda-java-core-*.jar" >/dev/null; then
      problems+=("lib/ has no aws-lambda-java-core-*.jar")
    fi

    while IFS= read -r -d '' jar; do
      case "$(basename "$jar")" in
        apache-client*|netty-nio-client*|netty-*)
          problems+=("forbidden HTTP client jar: ${jar#"$artifacts"/}") ;;
      esac
    done < <(find "$artifacts" -name '*.jar' -print0)
  fi

  if [ "${#problems[@]}" -eq 0 ]; then
    echo "PASS $logical_id ($handler)"
    passed=$((passed + 1))
  else
    echo "FAIL $logical_id ($handler)"
    for problem in "${problems[@]}"; do echo "  - $problem"; done
    if [[ "${problems[0]}" == make* ]]; then tail -n 30 "$log" | sed -e $'s/\x1b\[[0-9;]*m//g' -e 's/^/    | /'; fi
    failed=$((failed + 1))
  fi
done <<<"$functions"

echo "sam-build-check: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
