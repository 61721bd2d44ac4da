# shellcheck shell=bash
# Source this file (". scripts/java25.sh") to get JAVA_HOME and PATH pointing at a JDK 25 or newer.
# Keeps JAVA_HOME if it already is a JDK 25+; otherwise picks the newest JDK 25+ under /usr/lib/jvm.

# Prints the version (e.g. 25.0.3) of the JDK at $1, or nothing if $1 is not a JDK.
_asyncio4j_jdk_version() {
  local home=$1 v=""
  if [ ! -x "$home/bin/java" ] || [ ! -x "$home/bin/javac" ]; then
    return 0
  fi
  if [ -r "$home/release" ]; then
    v=$(sed -n 's/^JAVA_VERSION="\([0-9][0-9.]*\).*/\1/p' "$home/release" | head -n 1)
  fi
  if [ -z "$v" ]; then
    v=$("$home/bin/java" -version 2>&1 | sed -n '1s/^[^"]*"\([0-9][0-9.]*\).*/\1/p')
  fi
  printf '%s' "$v"
}

# Prints the home of a JDK 25+: $JAVA_HOME if it is one, else the newest under /usr/lib/jvm.
_asyncio4j_find_jdk25() {
  local d v
  if [ -n "${JAVA_HOME:-}" ]; then
    v=$(_asyncio4j_jdk_version "$JAVA_HOME")
    if [ -n "$v" ] && [ "${v%%.*}" -ge 25 ]; then
      printf '%s' "$JAVA_HOME"
      return 0
    fi
  fi
  for d in /usr/lib/jvm/*/; do
    d=${d%/}
    v=$(_asyncio4j_jdk_version "$d")
    if [ -n "$v" ] && [ "${v%%.*}" -ge 25 ]; then
      printf '%s %s\n' "$v" "$d"
    fi
  done | sort -V | tail -n 1 | cut -d' ' -f2-
}

_asyncio4j_jdk=$(_asyncio4j_find_jdk25)
unset -f _asyncio4j_jdk_version _asyncio4j_find_jdk25
if [ -z "$_asyncio4j_jdk" ]; then
  unset _asyncio4j_jdk
  echo "asyncio4j needs a JDK 25 or newer: install one under /usr/lib/jvm (e.g. apt-get install temurin-25-jdk) or set JAVA_HOME" >&2
  # shellcheck disable=SC2317
  return 1 2>/dev/null || exit 1
fi
export JAVA_HOME=$_asyncio4j_jdk
export PATH="$JAVA_HOME/bin:$PATH"
unset _asyncio4j_jdk
