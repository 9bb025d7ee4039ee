//! `kubectl proxy`: serves the API server on a local port
//! (`Starting to serve on 127.0.0.1:8001`), services/pods `proxy` paths
//! included, until Ctrl-C (see `port_forward::hold`).

use super::port_forward::{hold, random_port};
use crate::kubectl::errors::CmdError;
use crate::kubectl::flags::{Flag, FlagKind, Parsed};
use crate::kubectl::{Command, Env};
use crate::network::{Forward, Listener};

pub const COMMAND: Command = Command {
    name: "proxy",
    aliases: &[],
    group: "Troubleshooting and Debugging Commands",
    short: "Run a proxy to the Kubernetes API server",
    flags: &[
        Flag::new("port", FlagKind::Int, "8001", "The port on which to run the proxy. Set to 0 to pick a random port.").short('p'),
        Flag::new("address", FlagKind::String, "127.0.0.1", "The IP address on which to serve on."),
        Flag::new("accept-hosts", FlagKind::String, "^localhost$,^127\\.0\\.0\\.1$,^\\[::1\\]$", "Regular expression for hosts that the proxy should accept."),
        Flag::new("accept-paths", FlagKind::String, "^.*", "Regular expression for paths that the proxy should accept."),
        Flag::new("reject-paths", FlagKind::String, "^/api/.*/pods/.*/exec,^/api/.*/pods/.*/attach", "Regular expression for paths that the proxy should reject. Paths specified here will be rejected even accepted by --accept-paths."),
        Flag::new("reject-methods", FlagKind::String, "^$", "Regular expression for HTTP methods that the proxy should reject (example --reject-methods='POST,PUT,PATCH'). "),
        Flag::new("api-prefix", FlagKind::String, "/", "Prefix to serve the proxied API under."),
        Flag::new("disable-filter", FlagKind::Bool, "false", "If true, disable request filtering in the proxy. This is dangerous, and can leave you vulnerable to XSRF attacks, when used with an accessible port."),
        Flag::new("www", FlagKind::String, "", "Also serve static files from the given directory under the specified prefix.").short('w'),
        Flag::new("www-prefix", FlagKind::String, "/static/", "Prefix to serve static files under, if static file directory is specified.").short('P'),
        Flag::new("unix-socket", FlagKind::String, "", "Unix socket on which to run the proxy.").short('u'),
        Flag::new("keepalive", FlagKind::Duration, "0s", "keepalive specifies the keep-alive period for an active network connection. Set to 0 to disable keepalive."),
        Flag::new("append-server-path", FlagKind::Bool, "false", "If true, enables automatic path appending of the kube context server path to each request."),
    ],
    run,
};

fn run(env: &mut Env, p: &Parsed) -> Result<(), CmdError> {
    let address = p.str("address").unwrap_or("127.0.0.1").to_string();
    let port = p.int("port").unwrap_or(8001);
    if !(0..=65535).contains(&port) {
        return Err(CmdError::Plain(format!(
            "listen tcp: address {port}: invalid port"
        )));
    }
    let port = if port == 0 {
        random_port(env, std::slice::from_ref(&address))
    } else {
        port as u16
    };
    if env.world.net.in_use(&address, port) {
        return Err(CmdError::Plain(format!(
            "listen tcp {address}:{port}: bind: address already in use"
        )));
    }
    env.world.net.listeners.push(Listener {
        addresses: vec![address.clone()],
        port,
        forward: Forward::Proxy,
        job: env.job,
    });
    env.print(format!("Starting to serve on {address}:{port}\n"));
    hold(env)
}
