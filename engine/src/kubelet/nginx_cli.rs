//! nginx run by hand in its container (`kubectl exec web -- nginx -t`):
//! the flags that print and return instead of starting a second server.

use kubeplay_shell::Output;

/// What `nginx ARGS` prints when ARGS ask a question or signal the running
/// master; None when they would start a server. `stamp` is nginx's log
/// time of now, `pid` the process's own PID.
pub fn answer(args: &[String], version: &str, stamp: &str, pid: u32) -> Option<Output> {
    let mut out = Output::default();
    match args.first().map(String::as_str)? {
        "-v" => out.err(format!("nginx version: nginx/{version}\n")),
        "-t" => out.err(
            "nginx: the configuration file /etc/nginx/nginx.conf syntax is ok\nnginx: configuration file /etc/nginx/nginx.conf test is successful\n",
        ),
        "-s" => match args.get(1).map(String::as_str) {
            Some("stop" | "quit" | "reopen" | "reload") => {
                out.err(format!("{stamp} [notice] {pid}#{pid}: signal process started\n"))
            }
            Some(other) => {
                out.err(format!("nginx: invalid option: \"-s {other}\"\n"));
                out.status = 1;
            }
            None => {
                out.err("nginx: option \"-s\" requires parameter\n");
                out.status = 1;
            }
        },
        _ => return None,
    }
    Some(out)
}
