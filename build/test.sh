#!/usr/bin/env bash
# The test command: starts the real services, builds once in Release, runs every test project of Tasks.sln,
# checks the house rules (`dotnet format --verify-no-changes`), prints a closing line "N passed, N failed, N skipped",
# stops the services (even on failure).
#   build/test.sh                      everything
#   build/test.sh --filter EXPR        passes a dotnet test filter to every project (e.g. FullyQualifiedName~Registry)
#   IMAGEROLL_TEST_PROJECTS="Core"     only projects whose name contains one of these words
#   IMAGEROLL_SKIP_NATIVE=1            do not build the native AOT tool (its tests are then skipped)
set -uo pipefail
top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$top"

results="$top/artifacts/test-results"
rm -rf "$results"; mkdir -p "$results"

cleanup() { build/services.sh stop || true; }
trap cleanup EXIT

if ! build/services.sh start registry docker; then
  echo "test.sh: the test services did not start" >&2
  exit 1
fi

if ! dotnet build Tasks.sln -c Release -nologo -clp:ErrorsOnly; then
  echo "test.sh: the build failed" >&2
  exit 1
fi

# House rules (.editorconfig): layout and the `warning` style rules (field names, usings, namespaces). The analyzers
# pass of `dotnet format` is left out: the Release build above already fails on every analyzer warning.
# IMAGEROLL_SKIP_FORMAT=1 skips it (for a quick targeted run while developing; CI never sets it).
if [ -z "${IMAGEROLL_SKIP_FORMAT:-}" ]; then
  format_start=$SECONDS
  if ! dotnet format whitespace Tasks.sln --verify-no-changes --no-restore -v q \
    || ! dotnet format style Tasks.sln --verify-no-changes --no-restore -v q; then
    echo "test.sh: the code breaks the house rules of .editorconfig (above: file, line, rule)." >&2
    echo "test.sh: fix it with 'dotnet format Tasks.sln' (field names: build/house-rules.sh), then commit." >&2
    exit 1
  fi
  echo "test.sh: house rules checked in $((SECONDS - format_start))s" >&2
fi

projects=$(ls tests/*/*Tests.csproj)
if [ -n "${IMAGEROLL_TEST_PROJECTS:-}" ]; then
  projects=$(for p in $projects; do for w in $IMAGEROLL_TEST_PROJECTS; do case "$p" in *"$w"*) echo "$p";; esac; done; done | sort -u)
fi

# The native AOT tool as users install it (ImageRoll.Tool.Native: packed, then `dotnet tool install`ed from the
# package), for the integration tests that run it (CliHost.Native). About a minute on 2 cores; IMAGEROLL_NATIVE_BIN
# set to an installed binary skips it, and so does IMAGEROLL_SKIP_NATIVE=1 (those tests then say they were skipped;
# under CI=true they fail instead).
case "$projects" in
  *IntegrationTests*)
    if [ -z "${IMAGEROLL_NATIVE_BIN:-}" ] && [ -z "${IMAGEROLL_SKIP_NATIVE:-}" ]; then
      native_start=$SECONDS
      if ! IMAGEROLL_NATIVE_BIN=$(build/native.sh --install); then
        echo "test.sh: the native AOT tool did not build or install (build/native.sh --install, above)" >&2
        exit 1
      fi
      export IMAGEROLL_NATIVE_BIN
      echo "test.sh: native AOT tool installed in $((SECONDS - native_start))s: $IMAGEROLL_NATIVE_BIN" >&2
    fi ;;
esac

status=0
for proj in $projects; do
  name=$(basename "$proj" .csproj)
  echo "test.sh: running $name" >&2
  dotnet test "$proj" -c Release --no-build -nologo \
    --logger "trx;LogFileName=$name.trx" --logger "console;verbosity=normal" \
    --results-directory "$results" "$@" || status=1
done

passed=0; failed=0; skipped=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  line=$(grep -o '<Counters [^>]*>' "$trx" | head -n1)
  get() { echo "$line" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*'; }
  p=$(get passed); f=$(get failed); e=$(get error); t=$(get timeout); total=$(get total); executed=$(get executed)
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0} + ${e:-0} + ${t:-0}))
  # xunit.v3 reports a skipped test as NotExecuted in the results but not in the counters: total - executed.
  skipped=$((skipped + ${total:-0} - ${executed:-0}))
done
if [ "$failed" -gt 0 ]; then
  echo "Failed tests:"; grep -ho 'testName="[^"]*" [^>]*outcome="Failed"' "$results"/*.trx | sed 's/ .*//; s/testName=/  /' || true
fi
if [ "$skipped" -gt 0 ]; then
  echo "Skipped tests (the reason is in the test output above):"
  grep -ho 'testName="[^"]*" [^>]*outcome="NotExecuted"' "$results"/*.trx | sed 's/ .*//; s/testName=/  /' || true
fi
[ "$passed" -eq 0 ] && status=1
echo "$passed passed, $failed failed, $skipped skipped"
exit $status
