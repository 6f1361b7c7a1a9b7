#!/usr/bin/env bash
# Validates the deployment files with no container engine, no cluster and no network:
#   - every YAML file under deploy/ parses (PyYAML);
#   - every RobustGrid setting the files use exists in src/Grains/RobustGridOptions.cs, so a renamed
#     option fails here, and the Clustering/Storage values used are ones the hosting code names;
#   - docker-compose.yml has its services, settings, shared results volume, ports and collector wiring;
#   - the Kubernetes manifests: Orleans labels and pod environment, RBAC rules, secret/volume/service wiring;
#   - the Dockerfiles copy paths that exist, are not dropped by their .dockerignore, restore every project
#     they publish, and use .NET images matching the projects' target framework;
#   - shell scripts parse, and `kubectl kustomize` renders deploy/kubernetes when kubectl is installed.
# Usage, from anywhere: bash deploy/validate.sh. Prints "deploy: ok" and exits 0, or exits 1 with reasons.
# ROBUSTGRID_HOSTING_DIR (default src/Hosting) and ROBUSTGRID_OPTIONS_FILE (default src/Grains/RobustGridOptions.cs)
# point at another copy of the hosting code, for testing this script.
set -uo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root" || exit 1

fail() {
  echo "deploy: FAILED: $*" >&2
  exit 1
}

python=""
for candidate in python3 /usr/bin/python3 python; do
  if command -v "$candidate" >/dev/null 2>&1 && "$candidate" -c 'import yaml' >/dev/null 2>&1; then
    python="$candidate"
    break
  fi
done
[[ -n "$python" ]] || fail "no Python with PyYAML found (apt-get install python3-yaml, or pip install pyyaml)"

for script in deploy/docker/silo-entrypoint.sh; do
  bash -n "$script" || fail "$script: shell syntax error"
done
echo "  shell scripts (bash -n): ok"

"$python" - <<'PY' || fail "see the messages above"
import glob
import os
import re
import sys
import xml.etree.ElementTree as ET

import yaml

errors = []
warnings = []


def error(where, message):
    errors.append(f"{where}: {message}")


def section(name, before):
    print(f"  {name}: {'ok' if len(errors) == before else 'FAILED'}", flush=True)


def read(path):
    with open(path, encoding="utf-8") as f:
        return f.read()


# --- every YAML file parses ---------------------------------------------------------------------------
start = len(errors)
docs = {}
for path in sorted(glob.glob("deploy/**/*.yaml", recursive=True) + glob.glob("deploy/**/*.yml", recursive=True)):
    try:
        docs[path] = [d for d in yaml.safe_load_all(read(path)) if d is not None]
    except yaml.YAMLError as e:
        error(path, f"does not parse: {e}")
for required in ["deploy/docker-compose.yml", "deploy/otel-collector.yaml", "deploy/kubernetes/kustomization.yaml"]:
    if required not in docs and not os.path.exists(required):
        error(required, "missing")
section(f"YAML ({len(docs)} files parse)", start)
if errors:
    sys.stdout.flush()
    print("\n".join("    " + e for e in errors), file=sys.stderr)
    sys.exit(1)

# --- RobustGrid settings: the names come from the code (checked after compose and Kubernetes) ----------
hosting_dir = os.environ.get("ROBUSTGRID_HOSTING_DIR", "src/Hosting")
options_path = os.environ.get("ROBUSTGRID_OPTIONS_FILE", "src/Grains/RobustGridOptions.cs")
options_src = read(options_path)
option_names = set(re.findall(r"public\s+[^;{}()=]*?\b(\w+)\s*\{\s*get\s*;", options_src))
hosting_src = "\n".join(read(p) for p in sorted(glob.glob(os.path.join(hosting_dir, "*.cs"))) + [options_path])
enum_members = {m for body in re.findall(r"\benum\s+\w+\s*\{([^}]*)\}", hosting_src) for m in re.findall(r"\b([A-Za-z_]\w*)\s*(?:=[^,]*)?(?:,|$)", body)}

key_pattern = re.compile(r"RobustGrid(?:__|:)([A-Za-z]\w*)")
# Every file that configures a silo or documents it (this script only names settings to check them).
scanned = [p for p in glob.glob("deploy/**/*", recursive=True) if os.path.isfile(p) and p != "deploy/validate.sh"] + ["docs/DEPLOY.md"]
used = {}
for path in scanned:
    if not os.path.exists(path):
        continue
    for key in key_pattern.findall(read(path)):
        used.setdefault(key, set()).add(path)


def value_supported(value):
    """A Clustering/Storage value is supported when the hosting code names it: a string literal or an enum member."""
    literal = re.search(r'"' + re.escape(value) + r'"', hosting_src, re.IGNORECASE)
    return bool(literal) or any(m.lower() == value.lower() for m in enum_members)


option_values = {}  # (key, value) -> files, filled by the compose and Kubernetes checks below


def note_value(key, value, where):
    option_values.setdefault((key, str(value)), set()).add(where)


# --- docker-compose.yml -------------------------------------------------------------------------------
compose_path = "deploy/docker-compose.yml"
compose = docs[compose_path][0]
services = compose.get("services") or {}
named_volumes = set((compose.get("volumes") or {}).keys())


def env_of(service):
    env = service.get("environment") or {}
    if isinstance(env, list):
        env = dict(item.split("=", 1) if "=" in item else (item, "") for item in env)
    return {str(k): ("" if v is None else str(v).lower() if isinstance(v, bool) else str(v)) for k, v in env.items()}


def container_ports(service):
    ports = []
    for p in service.get("ports") or []:
        if isinstance(p, dict):
            ports.append(str(p.get("target")))
        else:
            ports.append(str(p).split(":")[-1].split("/")[0])
    return ports


def published_host_ips(service):
    ips = []
    for p in service.get("ports") or []:
        if isinstance(p, dict):
            ips.append(p.get("host_ip", ""))
        else:
            parts = str(p).split(":")
            ips.append(parts[0] if len(parts) == 3 else "")
    return ips


def seconds(duration):
    total = 0.0
    for amount, unit in re.findall(r"(\d+(?:\.\d+)?)(ms|s|m|h)", str(duration)):
        total += float(amount) * {"ms": 0.001, "s": 1, "m": 60, "h": 3600}[unit]
    return total


def check_build(name, service):
    build = service.get("build")
    if not build:
        return
    context = os.path.normpath(os.path.join("deploy", build.get("context", ".")))
    dockerfile = os.path.join(context, build.get("dockerfile", "Dockerfile"))
    if not os.path.isfile(dockerfile):
        error(compose_path, f"{name}: build.dockerfile {dockerfile} does not exist")


start = len(errors)
for name in ["redis", "silo1", "silo2", "silo3", "otel-collector", "jaeger", "cli"]:
    if name not in services:
        error(compose_path, f"service {name} is missing")
silos = [n for n in ["silo1", "silo2", "silo3"] if n in services]
results_volumes = set()
for name in silos:
    service = services[name]
    env = env_of(service)
    check_build(name, service)
    if env.get("RobustGrid__Clustering") != "Redis":
        error(compose_path, f"{name}: RobustGrid__Clustering must be Redis (is {env.get('RobustGrid__Clustering')!r})")
    for key in ["Clustering", "Storage"]:
        if f"RobustGrid__{key}" in env:
            note_value(key, env[f"RobustGrid__{key}"], compose_path)
    redis = env.get("RobustGrid__Redis", "")
    redis_host = redis.split(",")[0].rsplit(":", 1)[0]
    if redis_host not in services:
        error(compose_path, f"{name}: RobustGrid__Redis {redis!r} does not name a compose service")
    if env.get("RobustGrid__AdvertisedAddress", "") in ("0.0.0.0", "::"):
        error(compose_path, f"{name}: RobustGrid__AdvertisedAddress cannot be a wildcard; leave it unset (the entrypoint uses the container IP)")
    results_dir = env.get("RobustGrid__ResultsDirectory", "")
    mounts = [str(v).split(":") for v in service.get("volumes") or []]
    shared = [m[0] for m in mounts if len(m) >= 2 and m[1] == results_dir and m[0] in named_volumes]
    if not results_dir or not shared:
        error(compose_path, f"{name}: RobustGrid__ResultsDirectory ({results_dir!r}) must be a named volume mounted at that path")
    results_volumes.update(shared)
    if seconds(service.get("stop_grace_period", "10s")) < 60:
        error(compose_path, f"{name}: stop_grace_period must leave the graceful Orleans shutdown time (>= 60s)")
    otlp = env.get("OTEL_EXPORTER_OTLP_ENDPOINT", "")
    otlp_host = re.sub(r"^\w+://", "", otlp).split(":")[0]
    if otlp and otlp_host not in services:
        error(compose_path, f"{name}: OTEL_EXPORTER_OTLP_ENDPOINT {otlp!r} does not name a compose service")
if len(results_volumes) > 1:
    error(compose_path, f"the silos must share one results volume (they use {sorted(results_volumes)})")
if "silo1" in services:
    env = env_of(services["silo1"])
    port = env.get("RobustGrid__DashboardPort", "8080")
    if env.get("RobustGrid__Dashboard", "").lower() != "true" or port not in container_ports(services["silo1"]):
        error(compose_path, "silo1: the dashboard must be on (RobustGrid__Dashboard=true) and its port published")
for name, service in services.items():
    for ip in published_host_ips(service):
        if ip not in ("127.0.0.1", "::1", "[::1]"):
            error(compose_path, f"{name}: publishes a port on all interfaces; bind it to 127.0.0.1")
if "redis" in services:
    command = services["redis"].get("command") or []
    command = command.split() if isinstance(command, str) else [str(c) for c in command]
    if not str(services["redis"].get("image", "")).startswith("redis:7"):
        error(compose_path, "redis: image must be redis:7")
    if "--appendonly" not in command or command[command.index("--appendonly") + 1:][:1] != ["yes"]:
        error(compose_path, "redis: must run with --appendonly yes")
if "cli" in services:
    cli = services["cli"]
    check_build("cli", cli)
    if "cli" not in (cli.get("profiles") or []):
        error(compose_path, 'cli: must be under the "cli" profile')
    command = cli.get("command") or []
    command = command.split() if isinstance(command, str) else [str(c) for c in command]
    gateway = command[command.index("--gateway") + 1] if "--gateway" in command[:-1] else ""
    host, _, port = gateway.rpartition(":")
    if host not in silos:
        error(compose_path, f"cli: --gateway {gateway!r} must name a silo service")
    else:
        if port != env_of(services[host]).get("RobustGrid__GatewayPort", "30000"):
            error(compose_path, f"cli: --gateway port {port} is not {host}'s gateway port")
collector = services.get("otel-collector", {})
if not str(collector.get("image", "")).startswith("otel/opentelemetry-collector-contrib"):
    error(compose_path, "otel-collector: image must be otel/opentelemetry-collector-contrib")
collector_mounts = [str(v).split(":")[0] for v in collector.get("volumes") or []]
if "./otel-collector.yaml" not in collector_mounts:
    error(compose_path, "otel-collector: must mount ./otel-collector.yaml")
jaeger = services.get("jaeger", {})
if not str(jaeger.get("image", "")).startswith("jaegertracing/"):
    error(compose_path, "jaeger: image must be a jaegertracing image")
if "16686" not in container_ports(jaeger):
    error(compose_path, "jaeger: the UI port 16686 must be published")
section(f"docker-compose.yml ({len(services)} services)", start)

# --- otel-collector.yaml --------------------------------------------------------------------------------
start = len(errors)
collector_path = "deploy/otel-collector.yaml"
config = docs[collector_path][0]
pipelines = ((config.get("service") or {}).get("pipelines")) or {}
for kind in ["receivers", "processors", "exporters"]:
    defined = set((config.get(kind) or {}).keys())
    for pipeline, spec in pipelines.items():
        for component in spec.get(kind) or []:
            if component not in defined:
                error(collector_path, f"pipeline {pipeline} uses {kind[:-1]} {component}, which is not defined")
grpc = ((((config.get("receivers") or {}).get("otlp") or {}).get("protocols") or {}).get("grpc") or {})
if not str(grpc.get("endpoint", "")).endswith(":4317"):
    error(collector_path, "the otlp receiver must take gRPC on :4317")
trace_targets = [str(((config.get("exporters") or {}).get(e) or {}).get("endpoint", "")) for e in (pipelines.get("traces") or {}).get("exporters") or []]
if not any(t.split(":")[0] == "jaeger" and t.endswith(":4317") and "jaeger" in services for t in trace_targets):
    error(collector_path, "the traces pipeline must export to jaeger:4317 (the compose service)")
if "metrics" not in pipelines:
    error(collector_path, "no metrics pipeline")
section("otel-collector.yaml", start)

# --- Kubernetes manifests -------------------------------------------------------------------------------
start = len(errors)
k8s_dir = "deploy/kubernetes"
kustomization = docs[f"{k8s_dir}/kustomization.yaml"][0]
objects = []
for resource in kustomization.get("resources") or []:
    path = os.path.join(k8s_dir, resource)
    if path not in docs:
        error(f"{k8s_dir}/kustomization.yaml", f"resource {resource} does not exist or does not parse")
        continue
    objects += [(path, o) for o in docs[path]]
extra = [(p, o) for p, ds in docs.items() if p.startswith(k8s_dir + "/") and p != f"{k8s_dir}/kustomization.yaml"
         and os.path.relpath(p, k8s_dir) not in (kustomization.get("resources") or []) for o in ds]


def find(kind, name=None, pool=None):
    return [(p, o) for p, o in (objects if pool is None else pool)
            if o.get("kind") == kind and (name is None or (o.get("metadata") or {}).get("name") == name)]


for path, obj in objects + extra:
    if (obj.get("metadata") or {}).get("namespace"):
        error(path, f"{obj.get('kind')} {obj['metadata'].get('name')} sets a namespace; the manifests are namespace-agnostic")

secrets = {o["metadata"]["name"]: o for _, o in find("Secret")}
pvcs = {o["metadata"]["name"]: o for _, o in find("PersistentVolumeClaim")}
k8s_services = {o["metadata"]["name"]: o for _, o in find("Service")}


def secret_has(name, key):
    secret = secrets.get(name)
    return secret is not None and key in {**(secret.get("data") or {}), **(secret.get("stringData") or {})}


def port_number(container, port):
    if isinstance(port, int):
        return port
    return next((p.get("containerPort") for p in container.get("ports") or [] if p.get("name") == port), None)


def check_env_order(where, env):
    defined = set()
    for item in env:
        for ref in re.findall(r"\$\((\w+)\)", str(item.get("value", ""))):
            if ref not in defined:
                error(where, f"env {item['name']} refers to $({ref}) before it is defined")
        defined.add(item["name"])


silo_deployments = [(p, o) for p, o in find("Deployment")
                    if any(port.get("containerPort") == 11111 for c in o["spec"]["template"]["spec"].get("containers", [])
                           for port in c.get("ports") or [])]
if len(silo_deployments) != 1:
    error(k8s_dir, f"expected one silo Deployment (container port 11111), found {len(silo_deployments)}")
pod_labels = {}
service_account = None
for path, deployment in silo_deployments:
    spec = deployment["spec"]
    template = spec["template"]
    pod_labels = (template.get("metadata") or {}).get("labels") or {}
    pod = template["spec"]
    if spec.get("replicas") != 3:
        error(path, "the silo Deployment must have 3 replicas")
    if not set((spec.get("selector") or {}).get("matchLabels", {}).items()) <= set(pod_labels.items()):
        error(path, "selector.matchLabels is not a subset of the pod template's labels")
    for label in ["orleans/serviceId", "orleans/clusterId"]:
        if not pod_labels.get(label):
            error(path, f"the pod template lacks the label {label}")
    grace = pod.get("terminationGracePeriodSeconds", 30)
    if grace < 120:
        error(path, "terminationGracePeriodSeconds must leave the graceful Orleans shutdown time (>= 120)")
    service_account = pod.get("serviceAccountName")
    if not find("ServiceAccount", service_account):
        error(path, f"serviceAccountName {service_account!r} is not a ServiceAccount in the kustomization")
    container = pod["containers"][0]
    env = container.get("env") or []
    by_name = {e["name"]: e for e in env}
    check_env_order(path, env)
    field_refs = {"POD_NAME": "metadata.name", "POD_NAMESPACE": "metadata.namespace", "POD_IP": "status.podIP",
                  "ORLEANS_SERVICE_ID": "metadata.labels['orleans/serviceId']",
                  "ORLEANS_CLUSTER_ID": "metadata.labels['orleans/clusterId']"}
    for name, field in field_refs.items():
        actual = (((by_name.get(name) or {}).get("valueFrom") or {}).get("fieldRef") or {}).get("fieldPath")
        if actual != field:
            error(path, f"env {name} must come from the downward API field {field} (is {actual!r})")
    values = {n: str(e["value"]) for n, e in by_name.items() if "value" in e}
    if values.get("RobustGrid__Clustering") != "Kubernetes":
        error(path, "env RobustGrid__Clustering must be Kubernetes")
    for key in ["Clustering", "Storage"]:
        if f"RobustGrid__{key}" in values:
            note_value(key, values[f"RobustGrid__{key}"], path)
    secret_ref = ((by_name.get("RobustGrid__Redis") or {}).get("valueFrom") or {}).get("secretKeyRef") or {}
    if not secret_ref or not secret_has(secret_ref.get("name"), secret_ref.get("key")):
        error(path, "env RobustGrid__Redis must come from a key of a Secret in the kustomization")
    if values.get("RobustGrid__AdvertisedAddress", "$(POD_IP)") in ("0.0.0.0", "::"):
        error(path, "RobustGrid__AdvertisedAddress cannot be a wildcard")
    shutdown = values.get("RobustGrid__ShutdownSeconds")
    if shutdown and float(shutdown) >= grace:
        error(path, "RobustGrid__ShutdownSeconds must be below terminationGracePeriodSeconds")
    ports = {p.get("containerPort") for p in container.get("ports") or []}
    for key, default in [("SiloPort", 11111), ("GatewayPort", 30000)]:
        wanted = int(values.get(f"RobustGrid__{key}", default))
        if wanted not in ports:
            error(path, f"container port {wanted} ({key}) is not declared")
    for probe in ["startupProbe", "livenessProbe", "readinessProbe"]:
        tcp = (container.get(probe) or {}).get("tcpSocket")
        if tcp and port_number(container, tcp.get("port")) not in ports:
            error(path, f"{probe} targets a port the container does not declare")
    if not container.get("readinessProbe") or not container.get("livenessProbe"):
        error(path, "the silo needs readiness and liveness probes")
    results_dir = values.get("RobustGrid__ResultsDirectory", "results")
    mount = next((m for m in container.get("volumeMounts") or [] if m.get("mountPath") == results_dir), None)
    volume = next((v for v in pod.get("volumes") or [] if mount and v.get("name") == mount.get("name")), None)
    claim = ((volume or {}).get("persistentVolumeClaim") or {}).get("claimName")
    if claim not in pvcs:
        error(path, f"RobustGrid__ResultsDirectory {results_dir!r} must be a mounted PersistentVolumeClaim of the kustomization")
    elif "ReadWriteMany" not in pvcs[claim]["spec"].get("accessModes", []):
        error(path, f"the results claim {claim} must be ReadWriteMany (all silos write to it)")

roles = find("Role")
needed = {"get", "watch", "list", "delete", "patch"}
pod_roles = [o["metadata"]["name"] for _, o in roles
             if any("" in (r.get("apiGroups") or []) and "pods" in (r.get("resources") or []) and needed <= set(r.get("verbs") or [])
                    for r in o.get("rules") or [])]
if not pod_roles:
    error(k8s_dir, f"no Role grants {sorted(needed)} on pods (Orleans' Kubernetes hosting needs them)")
bound = [o for _, o in find("RoleBinding")
         if (o.get("roleRef") or {}).get("kind") == "Role" and o["roleRef"].get("name") in pod_roles
         and any(s.get("kind") == "ServiceAccount" and s.get("name") == service_account for s in o.get("subjects") or [])]
if not bound:
    error(k8s_dir, f"no RoleBinding binds the pod role to the silos' ServiceAccount {service_account!r}")

gateway_services = [o for o in k8s_services.values()
                    if (o["spec"].get("selector") or {}) and set(o["spec"]["selector"].items()) <= set(pod_labels.items())
                    and any(p.get("targetPort") in (30000, "gateway") for p in o["spec"].get("ports") or [])]
if not gateway_services:
    error(k8s_dir, "no Service selects the silo pods on the gateway port 30000")

for path, obj in find("StatefulSet"):
    for c in obj["spec"]["template"]["spec"]["containers"]:
        if "redis" in str(c.get("image", "")):
            args = [str(a) for a in (c.get("command") or []) + (c.get("args") or [])]
            if "--appendonly" not in args or args[args.index("--appendonly") + 1:][:1] != ["yes"]:
                error(path, "redis must run with --appendonly yes")
            check_env_order(path, c.get("env") or [])
for name, secret in secrets.items():
    if "CHANGE-ME" in str(secret.get("stringData") or {}):
        warnings.append(f"{k8s_dir}: Secret {name} still holds the CHANGE-ME placeholders (a template: set real values before applying)")

for path, job in find("Job", pool=extra):
    for c in job["spec"]["template"]["spec"]["containers"]:
        args = [str(a) for a in c.get("args") or []]
        gateway = args[args.index("--gateway") + 1] if "--gateway" in args[:-1] else ""
        host, _, port = gateway.rpartition(":")
        service = k8s_services.get(host)
        if not service or not any(str(p.get("port")) == port for p in service["spec"].get("ports") or []):
            error(path, f"--gateway {gateway!r} does not name a Service port of the kustomization")
    for v in job["spec"]["template"]["spec"].get("volumes") or []:
        claim = (v.get("persistentVolumeClaim") or {}).get("claimName")
        if claim and claim not in pvcs:
            error(path, f"claim {claim} is not in the kustomization")
section(f"kubernetes ({len(objects)} objects)", start)

# --- the settings used exist, with values the hosting code supports ------------------------------------
start = len(errors)
for path in scanned:
    if not os.path.exists(path):
        error(path, "missing")
if not re.search(r'Section\s*=\s*"RobustGrid"', options_src):
    error(options_path, 'the configuration section is no longer "RobustGrid"; every RobustGrid__* name here is stale')
# Subsections bound to Orleans' own options (SiloBuilderExtensions.MembershipSection) are settings too.
subsections = set(re.findall(r'Section\s*\+\s*":(\w+)"', read(os.path.join(hosting_dir, "SiloBuilderExtensions.cs"))))
for key, paths in sorted(used.items()):
    if key not in option_names and key not in subsections:
        error(", ".join(sorted(paths)), f"uses RobustGrid:{key}, but {options_path} has no property {key} (renamed or not added yet?)")
for (key, value), paths in sorted(option_values.items()):
    if not value_supported(value):
        error(", ".join(sorted(paths)), f"RobustGrid:{key}={value}, but {hosting_dir} names no such value (neither a \"{value.lower()}\" string nor an enum member)")
section(f"RobustGrid settings ({len(used)} names used, checked against {options_path})", start)

# --- Dockerfiles ----------------------------------------------------------------------------------------
start = len(errors)
props = read("Directory.Build.props")
tfm = re.search(r"<TargetFramework>net(\d+\.\d+)</TargetFramework>", props)
dotnet_version = tfm.group(1) if tfm else None
if not dotnet_version:
    error("Directory.Build.props", "no <TargetFramework>netX.Y</TargetFramework>")


def instructions(path):
    text = re.sub(r"\\\n", " ", "\n".join(l for l in read(path).splitlines() if not l.lstrip().startswith("#")))
    return [(l.split(None, 1)[0].upper(), l.split(None, 1)[1] if len(l.split(None, 1)) > 1 else "") for l in text.splitlines() if l.strip()]


def ignore_rules(path):
    rules = []
    for line in read(path).splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        negate = line.startswith("!")
        pattern = line[1:] if negate else line
        pattern = pattern.strip("/")
        regex = ""
        i = 0
        while i < len(pattern):
            if pattern.startswith("**/", i):
                regex += "(?:.*/)?"
                i += 3
            elif pattern.startswith("**", i):
                regex += ".*"
                i += 2
            elif pattern[i] == "*":
                regex += "[^/]*"
                i += 1
            elif pattern[i] == "?":
                regex += "[^/]"
                i += 1
            else:
                regex += re.escape(pattern[i])
                i += 1
        rules.append((re.compile(regex + r"\Z"), negate))
    return rules


def ignored(rules, path):
    """Docker's rule: the last pattern that matches the path, or one of its parent directories, decides."""
    parts = path.split("/")
    prefixes = ["/".join(parts[:n]) for n in range(1, len(parts) + 1)]
    excluded = False
    for regex, negate in rules:
        if any(regex.match(p) for p in prefixes):
            excluded = not negate
    return excluded


def files_under(path):
    if os.path.isfile(path):
        return [path]
    found = []
    for directory, subdirs, files in os.walk(path):
        subdirs[:] = [d for d in subdirs if d not in ("bin", "obj")]
        found += [os.path.join(directory, f) for f in files]
    return found


def project_closure(csproj, seen=None):
    seen = set() if seen is None else seen
    csproj = os.path.normpath(csproj)
    if csproj in seen or not os.path.isfile(csproj):
        return seen
    seen.add(csproj)
    for ref in ET.parse(csproj).getroot().iter("ProjectReference"):
        project_closure(os.path.join(os.path.dirname(csproj), ref.get("Include").replace("\\", "/")), seen)
    return seen


images = {"silo": ("src/Silo", "aspnet"), "cli": ("src/Client", "runtime")}
for name, (project_dir, runtime_image) in images.items():
    path = f"deploy/docker/{name}.Dockerfile"
    ignore_path = path + ".dockerignore"
    if not os.path.isfile(path):
        error(path, "missing")
        continue
    if not os.path.isfile(ignore_path):
        error(ignore_path, "missing (BuildKit reads it instead of a root .dockerignore)")
        continue
    rules = ignore_rules(ignore_path)
    stages = []
    copied = []
    copied_scripts = []
    for op, args in instructions(path):
        if op == "FROM":
            stages.append({"image": [a for a in args.split() if not a.startswith("--")][0], "user": None, "volumes": []})
        elif op == "COPY":
            words = args.split()
            flags = [w for w in words if w.startswith("--")]
            sources = [w for w in words if not w.startswith("--")][:-1]
            if any(f.startswith("--from") for f in flags):
                continue
            for source in sources:
                matches = glob.glob(source)
                if not matches:
                    error(path, f"COPY {source}: no such path in the repository")
                for match in matches:
                    kept = [f for f in files_under(match) if not ignored(rules, os.path.normpath(f))]
                    if not kept:
                        error(path, f"COPY {source}: {ignore_path} leaves it out of the build context")
                    copied.append(os.path.normpath(match))
                    if match.endswith(".sh"):
                        copied_scripts.append(match)
        elif op == "RUN":
            for verb, project in re.findall(r"dotnet\s+(restore|publish)\s+(\S+\.csproj)", args):
                if not os.path.isfile(project):
                    error(path, f"dotnet {verb} {project}: no such project")
                    continue
                if os.path.dirname(project) != project_dir:
                    error(path, f"dotnet {verb} {project}: expected the project in {project_dir}")
                # A restore (or a publish that restores) needs the build props and every referenced project.
                if verb == "restore" or "--no-restore" not in args:
                    for needed_file in ["global.json", "Directory.Build.props", "Directory.Packages.props"] + sorted(project_closure(project)):
                        if not any(needed_file == c or needed_file.startswith(c + "/") for c in copied):
                            error(path, f"dotnet {verb} {project} runs before {needed_file} is copied")
                if verb == "publish":
                    stages[-1]["published"] = project
        elif op == "USER" and stages:
            stages[-1]["user"] = args.strip()
        elif op == "VOLUME" and stages:
            stages[-1]["volumes"] += re.findall(r"/[\w/.-]+", args)
    if len(stages) < 2:
        error(path, "expected a multi-stage build")
        continue
    if stages[0]["image"] != f"mcr.microsoft.com/dotnet/sdk:{dotnet_version}":
        error(path, f"the build stage must use mcr.microsoft.com/dotnet/sdk:{dotnet_version} (uses {stages[0]['image']})")
    final = stages[-1]
    if final["image"] != f"mcr.microsoft.com/dotnet/{runtime_image}:{dotnet_version}":
        error(path, f"the final stage must use mcr.microsoft.com/dotnet/{runtime_image}:{dotnet_version} (uses {final['image']})")
    if final["user"] in (None, "root", "0", "0:0"):
        error(path, "the final stage must switch to a non-root USER")
    if "/results" not in final["volumes"]:
        error(path, "the final stage must declare VOLUME /results")
    published = next((s.get("published") for s in stages if s.get("published")), None)
    if published:
        sdk = ET.parse(published).getroot().get("Sdk", "")
        if sdk == "Microsoft.NET.Sdk.Web" and runtime_image != "aspnet":
            error(path, f"{published} is a web project: it needs the aspnet image")
        assembly = ET.parse(published).getroot().findtext("./PropertyGroup/AssemblyName") or os.path.splitext(os.path.basename(published))[0]
        launcher = read(path) + "".join(read(s) for s in copied_scripts)
        if f"{assembly}.dll" not in launcher:
            error(path, f"the image does not start {assembly}.dll, the assembly {published} builds")
    else:
        error(path, f"no `dotnet publish` of {project_dir}")
section("Dockerfiles", start)

for w in warnings:
    print(f"  note: {w}")
if errors:
    sys.stdout.flush()
    print("\n".join("    " + e for e in errors), file=sys.stderr)
    sys.exit(1)
PY

if command -v kubectl >/dev/null 2>&1; then
  if ! rendered="$(kubectl kustomize deploy/kubernetes 2>&1)"; then
    echo "$rendered" >&2
    fail "kubectl kustomize deploy/kubernetes does not render"
  fi
  echo "  kubectl kustomize: ok ($(grep -c '^kind:' <<<"$rendered") objects rendered)"
else
  echo "  kubectl kustomize: skipped (kubectl is not installed)"
fi

echo "deploy: ok"
