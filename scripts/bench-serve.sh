#!/bin/bash
# Benchmark kubeplay serve: ready time and kubectl get pods at 1000 pods.
# Usage: cargo build --release -p kubeplay && scripts/bench-serve.sh (from the repo root).
BIN=${BIN:-target/release/kubeplay}
K=${KUBECTL_1_33:-/usr/lib/google-cloud-sdk/bin/kubectl.1.33}
KC=/tmp/bench.kubeconfig
rm -f $KC
t0=$(date +%s%N)
$BIN serve --port 0 --speed 0 --kubeconfig $KC > /tmp/bench.srv 2>&1 &
PID=$!
until [ -s $KC ]; do sleep 0.001; done
PORT=$(grep server $KC | grep -o '[0-9]*$')
until curl -sf localhost:$PORT/readyz >/dev/null; do sleep 0.001; done
t1=$(date +%s%N)
$K --kubeconfig $KC get ns >/dev/null
t2=$(date +%s%N)
echo "ready (readyz): $(( (t1-t0)/1000000 )) ms; first kubectl get ns answered: $(( (t2-t0)/1000000 )) ms after start (kubectl alone $(( (t2-t1)/1000000 )) ms)"
$K --kubeconfig $KC create deployment big --image=nginx --replicas=1000 >/dev/null
curl -s -XPOST "localhost:$PORT/kubeplay/advance?seconds=120" >/dev/null
echo "pods: $($K --kubeconfig $KC get pods --no-headers | wc -l)"
ACC='application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json'
for i in 1 2 3 4 5 6 7 8 9 10; do
  curl -s -o /tmp/page1 -w '%{time_total}\n' -H "Accept: $ACC" "localhost:$PORT/api/v1/namespaces/default/pods?limit=500"
done | sort -n | awk '{a[NR]=$1} END {printf "page 1 (500 rows, Table) as curl sees it: min %.1f ms, median %.1f ms\n", a[1]*1000, a[int((NR+1)/2)]*1000}'
CONT=$(python3 -c "import json;print(json.load(open('/tmp/page1'))['metadata']['continue'])")
for i in 1 2 3 4 5 6 7 8 9 10; do
  curl -s -o /dev/null -w '%{time_total}\n' -H "Accept: $ACC" "localhost:$PORT/api/v1/namespaces/default/pods?limit=500&continue=$CONT"
done | sort -n | awk '{a[NR]=$1} END {printf "page 2 (continue): min %.1f ms, median %.1f ms\n", a[1]*1000, a[int((NR+1)/2)]*1000}'
# The server's CPU (user + system clock ticks of 10 ms, from /proc) over the
# same 10 commands: its share whatever the load.
cpu() { awk '{print $14 + $15}' /proc/$PID/stat; }
c0=$(cpu)
for i in 1 2 3 4 5 6 7 8 9 10; do
  s=$(date +%s%N); $K --kubeconfig $KC get pods >/dev/null; e=$(date +%s%N); echo $(( (e-s)/1000 ))
done | sort -n | awk '{a[NR]=$1} END {printf "kubectl get pods (whole command, 1000 rows): min %.1f ms, median %.1f ms\n", a[1]/1000, a[int((NR+1)/2)]/1000}'
c1=$(cpu)
echo "server CPU for those 10 commands (2 requests each): $(( (c1-c0)*10 )) ms, $(( (c1-c0)*10/10 )) ms a command"
for i in 1 2 3 4 5; do
  s=$(date +%s%N); $K version --client >/dev/null; e=$(date +%s%N); echo $(( (e-s)/1000 ))
done | sort -n | awk '{a[NR]=$1} END {printf "kubectl version --client (kubectl start-up alone): min %.1f ms, median %.1f ms\n", a[1]/1000, a[int((NR+1)/2)]/1000}'
kill $PID
uptime
