#!/usr/bin/env bash
# Follows the README's Quick start as a new user would: installs the artifacts as the README
# says, builds a NEW application in a temporary folder from the README's own blocks (its pom on
# spring-boot-starter-parent, the dependency, application.yml and the Java files), serves the
# `inventory` service from three local instances, starts the application and checks that it
# answers, that /actuator/mesh is exposed and that every instance got a share of 30 calls.
#
# Usage: scripts/readme-quickstart-check.sh        (from anywhere in the clone)
# Environment: SKIP_INSTALL=1 reuses the artifacts already in ~/.m2; MVN_FLAGS (e.g. -o) is
# passed to every Maven run; KEEP=1 keeps the temporary folder.
# Needs: a JDK 17+, python3, curl. Only 127.0.0.1 is used. Not part of `./mvnw verify` (it
# takes minutes: an install, a new build, a start).
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d -t mesh-quickstart.XXXXXX)"
pids=()
cleanup() {
	for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
	if [[ "${KEEP:-0}" != 1 ]]; then rm -rf "$work"; else echo "kept $work"; fi
}
trap cleanup EXIT
fail() { echo "QUICKSTART CHECK FAILED: $*" >&2; [[ -f "$work/app.log" ]] && tail -n 40 "$work/app.log" >&2; exit 1; }

if [[ "${SKIP_INSTALL:-0}" != 1 ]]; then
	echo "== ./mvnw -B -q install -DskipTests (as the README says)"
	(cd "$root" && ./mvnw -B -q ${MVN_FLAGS:-} install -DskipTests)
fi

boot_version="$(sed -n '/<parent>/,/<\/parent>/s:.*<version>\(.*\)</version>.*:\1:p' "$root/pom.xml" | head -1)"
read -r port1 port2 port3 app_port < <(python3 -c '
import socket
socks = [socket.socket() for _ in range(4)]
for s in socks: s.bind(("127.0.0.1", 0))
print(*[s.getsockname()[1] for s in socks])
for s in socks: s.close()')

echo "== a new application from the README in $work (Spring Boot $boot_version)"
python3 - "$root/README.md" "$work" "$boot_version" "$port1" "$port2" "$port3" "$app_port" <<'PY'
import os, re, sys
readme, work, boot, p1, p2, p3, app_port = sys.argv[1:]
text = open(readme, encoding="utf-8").read()
section = text[text.index("## Quick start"):]
section = section[:section.index("\n## ", 3)]
blocks = re.findall(r"```(\w+)\n(.*?)```", section, re.S)
xml = [b for lang, b in blocks if lang == "xml"]
yaml = [b for lang, b in blocks if lang == "yaml"]
java = [b for lang, b in blocks if lang == "java"]
assert len(xml) == 1 and len(yaml) == 1 and java, "Quick start must hold one xml, one yaml and java blocks"
pom = f"""<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
	xsi:schemaLocation="http://maven.apache.org/POM/4.0.0 https://maven.apache.org/xsd/maven-4.0.0.xsd">
	<modelVersion>4.0.0</modelVersion>
	<parent>
		<groupId>org.springframework.boot</groupId>
		<artifactId>spring-boot-starter-parent</artifactId>
		<version>{boot}</version>
		<relativePath/>
	</parent>
	<groupId>com.example</groupId>
	<artifactId>storefront</artifactId>
	<version>0.0.1</version>
	<properties>
		<java.version>17</java.version>
	</properties>
	<dependencies>
{xml[0]}	</dependencies>
	<build>
		<finalName>storefront</finalName>
		<plugins>
			<plugin>
				<groupId>org.springframework.boot</groupId>
				<artifactId>spring-boot-maven-plugin</artifactId>
			</plugin>
		</plugins>
	</build>
</project>
"""
open(os.path.join(work, "pom.xml"), "w").write(pom)
resources = os.path.join(work, "src/main/resources")
os.makedirs(resources)
addresses = re.findall(r"http://10\.0\.0\.\d+:8080", yaml[0])
assert len(addresses) == 3, f"expected three instance addresses in the yaml block, found {addresses}"
config = yaml[0]
for address, port in zip(addresses, (p1, p2, p3)):
    config = config.replace(address, f"http://127.0.0.1:{port}")
config += f"server:\n  port: {app_port}\n  address: 127.0.0.1\n"
open(os.path.join(resources, "application.yml"), "w").write(config)
for source in java:
    package = re.search(r"^package ([\w.]+);", source, re.M).group(1)
    name = re.search(r"^(?:public )?(?:class|interface|record) (\w+)", source, re.M).group(1)
    folder = os.path.join(work, "src/main/java", *package.split("."))
    os.makedirs(folder, exist_ok=True)
    open(os.path.join(folder, name + ".java"), "w").write(source)
    print("   ", os.path.join(*package.split("."), name + ".java"))
PY

echo "== three inventory instances on 127.0.0.1:$port1, $port2, $port3"
cat > "$work/inventory.py" <<'PY'
import json, sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
port, hits = int(sys.argv[1]), sys.argv[2]
class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    def do_GET(self):
        parts = self.path.split("/")
        if len(parts) == 3 and parts[1] == "items":
            body = json.dumps({"id": parts[2], "name": "item " + parts[2]}).encode()
            self.send_response(200)
            with open(hits, "a") as f: f.write(self.path + "\n")
        else:
            body = b"{}"
            self.send_response(404)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
    def log_message(self, *args):
        pass
ThreadingHTTPServer(("127.0.0.1", port), Handler).serve_forever()
PY
for port in "$port1" "$port2" "$port3"; do
	: > "$work/hits-$port"
	python3 "$work/inventory.py" "$port" "$work/hits-$port" & pids+=($!)
done

echo "== build and start the new application"
(cd "$work" && "$root/mvnw" -B -q ${MVN_FLAGS:-} package -DskipTests) || fail "the application from the README does not build"
java -jar "$work/target/storefront.jar" > "$work/app.log" 2>&1 & pids+=($!)
base="http://127.0.0.1:$app_port"
for _ in $(seq 1 180); do
	curl -fs "$base/actuator/health" > /dev/null 2>&1 && break
	kill -0 "${pids[-1]}" 2>/dev/null || fail "the application stopped"
	sleep 1
done
curl -fs "$base/actuator/health" > /dev/null || fail "the application did not start within 180 s"
echo "   started: $(grep -o 'Started StorefrontApplication in [0-9.]* seconds' "$work/app.log" || true)"

answer="$(curl -fs "$base/products/42")" || fail "GET /products/42 failed"
echo "   GET /products/42 -> $answer"
[[ "$answer" == *'"id":"42"'* ]] || fail "unexpected answer $answer"
mesh="$(curl -fs "$base/actuator/mesh")" || fail "/actuator/mesh is not exposed"
[[ "$mesh" == *'"inventory"'* ]] || fail "/actuator/mesh does not name inventory: $mesh"
echo "   GET /actuator/mesh names inventory"
health="$(curl -fs "$base/actuator/health")"
echo "   GET /actuator/health -> $health"

for port in "$port1" "$port2" "$port3"; do : > "$work/hits-$port"; done
for i in $(seq 1 30); do curl -fs "$base/products/$i" > /dev/null || fail "call $i failed"; done
spread=""
for port in "$port1" "$port2" "$port3"; do
	hits="$(wc -l < "$work/hits-$port")"
	spread+=" $port=$hits"
	(( hits >= 5 )) || starved=1
done
echo "   30 calls, per instance:$spread"
[[ -z "${starved:-}" ]] || fail "an instance got fewer than 5 of 30 calls:$spread"
warnings="$(grep -c ' WARN ' "$work/app.log" || true)"
echo "   WARN lines in the application's log: $warnings"
grep ' WARN ' "$work/app.log" | sed 's/^/     /' || true
echo "QUICKSTART CHECK PASSED"
