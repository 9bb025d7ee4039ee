"""Drives `kubeplay serve` with the official Kubernetes Python client:
lists namespaces, creates a pod, watches it become Running while virtual
time is moved on through the control endpoint, reads its log, deletes it.

    python3 client.py KUBECONFIG
"""
import sys
import threading
import time
import urllib.request

from kubernetes import client, config, watch

config.load_kube_config(config_file=sys.argv[1])
api = client.ApiClient()
base = api.configuration.host
v1 = client.CoreV1Api(api)

print("namespaces:", " ".join(sorted(ns.metadata.name for ns in v1.list_namespace().items)))

pod = client.V1Pod(
    metadata=client.V1ObjectMeta(name="py", labels={"app": "py"}),
    spec=client.V1PodSpec(containers=[client.V1Container(name="web", image="nginx")]),
)
created = v1.create_namespaced_pod("default", pod)
print("created:", created.metadata.name, created.status.phase)


def advance():
    time.sleep(0.5)
    req = urllib.request.Request(base + "/kubeplay/advance?seconds=30", method="POST")
    urllib.request.urlopen(req).read()


threading.Thread(target=advance).start()
w = watch.Watch()
for event in w.stream(v1.list_namespaced_pod, "default", label_selector="app=py", timeout_seconds=20):
    phase = event["object"].status.phase
    print("event:", event["type"], phase)
    if phase == "Running":
        w.stop()

print("log ends:", v1.read_namespaced_pod_log("py", "default").splitlines()[-1])
v1.delete_namespaced_pod("py", "default", grace_period_seconds=0)
try:
    v1.read_namespaced_pod("nope", "default")
except client.exceptions.ApiException as e:
    print("error:", e.status, e.reason)
