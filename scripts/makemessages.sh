#!/usr/bin/env bash
# Update the translation catalogues: each app's own (dialogwerk/<app>/locale) and the project's
# (dialogwerk/locale: base templates and settings). Every language a catalogue already has is updated;
# new strings arrive untranslated, and tests/test_translations.py fails until German is filled in.
# Usage: scripts/makemessages.sh [app ...]   (default: every app with a locale folder, and the project)
#        LOCALE=de scripts/makemessages.sh   updates one language only
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=$PWD/.venv/bin
apps=("$@")
if [ -n "${LOCALE:-}" ]; then languages=(-l "$LOCALE"); else languages=(-a); fi
if [ ${#apps[@]} -eq 0 ]; then
  for dir in dialogwerk/*/locale; do apps+=("$(basename "$(dirname "$dir")")"); done
  apps+=(project)
fi
for app in "${apps[@]}"; do
  if [ "$app" = project ]; then
    ignores=()
    for dir in dialogwerk/*/locale; do ignores+=("--ignore=$(dirname "$dir")/*"); done
    "$BIN/dialogwerk" makemessages "${languages[@]}" --no-obsolete --ignore=.venv --ignore=node_modules --ignore=tests \
      --ignore=bench --ignore=docs --ignore=var "${ignores[@]}" -v0
  else
    (cd "dialogwerk/$app" && "$BIN/dialogwerk" makemessages "${languages[@]}" --no-obsolete -v0)
  fi
done
