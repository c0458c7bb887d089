#!/usr/bin/env bash
# Brings the code to the house rules of .editorconfig, mechanically (docs/architecture.md, "House rules"):
#   1. field names: build/tools/HouseRules renames every field that breaks the naming rule, with Roslyn's Renamer
#      (the declaration and every use; `dotnet format` cannot fix IDE1006 across a solution);
#   2. `dotnet format Tasks.sln`: whitespace, using order and the other `warning` rules.
# Re-run it after a rebase; build/test.sh checks the result with `dotnet format Tasks.sln --verify-no-changes`.
set -euo pipefail
top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$top"
dotnet run --project build/tools/HouseRules -c Release -- fields Tasks.sln
dotnet format Tasks.sln --no-restore
