//! What the catalogue's programs print, as the real images print it.
//! Placeholders (`{iso}`, `{redis}`, `{mysql}`, `{pg}`, `{mongo}`,
//! `{apache}`, `{nginx}`, `{kernel}`, `$HOSTNAME`, `$POD_IP`) are filled by
//! `render_log`.

/// The official image's entrypoint, then nginx's own notices on stderr:
/// `worker_processes auto` starts one worker per node CPU (2).
pub const NGINX_LOG: &str = "/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration\n/docker-entrypoint.sh: Looking for shell scripts in /docker-entrypoint.d/\n/docker-entrypoint.sh: Launching /docker-entrypoint.d/10-listen-on-ipv6-by-default.sh\n10-listen-on-ipv6-by-default.sh: info: Getting the checksum of /etc/nginx/conf.d/default.conf\n10-listen-on-ipv6-by-default.sh: info: Enabled listen on IPv6 in /etc/nginx/conf.d/default.conf\n/docker-entrypoint.sh: Sourcing /docker-entrypoint.d/15-local-resolvers.envsh\n/docker-entrypoint.sh: Launching /docker-entrypoint.d/20-envsubst-on-templates.sh\n/docker-entrypoint.sh: Launching /docker-entrypoint.d/30-tune-worker-processes.sh\n/docker-entrypoint.sh: Configuration complete; ready for start up\n{nginx} [notice] 1#1: using the \"epoll\" event method\n{nginx} [notice] 1#1: nginx/1.27.5\n{nginx} [notice] 1#1: built by gcc 12.2.0 (Debian 12.2.0-14) \n{nginx} [notice] 1#1: OS: Linux {kernel}\n{nginx} [notice] 1#1: getrlimit(RLIMIT_NOFILE): 1048576:1048576\n{nginx} [notice] 1#1: start worker processes\n{nginx} [notice] 1#1: start worker process 29\n{nginx} [notice] 1#1: start worker process 30\n";

pub const NGINX_INDEX: &str = "<!DOCTYPE html>
<html>
<head>
<title>Welcome to nginx!</title>
<style>
html { color-scheme: light dark; }
body { width: 35em; margin: 0 auto;
font-family: Tahoma, Verdana, Arial, sans-serif; }
</style>
</head>
<body>
<h1>Welcome to nginx!</h1>
<p>If you see this page, the nginx web server is successfully installed and
working. Further configuration is required.</p>

<p>For online documentation and support please refer to
<a href=\"http://nginx.org/\">nginx.org</a>.<br/>
Commercial support is available at
<a href=\"http://nginx.com/\">nginx.com</a>.</p>

<p><em>Thank you for using nginx.</em></p>
</body>
</html>
";

pub const HTTPD_INDEX: &str = "<html><body><h1>It works!</h1></body></html>\n";

pub const HTTPD_LOG: &str = "AH00558: httpd: Could not reliably determine the server's fully qualified domain name, using $POD_IP. Set the 'ServerName' directive globally to suppress this message
AH00558: httpd: Could not reliably determine the server's fully qualified domain name, using $POD_IP. Set the 'ServerName' directive globally to suppress this message
[{apache}] [mpm_event:notice] [pid 1:tid 1] AH00489: Apache/2.4.63 (Unix) configured -- resuming normal operations
[{apache}] [core:notice] [pid 1:tid 1] AH00094: Command line: 'httpd -D FOREGROUND'
";

pub const HPA_EXAMPLE_LOG: &str = "AH00558: apache2: Could not reliably determine the server's fully qualified domain name, using $POD_IP. Set the 'ServerName' directive globally to suppress this message
AH00558: apache2: Could not reliably determine the server's fully qualified domain name, using $POD_IP. Set the 'ServerName' directive globally to suppress this message
[{apache}] [mpm_prefork:notice] [pid 1] AH00163: Apache/2.4.10 (Debian) PHP/5.6.14 configured -- resuming normal operations
[{apache}] [core:notice] [pid 1] AH00094: Command line: 'apache2 -D FOREGROUND'
";

pub const REDIS_LOG: &str = "1:C {redis} # WARNING Memory overcommit must be enabled! Without it, a background save or replication may fail under low memory condition. Being disabled, it can also cause failures without low memory condition, see https://github.com/jemalloc/jemalloc/issues/1328. To fix this issue add 'vm.overcommit_memory = 1' to /etc/sysctl.conf and then reboot or run the command 'sysctl vm.overcommit_memory=1' for this to take effect.
1:C {redis} * oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo
1:C {redis} * Redis version=8.0.2, bits=64, commit=00000000, modified=1, pid=1, just started
1:C {redis} # Warning: no config file specified, using the default config. In order to specify a config file use redis-server /path/to/redis.conf
1:M {redis} * monotonic clock: POSIX clock_gettime
1:M {redis} * Running mode=standalone, port=6379.
1:M {redis} * Server initialized
1:M {redis} * Ready to accept connections tcp
";

pub const POSTGRES_MISSING: &str =
    "Error: Database is uninitialized and superuser password is not specified.
       You must specify POSTGRES_PASSWORD to a non-empty value for the
       superuser. For example, \"-e POSTGRES_PASSWORD=password\" on \"docker run\".

       You may also use \"POSTGRES_HOST_AUTH_METHOD=trust\" to allow all
       connections without a password. This is *not* recommended.

       See PostgreSQL documentation about \"trust\":
       https://www.postgresql.org/docs/current/auth-trust.html
";

pub const POSTGRES_LOG: &str = "The files belonging to this database system will be owned by user \"postgres\".
This user must also own the server process.

The database cluster will be initialized with locale \"en_US.utf8\".
The default database encoding has accordingly been set to \"UTF8\".
The default text search configuration will be set to \"english\".

Data page checksums are disabled.

fixing permissions on existing directory /var/lib/postgresql/data ... ok
creating subdirectories ... ok
selecting dynamic shared memory implementation ... posix
selecting default \"max_connections\" ... 100
selecting default \"shared_buffers\" ... 128MB
selecting default time zone ... Etc/UTC
creating configuration files ... ok
running bootstrap script ... ok
performing post-bootstrap initialization ... ok
syncing data to disk ... ok


Success. You can now start the database server using:

    pg_ctl -D /var/lib/postgresql/data -l logfile start

initdb: warning: enabling \"trust\" authentication for local connections
initdb: hint: You can change this by editing pg_hba.conf or using the option -A, or --auth-local and --auth-host, the next time you run initdb.
waiting for server to start....{pg} [48] LOG:  starting PostgreSQL 17.5 (Debian 17.5-1.pgdg120+1) on x86_64-pc-linux-gnu, compiled by gcc (Debian 12.2.0-14) 12.2.0, 64-bit
{pg} [48] LOG:  listening on Unix socket \"/var/run/postgresql/.s.PGSQL.5432\"
{pg} [51] LOG:  database system was shut down at {pg}
{pg} [48] LOG:  database system is ready to accept connections
 done
server started

/usr/local/bin/docker-entrypoint.sh: ignoring /docker-entrypoint-initdb.d/*

waiting for server to shut down...{pg} [48] LOG:  received fast shutdown request
.{pg} [48] LOG:  aborting any active transactions
{pg} [48] LOG:  background worker \"logical replication launcher\" (PID 54) exited with exit code 1
{pg} [49] LOG:  shutting down
{pg} [49] LOG:  checkpoint starting: shutdown immediate
{pg} [49] LOG:  checkpoint complete: wrote 3 buffers (0.0%); 0 WAL file(s) added, 0 removed, 0 recycled; write=0.003 s, sync=0.002 s, total=0.011 s; sync files=2, longest=0.001 s, average=0.001 s; distance=0 kB, estimate=0 kB; lsn=0/14EAA60, redo lsn=0/14EAA60
{pg} [48] LOG:  database system is shut down
 done
server stopped

PostgreSQL init process complete; ready for start up.

{pg} [1] LOG:  starting PostgreSQL 17.5 (Debian 17.5-1.pgdg120+1) on x86_64-pc-linux-gnu, compiled by gcc (Debian 12.2.0-14) 12.2.0, 64-bit
{pg} [1] LOG:  listening on IPv4 address \"0.0.0.0\", port 5432
{pg} [1] LOG:  listening on IPv6 address \"::\", port 5432
{pg} [1] LOG:  listening on Unix socket \"/var/run/postgresql/.s.PGSQL.5432\"
{pg} [62] LOG:  database system was shut down at {pg}
{pg} [1] LOG:  database system is ready to accept connections
";

pub const MYSQL_MISSING: &str =
    "{mysql} [Note] [Entrypoint]: Entrypoint script for MySQL Server 9.3.0-1.el9 started.
{mysql} [Note] [Entrypoint]: Switching to dedicated user 'mysql'
{mysql} [Note] [Entrypoint]: Entrypoint script for MySQL Server 9.3.0-1.el9 started.
{mysql} [ERROR] [Entrypoint]: Database is uninitialized and password option is not specified
    You need to specify one of the following as an environment variable:
    - MYSQL_ROOT_PASSWORD
    - MYSQL_ALLOW_EMPTY_PASSWORD
    - MYSQL_RANDOM_ROOT_PASSWORD
";

pub const MYSQL_LOG: &str = "{mysql} [Note] [Entrypoint]: Entrypoint script for MySQL Server 9.3.0-1.el9 started.
{mysql} [Note] [Entrypoint]: Switching to dedicated user 'mysql'
{mysql} [Note] [Entrypoint]: Entrypoint script for MySQL Server 9.3.0-1.el9 started.
{mysql} [Note] [Entrypoint]: Initializing database files
{mysql} [Note] [Entrypoint]: Database files initialized
{mysql} [Note] [Entrypoint]: Starting temporary server
{mysql} [Note] [Entrypoint]: Temporary server started.
{mysql} [Note] [Entrypoint]: Stopping temporary server
{mysql} [Note] [Entrypoint]: Temporary server stopped

{mysql} [Note] [Entrypoint]: MySQL init process done. Ready for start up.

{iso} 0 [System] [MY-015015] [Server] MySQL Server - start.
{iso} 0 [System] [MY-010116] [Server] /usr/sbin/mysqld (mysqld 9.3.0) starting as process 1
{iso} 1 [System] [MY-013576] [InnoDB] InnoDB initialization has started.
{iso} 1 [System] [MY-013577] [InnoDB] InnoDB initialization has ended.
{iso} 0 [System] [MY-011323] [Server] X Plugin ready for connections. Bind-address: '::' port: 33060, socket: /var/run/mysqld/mysqlx.sock
{iso} 0 [System] [MY-010931] [Server] /usr/sbin/mysqld: ready for connections. Version: '9.3.0'  socket: '/var/run/mysqld/mysqld.sock'  port: 3306  MySQL Community Server - GPL.
";

pub const MONGO_LOG: &str = "{\"t\":{\"$date\":\"{mongo}\"},\"s\":\"I\",  \"c\":\"CONTROL\",  \"id\":23285,   \"ctx\":\"main\",\"msg\":\"Automatically disabling TLS 1.0, to force-enable TLS 1.0 specify --sslDisabledProtocols 'none'\"}
{\"t\":{\"$date\":\"{mongo}\"},\"s\":\"I\",  \"c\":\"NETWORK\",  \"id\":4648601, \"ctx\":\"main\",\"msg\":\"Implicit TCP FastOpen unavailable. If TCP FastOpen is required, set at least one of the related parameters\",\"attr\":{\"relatedParameters\":[\"tcpFastOpenServer\",\"tcpFastOpenClient\",\"tcpFastOpenQueueSize\"]}}
{\"t\":{\"$date\":\"{mongo}\"},\"s\":\"I\",  \"c\":\"CONTROL\",  \"id\":4615611, \"ctx\":\"initandlisten\",\"msg\":\"MongoDB starting\",\"attr\":{\"pid\":1,\"port\":27017,\"dbPath\":\"/data/db\",\"architecture\":\"64-bit\",\"host\":\"$HOSTNAME\"}}
{\"t\":{\"$date\":\"{mongo}\"},\"s\":\"I\",  \"c\":\"NETWORK\",  \"id\":23015,   \"ctx\":\"listener\",\"msg\":\"Listening on\",\"attr\":{\"address\":\"0.0.0.0\"}}
{\"t\":{\"$date\":\"{mongo}\"},\"s\":\"I\",  \"c\":\"NETWORK\",  \"id\":23016,   \"ctx\":\"listener\",\"msg\":\"Waiting for connections\",\"attr\":{\"port\":27017,\"ssl\":\"off\"}}
";

/// kubernetes-bootcamp's server.js: `console.log("Kubernetes Bootcamp App
/// Started At:", startTime, "| Running On: ", host, "\n")`.
pub const BOOTCAMP_LOG: &str =
    "Kubernetes Bootcamp App Started At: {iso} | Running On:  $HOSTNAME \n\n";
pub const BOOTCAMP_V1: &str = "Hello Kubernetes bootcamp! | Running on: $HOSTNAME | v=1\n";
pub const BOOTCAMP_V2: &str = "Hello Kubernetes bootcamp! | Running on: $HOSTNAME | v=2\n";

pub const CURL_USAGE: &str = "curl: try 'curl --help' or 'curl --manual' for more information\n";

/// nginx's built-in 404 page (`ngx_http_error_404_page` and the tail with
/// `server_tokens on`): CRLF line ends.
pub const NGINX_404: &str = "<html>\r\n<head><title>404 Not Found</title></head>\r\n<body>\r\n<center><h1>404 Not Found</h1></center>\r\n<hr><center>nginx/1.27.5</center>\r\n</body>\r\n</html>\r\n";
