#!/bin/sh
# Prints the home of a JDK 21 or newer: JAVA_HOME when it is one, else the newest under
# /usr/lib/jvm (or $ZK_ASYNC_JVM_DIR). Exits 1 with a clear message when there is none.
# Sourced by ./mvnw and .ci/run so that neither depends on the machine's default java.

zk_java_major() {
  # "openjdk version "25.0.3"" / "17.0.15" / "1.8.0_402" -> 25 / 17 / 8
  "$1/bin/java" -XshowSettings:properties -version 2>&1 |
    sed -n 's/^ *java\.specification\.version = //p' | sed 's/^1\.//' | head -n 1
}

zk_find_jdk() {
  if [ -n "${JAVA_HOME-}" ] && [ -x "$JAVA_HOME/bin/javac" ]; then
    major=$(zk_java_major "$JAVA_HOME")
    if [ -n "$major" ] && [ "$major" -ge 21 ]; then
      printf '%s\n' "$JAVA_HOME"
      return 0
    fi
  fi
  best=""
  best_major=0
  # find, not a glob: ./mvnw runs with globbing off (set -f).
  for home in $(find "${ZK_ASYNC_JVM_DIR:-/usr/lib/jvm}" -mindepth 1 -maxdepth 1 2>/dev/null | sort); do
    [ -x "$home/bin/javac" ] || continue
    [ -L "$home" ] && continue
    major=$(zk_java_major "$home")
    [ -n "$major" ] || continue
    if [ "$major" -ge 21 ] && [ "$major" -gt "$best_major" ]; then
      best="$home"
      best_major="$major"
    fi
  done
  if [ -n "$best" ]; then
    printf '%s\n' "$best"
    return 0
  fi
  echo "zk-async needs JDK 21 or newer. JAVA_HOME (${JAVA_HOME:-unset}) is not one, and none was found under ${ZK_ASYNC_JVM_DIR:-/usr/lib/jvm}." >&2
  echo "Install a JDK 21+ (e.g. apt-get install openjdk-21-jdk or a Temurin build) or point JAVA_HOME at one." >&2
  return 1
}
