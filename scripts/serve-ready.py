#!/usr/bin/env python3
"""kubeplay serve: time from spawn to the port listening and to /readyz answered.
Usage: scripts/serve-ready.py [BINARY] (default target/release/kubeplay)."""
import subprocess, time, socket, urllib.request, sys
b=sys.argv[1] if len(sys.argv) > 1 else "target/release/kubeplay"
res=[]
for i in range(5):
    port=18000+i
    t0=time.monotonic()
    p=subprocess.Popen([b,"serve","--port",str(port),"--kubeconfig","/tmp/ready.kubeconfig","--speed","0"],stdout=subprocess.DEVNULL,stderr=subprocess.DEVNULL)
    while True:
        try:
            s=socket.create_connection(("127.0.0.1",port),timeout=0.05)
            s.close()
            break
        except OSError:
            time.sleep(0.001)
    t1=time.monotonic()
    # readyz over TLS? try https
    import ssl
    ctx=ssl.create_default_context(); ctx.check_hostname=False; ctx.verify_mode=ssl.CERT_NONE
    try:
        urllib.request.urlopen(f"https://127.0.0.1:{port}/readyz",context=ctx,timeout=2).read()
    except Exception as e:
        try: urllib.request.urlopen(f"http://127.0.0.1:{port}/readyz",timeout=2).read()
        except Exception as e2: print("err",e,e2)
    t2=time.monotonic()
    res.append(((t1-t0)*1000,(t2-t0)*1000))
    p.kill(); p.wait()
for r in res: print("listening %.1f ms, readyz answered %.1f ms"%r)
