#!/usr/bin/env bash
# Cross-compiles the Windows CLI and, where Wine is installed, runs it the
# way a Windows user would: version, the demo data, a plan report (PDF), a
# team export (XLSX and CSV) and an assessment export, each checked. Where
# Wine is missing the run is skipped with a message (the build still has
# to succeed). Called by scripts/test.sh; KEEP=1 keeps the folder.
#
# Go 1.24 and later call ProcessPrng in bcryptprimitives.dll, which real
# Windows 10 and 11 have but Wine 8 (Debian 12's) lacks; for such a Wine
# this script builds a small stand-in DLL into the throwaway Wine prefix,
# never shipped, that answers from the system random generator.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v go >/dev/null 2>&1 || export PATH="/usr/local/go/bin:$PATH"

work=$(mktemp -d)
if [ "${KEEP:-}" = 1 ]; then echo "keeping $work"; else trap 'rm -rf "$work"' EXIT; fi
GOOS=windows GOARCH=amd64 CGO_ENABLED=0 go build -o "$work/gapwise-cli.exe" ./cmd/gapwise-cli

wine=$(command -v wine64 || command -v wine || true)
[ -z "$wine" ] && [ -x /usr/lib/wine/wine64 ] && wine=/usr/lib/wine/wine64
if [ -z "$wine" ]; then
  echo "wine-smoke: Wine is not installed: the Windows CLI was built but not run (apt-get install wine64 to run it)"
  exit 0
fi

export WINEPREFIX="$work/prefix" WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml=" DISPLAY=
major=$("$wine" --version 2>/dev/null | sed -n 's/^wine-\([0-9]*\).*/\1/p')
if [ "${major:-0}" -lt 9 ]; then
  command -v x86_64-w64-mingw32-gcc >/dev/null 2>&1 || { echo "wine-smoke: Wine ${major:-?} needs a bcryptprimitives.dll stand-in, which needs mingw-w64 (scripts/setup.sh)"; exit 1; }
  cat >"$work/bcryptprimitives.c" <<'C'
#include <windows.h>
/* RtlGenRandom, exported by advapi32 as SystemFunction036. */
BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);
__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length) {
  while (length > 0) {
    ULONG n = length > 0x40000000 ? 0x40000000 : (ULONG)length;
    if (!SystemFunction036(data, n)) return FALSE;
    data += n;
    length -= n;
  }
  return TRUE;
}
C
  x86_64-w64-mingw32-gcc -shared -O2 -o "$work/bcryptprimitives.dll" "$work/bcryptprimitives.c" -ladvapi32
fi

cd "$work"
"$wine" wineboot -i >/dev/null 2>&1 || true
if [ -e bcryptprimitives.dll ]; then
  # Go loads it from System32 only, so it goes into the test prefix there.
  cp bcryptprimitives.dll "$WINEPREFIX/drive_c/windows/system32/"
fi
cli() { "$wine" gapwise-cli.exe --db smoke.db "$@" 2>&1 | tr -d '\r'; }
check() { # check WHAT OUTPUT PATTERN
  if ! grep -q -- "$3" <<<"$2"; then echo "wine-smoke: $1: expected /$3/, got:"; echo "$2"; exit 1; fi
  echo "wine-smoke: $1: ok"
}
check version "$(cli version)" '^Gapwise [0-9]'
check demo "$(cli demo)" 'Created sample data'
check "plan report" "$(cli report plan --person 'Alex Sample (fictional)' --out plan.pdf)" 'Report written'
head -c 5 plan.pdf | grep -q '%PDF-' || { echo "wine-smoke: plan.pdf is not a PDF"; exit 1; }
team='Sample digital health team (fictional)'
check "team export xlsx" "$(cli team export --team "$team" --xlsx team.xlsx)" 'Written'
# Listed to a file first: grep -q stops reading early, and under pipefail
# unzip's broken pipe would fail the check at random.
unzip -l team.xlsx >xlsx-list.txt 2>&1 || true
grep -q 'xl/workbook.xml' xlsx-list.txt || { echo "wine-smoke: team.xlsx is not a workbook"; cat xlsx-list.txt; exit 1; }
check "team export csv" "$(cli team export --team "$team" --workshop --csv team.csv)" 'Written'
head -c 3 team.csv | od -An -tx1 | grep -q 'ef bb bf' || { echo "wine-smoke: team.csv has no UTF-8 byte-order mark"; exit 1; }
id=$(cli people list | awk '/Alex Sample/ { print $1; exit }')
check "people list" "$id" '^[0-9a-f-]\{36\}$'
check "a refused command exits 1" "$(cli report plan --person nobody --out x.pdf; echo "exit $?")" 'exit 1'
echo "wine-smoke: the Windows CLI ran under $("$wine" --version)"
