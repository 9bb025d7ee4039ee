//! openssl 3.0 (Ubuntu 22.04's): the subcommands Kubernetes tutorials use
//! to make keys, certificate requests and certificates (`genrsa`, `req`,
//! `x509`), plus `rand`, `rsa`, `base64` and `version`. Real RSA and
//! X.509 (kubeplay-pki), seeded from the shell's stream, so a lesson makes
//! the same key every run.

mod config;
mod req;
mod verify;
mod x509;

use super::Ctx;
use kubeplay_pki::{Cert, Key, Request, Seed};

/// The largest RSA key made here (see `key_bits`).
const MAX_BITS: usize = 4096;

/// openssl's error queue lines start with a thread id; one fixed id.
const THREAD: &str = "40C7CA07797F0000";

pub fn openssl(ctx: &mut Ctx, argv: &[String]) -> i32 {
    let Some(cmd) = argv.get(1) else {
        ctx.err("OpenSSL> ");
        return 0;
    };
    let args = &argv[2..];
    match cmd.as_str() {
        "version" => {
            ctx.out("OpenSSL 3.0.2 15 Mar 2022 (Library: OpenSSL 3.0.2 15 Mar 2022)\n");
            0
        }
        "rand" => rand(ctx, args),
        "genrsa" => genrsa(ctx, args),
        "rsa" => rsa(ctx, args),
        "verify" => verify::verify(ctx, args),
        "dgst" | "sha256" | "sha1" | "sha512" | "md5" => verify::dgst(ctx, cmd, args),
        "req" => req::req(ctx, args),
        "x509" => x509::x509(ctx, args),
        "base64" | "enc" => base64(ctx, cmd, args),
        "help" => {
            ctx.out(HELP);
            0
        }
        other => {
            ctx.err(&format!(
                "Invalid command '{other}'; type \"help\" for a list.\n"
            ));
            1
        }
    }
}

const HELP: &str = "help:

Standard commands
base64            dgst              enc               genrsa            
help              md5               rand              req               
rsa               sha1              sha256            sha512            
verify            version           x509              

";

/// Options of one subcommand: `-flag` and `-opt value`, in order.
pub(super) struct Args {
    pub flags: Vec<String>,
    pub vals: Vec<(String, String)>,
    pub rest: Vec<String>,
}

impl Args {
    pub fn has(&self, f: &str) -> bool {
        self.flags.iter().any(|x| x == f)
    }
    pub fn val(&self, k: &str) -> Option<&str> {
        self.vals
            .iter()
            .rev()
            .find(|(n, _)| n == k)
            .map(|(_, v)| v.as_str())
    }
    pub fn all(&self, k: &str) -> Vec<&str> {
        self.vals
            .iter()
            .filter(|(n, _)| n == k)
            .map(|(_, v)| v.as_str())
            .collect()
    }
}

/// Splits a subcommand's arguments; an unknown option is openssl's usage error.
pub(super) fn parse(
    ctx: &mut Ctx,
    prog: &str,
    args: &[String],
    flags: &[&str],
    valued: &[&str],
) -> Result<Args, i32> {
    let mut a = Args {
        flags: vec![],
        vals: vec![],
        rest: vec![],
    };
    let mut i = 0;
    while i < args.len() {
        let arg = &args[i];
        i += 1;
        let Some(name) = arg.strip_prefix('-').filter(|n| !n.is_empty()) else {
            a.rest.push(arg.clone());
            continue;
        };
        let name = name.strip_prefix('-').unwrap_or(name);
        if flags.contains(&name) {
            a.flags.push(name.to_string());
        } else if valued.contains(&name) {
            let Some(v) = args.get(i) else {
                ctx.err(&format!(
                    "{prog}: Option -{name} needs a value\n{prog}: Use -help for summary.\n"
                ));
                return Err(1);
            };
            i += 1;
            a.vals.push((name.to_string(), v.clone()));
        } else {
            ctx.err(&format!(
                "{prog}: Unknown option: -{name}\n{prog}: Use -help for summary.\n"
            ));
            return Err(1);
        }
    }
    Ok(a)
}

pub(super) fn seed(ctx: &Ctx, what: &str) -> Seed {
    Seed::from_parts(&[
        &ctx.draw.to_le_bytes(),
        &ctx.now.to_le_bytes(),
        what.as_bytes(),
    ])
}

/// Reads an input file, with openssl's store errors when it is missing.
pub(super) fn read_input(ctx: &mut Ctx, path: &str, what: &str) -> Result<String, i32> {
    match ctx.read(path) {
        Ok(s) => Ok(s),
        Err(_) => {
            ctx.err(&format!(
                "Could not open file or uri for loading {what} from {path}\n\
                 {THREAD}:error:16000069:STORE routines:ossl_store_get0_loader_int:unregistered scheme:../crypto/store/store_register.c:237:scheme=file\n\
                 {THREAD}:error:80000002:system library:file_open:No such file or directory:../providers/implementations/storemgmt/file_store.c:266:calling stat({path})\n"
            ));
            Err(1)
        }
    }
}

fn unsupported(ctx: &mut Ctx, what: &str, path: &str) {
    ctx.err(&format!(
        "Could not read {what} from {path}\n\
         {THREAD}:error:1608010C:STORE routines:ossl_store_handle_load_result:unsupported:../crypto/store/store_result.c:149:\n"
    ));
}

pub(super) fn load_key(ctx: &mut Ctx, path: &str) -> Result<Key, i32> {
    let text = read_input(ctx, path, "private key")?;
    Key::from_pem(&text).map_err(|_| {
        unsupported(ctx, "private key", path);
        1
    })
}

pub(super) fn load_cert(ctx: &mut Ctx, path: &str) -> Result<Cert, i32> {
    let Ok(text) = read_input(ctx, path, "certificate") else {
        ctx.err("Unable to load certificate\n");
        return Err(1);
    };
    Cert::from_pem(&text).map_err(|_| {
        unsupported(ctx, "certificate", path);
        ctx.err("Unable to load certificate\n");
        1
    })
}

/// openssl's BIO error for a file it reads whole (a request, a config).
pub(super) fn cannot_open(ctx: &mut Ctx, path: &str) {
    ctx.err(&format!(
        "Can't open \"{path}\" for reading, No such file or directory\n\
         {THREAD}:error:80000002:system library:BIO_new_file:No such file or directory:../crypto/bio/bss_file.c:67:calling fopen({path}, r)\n\
         {THREAD}:error:10000080:BIO routines:BIO_new_file:no such file:../crypto/bio/bss_file.c:75:\n"
    ));
}

pub(super) fn load_request(ctx: &mut Ctx, path: &str) -> Result<Request, i32> {
    let text = match ctx.read(path) {
        Ok(t) => t,
        Err(_) => {
            cannot_open(ctx, path);
            ctx.err("Unable to load X509 request\n");
            return Err(1);
        }
    };
    Request::from_pem(&text).map_err(|_| {
        ctx.err(&format!(
            "{THREAD}:error:1608010C:STORE routines:ossl_store_handle_load_result:unsupported:../crypto/store/store_result.c:149:\nUnable to load X509 request\n"
        ));
        1
    })
}

/// Writes to `-out FILE`, or stdout without one.
pub(super) fn emit(ctx: &mut Ctx, out: Option<&str>, text: &str) -> Result<(), i32> {
    let Some(path) = out else {
        ctx.out(text);
        return Ok(());
    };
    let p = ctx.path(path);
    if let Err(e) = ctx.vfs.write_checked(&p, text, false) {
        ctx.err(&format!("Can't open \"{path}\" for writing, {}\n", e.msg()));
        return Err(1);
    }
    Ok(())
}

/// What key generation prints to stderr: a dot per candidate, a plus per
/// test passed, a star per prime (here drawn from the seed, not counted).
pub(super) fn progress(seed: &mut Seed) -> String {
    let mut s = String::new();
    for prime in 0..2 {
        for b in seed.bytes(24) {
            s.push_str(&".".repeat(usize::from(b % 9) + 1));
            s.push('+');
        }
        s.push_str(&"+".repeat(64));
        if prime == 0 {
            s.push('*');
        }
    }
    s.push('\n');
    s
}

/// `rsa:2048`, `2048`: the key size of `-newkey` or genrsa's operand.
pub(super) fn key_bits(ctx: &mut Ctx, spec: &str) -> Result<usize, i32> {
    let bits: usize = spec.trim_start_matches("rsa:").parse().unwrap_or(0);
    if bits < 512 {
        ctx.err(&format!(
            "Error setting RSA length\n{THREAD}:error:1C8000AB:Provider routines:rsa_gen_set_params:key size too small:../providers/implementations/keymgmt/rsa_kmgmt.c:509:\n"
        ));
        return Err(1);
    }
    // A deliberate limit: a real openssl makes keys up to 16384 bits, but
    // here an 8192-bit key would hold the page for minutes (a 4096-bit
    // one takes seconds). Refused in openssl's words for a bad size.
    if bits > MAX_BITS {
        ctx.err(&format!(
            "Error setting RSA length\n{THREAD}:error:1C8000AC:Provider routines:rsa_gen_set_params:key size too large:../providers/implementations/keymgmt/rsa_kmgmt.c:509:\n"
        ));
        return Err(1);
    }
    Ok(bits)
}

pub(super) fn new_key(ctx: &mut Ctx, bits: usize, what: &str) -> Result<Key, i32> {
    let mut seed = seed(ctx, what);
    let dots = progress(&mut seed);
    ctx.err(&dots);
    Key::generate(&mut seed, bits).ok_or_else(|| {
        ctx.err("Error generating RSA key\n");
        1
    })
}

fn genrsa(ctx: &mut Ctx, args: &[String]) -> i32 {
    let a = match parse(
        ctx,
        "genrsa",
        args,
        &["traditional", "quiet", "verbose"],
        &["out", "f4", "3"],
    ) {
        Ok(a) => a,
        Err(st) => return st,
    };
    let bits = match a.rest.first() {
        Some(b) => match key_bits(ctx, b) {
            Ok(b) => b,
            Err(st) => return st,
        },
        None => 2048,
    };
    let key = match new_key(ctx, bits, "genrsa") {
        Ok(k) => k,
        Err(st) => return st,
    };
    match emit(ctx, a.val("out"), &key.to_pem()) {
        Ok(()) => 0,
        Err(st) => st,
    }
}

fn rsa(ctx: &mut Ctx, args: &[String]) -> i32 {
    let a = match parse(
        ctx,
        "rsa",
        args,
        &["pubout", "noout", "check", "text"],
        &["in", "out"],
    ) {
        Ok(a) => a,
        Err(st) => return st,
    };
    let Some(input) = a.val("in") else {
        ctx.err("rsa: Use -help for summary.\n");
        return 1;
    };
    let key = match load_key(ctx, input) {
        Ok(k) => k,
        Err(st) => return st,
    };
    if a.has("check") {
        ctx.out("RSA key ok\n");
    }
    if a.has("noout") {
        return 0;
    }
    let text = if a.has("pubout") {
        key.public_pem()
    } else {
        key.to_pem()
    };
    ctx.err("writing RSA key\n");
    match emit(ctx, a.val("out"), &text) {
        Ok(()) => 0,
        Err(st) => st,
    }
}

fn rand(ctx: &mut Ctx, args: &[String]) -> i32 {
    let a = match parse(ctx, "rand", args, &["hex", "base64"], &["out"]) {
        Ok(a) => a,
        Err(st) => return st,
    };
    let Some(n) = a.rest.first().and_then(|n| n.parse::<usize>().ok()) else {
        ctx.err("rand: Use -help for summary.\n");
        return 1;
    };
    let bytes = seed(ctx, "rand").bytes(n.min(1 << 20));
    let text = if a.has("hex") {
        format!(
            "{}\n",
            bytes.iter().map(|b| format!("{b:02x}")).collect::<String>()
        )
    } else if a.has("base64") {
        wrap64(&super::misc::b64_encode(&bytes))
    } else {
        // The shell's files hold text: raw bytes are shown as Latin-1.
        bytes.iter().map(|b| char::from(*b)).collect()
    };
    match emit(ctx, a.val("out"), &text) {
        Ok(()) => 0,
        Err(st) => st,
    }
}

/// openssl's base64 lines: 64 characters each.
fn wrap64(s: &str) -> String {
    let mut out = String::new();
    for chunk in s.as_bytes().chunks(64) {
        out.push_str(&String::from_utf8_lossy(chunk));
        out.push('\n');
    }
    out
}

fn base64(ctx: &mut Ctx, cmd: &str, args: &[String]) -> i32 {
    let a = match parse(
        ctx,
        cmd,
        args,
        &["d", "A", "a", "e", "base64"],
        &["in", "out"],
    ) {
        Ok(a) => a,
        Err(st) => return st,
    };
    let input = match a.val("in") {
        Some(p) => match ctx.read(p) {
            Ok(s) => s,
            Err(_) => {
                ctx.err(&format!(
                    "Can't open \"{p}\" for reading, No such file or directory\n"
                ));
                return 1;
            }
        },
        None => std::mem::take(&mut ctx.stdin),
    };
    let text = if a.has("d") {
        let clean: String = input.split_whitespace().collect();
        match super::misc::b64_decode(&clean) {
            Some(b) => String::from_utf8_lossy(&b).into_owned(),
            None => String::new(),
        }
    } else {
        let enc = super::misc::b64_encode(input.as_bytes());
        if a.has("A") {
            format!("{enc}\n")
        } else {
            wrap64(&enc)
        }
    };
    match emit(ctx, a.val("out"), &text) {
        Ok(()) => 0,
        Err(st) => st,
    }
}
