//! Transcript tests: input → exact stdout, stderr and status.
//!
//! `BASH_CASES` were produced by real bash 5 + GNU coreutils (`bash -i -c`,
//! run in an empty directory that the shell here mirrors as /tmp/kp); the
//! remaining tests cover what needs a terminal, virtual time, the host's
//! programs, or must simply never panic or hang.

use kubeplay_shell::{Invocation, Output, Programs, Shell, Stream};

/// A stand-in for the cluster: `kubectl` echoes its argv and (with `-f -`
/// or `-i`) its stdin, `sleep` succeeds, everything else is unknown to the host.
struct Host;

impl Programs for Host {
    fn run(&mut self, inv: Invocation<'_>) -> Option<Output> {
        let mut o = Output::default();
        match inv.argv[0].as_str() {
            "kubectl" => {
                if inv.argv.get(1).map(|s| s.as_str()) == Some("fail") {
                    o.err("error: boom\n");
                    o.status = 1;
                    return Some(o);
                }
                o.out(format!(
                    "kubectl argv={:?} cwd={}\n",
                    &inv.argv[1..],
                    inv.cwd
                ));
                // Like kubectl, it reads stdin only for `-f -` and `-i`.
                let reads = inv.argv.iter().any(|a| a == "-" || a == "-i");
                if reads && !inv.stdin.is_empty() {
                    o.out(format!("stdin={:?}\n", inv.stdin.read()));
                }
                if let Some(v) = inv.env.get("KUBECONFIG") {
                    o.out(format!("KUBECONFIG={}\n", v));
                }
                Some(o)
            }
            "sleep" => Some(o),
            // Reads one line, as `kubectl delete -i` reads its answer.
            "ask" => {
                o.out(format!("ask={:?}\n", inv.stdin.read_line()));
                Some(o)
            }
            "writer" => {
                inv.vfs.write("/tmp/written-by-host", "hi\n");
                Some(o)
            }
            _ => None,
        }
    }
    fn names(&self) -> Vec<&'static str> {
        vec!["ask", "kubectl", "sleep", "writer"]
    }
}

const NOW: i64 = 1_748_768_400_000; // Sun Jun  1 09:00:00 UTC 2025

fn shell() -> Shell {
    let mut sh = Shell::new("root", "minikube");
    sh.set_now(NOW);
    sh
}

fn run(sh: &mut Shell, input: &str) -> (String, String, i32) {
    let o = sh.run(input, &mut Host);
    (o.stdout(), o.stderr(), o.status)
}

fn check(inputs: &[&str], out: &str, err: &str, status: i32) {
    let mut sh = shell();
    let mut last = (String::new(), String::new(), 0);
    for i in inputs {
        last = run(&mut sh, i);
    }
    assert_eq!(
        (last.0.as_str(), last.1.as_str(), last.2),
        (out, err, status),
        "input: {:?}",
        inputs
    );
}

#[rustfmt::skip]
const BASH_CASES: &[(&str, &str, &str, i32)] = &[
    ("nproc; nproc --all; nproc --ignore=1; nproc --ignore=5", "2\n2\n1\n1\n", "", 0),
    ("nproc --ignore=x", "", "nproc: invalid number: ‘x’\n", 1),
    ("nproc a", "", "nproc: extra operand ‘a’\nTry 'nproc --help' for more information.\n", 1),
    ("groups; groups root", "root\nroot : root\n", "", 0),
    ("groups zzz", "", "groups: ‘zzz’: no such user\n", 1),
    ("printf 'a\\nb\\nd\\n' > f1; printf 'b\\nc\\nd\\ne\\n' > f2; comm f1 f2; comm -12 f1 f2; comm -3 f1 f2", "a\n\t\tb\n\tc\n\t\td\n\te\nb\nd\na\n\tc\n\te\n", "", 0),
    ("printf 'a\\nb\\nd\\n' > f1; printf 'b\\nc\\nd\\ne\\n' > f2; comm --output-delimiter=: f1 f2; comm --total -1 f1 f2", "a\n::b\n:c\n::d\n:e\n\tb\nc\n\td\ne\n1\t2\t2\ttotal\n", "", 0),
    ("printf 'a\\n' > f1; comm f1", "", "comm: missing operand after ‘f1’\nTry 'comm --help' for more information.\n", 1),
    ("printf 'a\\n' > f1; comm f1 nope", "", "comm: nope: No such file or directory\n", 1),
    ("printf 'b\\na\\n' > u1; printf 'a\\nb\\n' > s; comm u1 s", "\ta\n\t\tb\na\n", "comm: file 1 is not in sorted order\ncomm: input is not in sorted order\n", 1),
    ("printf 'b\\na\\n' > u1; printf 'a\\nb\\n' > s; comm --check-order s u1", "a\n\t\tb\n", "comm: file 2 is not in sorted order\n", 1),
    ("printf '1 a\\n2 b\\n3 c\\n' > j1; printf '1 x\\n3 y z\\n4 w\\n' > j2; join j1 j2; join -a1 j1 j2; join -v2 j1 j2", "1 a x\n3 c y z\n1 a x\n2 b\n3 c y z\n4 w\n", "", 0),
    ("printf '1 a\\n2 b\\n3 c\\n' > j1; printf '1 x\\n3 y z\\n4 w\\n' > j2; join -o 1.1,2.2,1.2 j1 j2; join -o '0 2.3' -e E j1 j2; join -a2 -o auto -e - j1 j2", "1 x a\n3 y c\n1 E\n3 z\n1 a x\n3 c y\n4 - w\n", "", 0),
    ("printf 'a,1,\\nb,2,x\\n' > c1; printf 'a,,q\\nb,3,r\\n' > c2; join -t, c1 c2; join -t, -e Z -o 1.3,2.2 c1 c2", "a,1,,,q\nb,2,x,3,r\nZ,Z\nx,3\n", "", 0),
    ("printf 'x 1\\ny 2\\n' > k1; printf '1 a\\n2 b\\n' > j1; join -1 2 -2 1 k1 j1; printf '1 a\\n1 b\\n' > m; join m m", "1 x a\n2 y b\n1 a a\n1 a b\n1 b a\n1 b b\n", "", 0),
    ("printf 'b 1\\na 2\\n' > un; printf '1 a\\n2 b\\n3 c\\n' > j1; join un j1", "", "join: un:2: is not sorted: a 2\njoin: input is not in sorted order\n", 1),
    ("printf 'A 1\\nb 2\\n' > ic; printf 'a x\\nB y\\n' > ic2; join -i ic ic2; printf 'h1 h2\\n1 a\\n' > h1; printf 'h1 h3\\n1 b\\n' > h2; join --header h1 h2", "A 1 x\nb 2 y\nh1 h2 h3\n1 a b\n", "", 0),
    ("printf '1 a\\n' > j1; join -a3 j1 j1", "", "join: invalid field number: ‘3’\n", 1),
    ("printf '1 a\\n' > j1; join -o 3.1 j1 j1", "", "join: invalid file number in field spec: ‘3.1’\n", 1),
    ("printf '1 a\\n' > j1; join -t ab j1 j1", "", "join: multi-character tab ‘ab’\n", 1),
    ("printf 'hello world this is a test of fold\\n' > fo; fold -w 10 fo; fold -s -w 10 fo; fold -5 fo", "hello worl\nd this is \na test of \nfold\nhello \nworld \nthis is a \ntest of \nfold\nhello\n worl\nd thi\ns is \na tes\nt of \nfold\n", "", 0),
    ("printf 'a\\tb\\tc\\n' | fold -w 5; printf 'abc\\bd\\n' | fold -w 2; printf 'abcdef' | fold -bw 4", "a\n\t\nb\n\t\nc\nab\nc\u{8}d\nabcd\nef", "", 0),
    ("printf 'x\\n' | fold -w 0", "", "fold: invalid number of columns: ‘0’: Numerical result out of range\n", 1),
    ("printf 'x\\n' | fold -w x", "", "fold: invalid number of columns: ‘x’\n", 1),
    ("fold nope", "", "fold: nope: No such file or directory\n", 1),
    ("printf 'a\\tbc\\td\\n\\tx\\n' > t; expand t; expand -t 4 t; expand -t 2,5 t; expand -i t; expand -t 3,/8 t; expand -t 3,+4 t", "a       bc      d\n        x\na   bc  d\n    x\na bc d\n  x\na\tbc\td\n        x\na  bc   d\n   x\na  bc  d\n   x\n", "", 0),
    ("printf 'a\\tb\\n' | expand -t 5,3", "", "expand: tab sizes must be ascending\n", 1),
    ("printf 'a\\tb\\n' | expand -t x", "", "expand: tab size contains invalid character(s): ‘x’\n", 1),
    ("printf '        a       b\\n    c\\n' > u; unexpand u | od -c; unexpand -a u | od -c; unexpand -t 4 u | od -c", "0000000  \\t   a                               b  \\n                   c\n0000020  \\n\n0000021\n0000000  \\t   a  \\t   b  \\n                   c  \\n\n0000013\n0000000  \\t  \\t   a  \\t  \\t   b  \\n  \\t   c  \\n\n0000012\n", "", 0),
    ("printf 'hello world\\n' > tf; truncate -s 5 tf; od -c tf; truncate -s +3 tf; od -c tf; truncate -s -2 tf; od -c tf", "0000000   h   e   l   l   o\n0000005\n0000000   h   e   l   l   o  \\0  \\0  \\0\n0000010\n0000000   h   e   l   l   o  \\0\n0000006\n", "", 0),
    ("truncate -s 3 newf; od -An -c newf; truncate -c -s 3 nof; echo *; printf 'abcdefg' > rf; truncate -s '%3' rf; wc -c rf", "  \\0  \\0  \\0\nnewf\n9 rf\n", "", 0),
    ("printf 'x' > tf; truncate tf", "", "truncate: you must specify either ‘--size’ or ‘--reference’\nTry 'truncate --help' for more information.\n", 1),
    ("truncate -s 1", "", "truncate: missing file operand\nTry 'truncate --help' for more information.\n", 1),
    ("truncate -s x tf", "", "truncate: Invalid number: ‘x’\n", 1),
    ("truncate -s 3 /nodir/f", "", "truncate: cannot open '/nodir/f' for writing: No such file or directory\n", 1),
    ("mkdir dd; truncate -s 0 dd", "", "truncate: cannot open 'dd' for writing: Is a directory\n", 1),
    ("seq 1 10 > in; split -l 3 in; for f in x*; do echo \"$f: $(tr '\\n' ' ' < $f)\"; done", "xaa: 1 2 3 \nxab: 4 5 6 \nxac: 7 8 9 \nxad: 10 \n", "", 0),
    ("seq 1 10 > in; split -l 4 -d in p; echo p*; split -b 7 -a 3 --additional-suffix=.t in q; wc -c q*", "p00 p01 p02\n 7 qaaa.t\n 7 qaab.t\n 7 qaac.t\n21 total\n", "", 0),
    ("seq 1 10 > in; split -n 3 in; wc -c x*; split -n l/3 in y; wc -l y*; split -n 2/3 in", " 7 xaa\n 7 xab\n 7 xac\n21 total\n 4 yaa\n 3 yab\n 3 yac\n10 total\n\n5\n6\n7\n", "", 0),
    ("seq 1 10 > in; split -l 0 in", "", "split: invalid number of lines: ‘0’: Numerical result out of range\n", 1),
    ("split nope", "", "split: cannot open 'nope' for reading: No such file or directory\n", 1),
    ("seq 1 10 > in; split -l 3 -b 3 in", "", "split: cannot split in more than one way\nTry 'split --help' for more information.\n", 1),
    ("printf 'hello world\\n' > f; od f; od -c f; od -An -tx1 f; od -b f; od -x f; od -d f", "0000000 062550 066154 020157 067567 066162 005144\n0000014\n0000000   h   e   l   l   o       w   o   r   l   d  \\n\n0000014\n 68 65 6c 6c 6f 20 77 6f 72 6c 64 0a\n0000000 150 145 154 154 157 040 167 157 162 154 144 012\n0000014\n0000000 6568 6c6c 206f 6f77 6c72 0a64\n0000014\n0000000 25960 27756  8303 28535 27762  2660\n0000014\n", "", 0),
    ("printf 'hello world\\n' > f; od -N 4 -j 2 -c f; od -Ax -tx1z f; od -Ad -w4 -c f; od -t x4 f; od -t d2 -t c f", "0000002   l   l   o    \n0000006\n000000 68 65 6c 6c 6f 20 77 6f 72 6c 64 0a              >hello world.<\n00000c\n0000000   h   e   l   l\n0000004   o       w   o\n0000008   r   l   d  \\n\n0000012\n0000000 6c6c6568 6f77206f 0a646c72\n0000014\n0000000   25960   27756    8303   28535   27762    2660\n          h   e   l   l   o       w   o   r   l   d  \\n\n0000014\n", "", 0),
    ("head -c 64 /dev/zero > z; od z; od -v -An -tx1 -w32 z", "0000000 000000 000000 000000 000000 000000 000000 000000 000000\n*\n0000100\n 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00\n 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00\n", "", 0),
    ("printf 'hello world\\n' > f; od -t x3 f", "", "od: invalid type string ‘x3’;\nthis system doesn't provide a 3-byte integral type\n", 1),
    ("printf 'ab' | od -N x", "", "od: invalid -N argument 'x'\n", 1),
    ("printf 'ab' | od -j 5", "", "od: cannot skip past end of combined input\n", 1),
    ("printf 'abc' | od -A q", "", "od: invalid output address radix 'q'; it must be one character from [doxn]\n", 1),
    ("printf 'hello world, this is xxd!\\n\\0\\001' > x; xxd x; xxd -p x; xxd -u -c 8 x; xxd -l 5 x; xxd -s 3 -l 4 x; xxd -i x", "00000000: 6865 6c6c 6f20 776f 726c 642c 2074 6869  hello world, thi\n00000010: 7320 6973 2078 7864 210a 0001            s is xxd!...\n68656c6c6f20776f726c642c207468697320697320787864210a0001\n00000000: 6865 6C6C 6F20 776F  hello wo\n00000008: 726C 642C 2074 6869  rld, thi\n00000010: 7320 6973 2078 7864  s is xxd\n00000018: 210A 0001            !...\n00000000: 6865 6c6c 6f                             hello\n00000003: 6c6f 2077                                lo w\nunsigned char x[] = {\n  0x68, 0x65, 0x6c, 0x6c, 0x6f, 0x20, 0x77, 0x6f, 0x72, 0x6c, 0x64, 0x2c,\n  0x20, 0x74, 0x68, 0x69, 0x73, 0x20, 0x69, 0x73, 0x20, 0x78, 0x78, 0x64,\n  0x21, 0x0a, 0x00, 0x01\n};\nunsigned int x_len = 28;\n", "", 0),
    ("printf 'hello world' > x; xxd -g 1 -l 8 x; xxd -b -l 3 x; xxd -e x; xxd -p x | xxd -r -p; echo; xxd x | xxd -r", "00000000: 68 65 6c 6c 6f 20 77 6f                          hello wo\n00000000: 01101000 01100101 01101100                             hel\n00000000: 6c6c6568 6f77206f   646c72           hello world\nhello world\nhello world", "", 0),
    ("xxd nope", "", "xxd: nope: No such file or directory\n", 2),
    ("printf 'a' | xxd -c 300", "", "xxd: invalid number of columns (max. 256).\n", 1),
    ("head -c 64 /dev/zero > z; xxd -a z", "00000000: 0000 0000 0000 0000 0000 0000 0000 0000  ................\n*\n00000030: 0000 0000 0000 0000 0000 0000 0000 0000  ................\n", "", 0),
    ("printf 'abc' > sf; chmod 640 sf; stat -c '%n|%s|%a|%A|%U|%G|%u|%g|%F|%h|%b|%o|%%|%N' sf; stat -c '%10s|%-5a|%05s|%.1n|%#a' sf", "sf|3|640|-rw-r-----|root|root|0|0|regular file|1|8|4096|%|'sf'\n         3|640  |00003|s|0640\n", "", 0),
    ("printf 'abc' > sf; stat --printf='%n\\t%s\\n' sf; stat --format %s sf; stat -c 'a\\tb' sf; mkdir d; stat -c '%F %h %A' d /dev/null", "sf\t3\n3\na\\tb\ndirectory 2 drwxr-xr-x\ncharacter special file 1 crw-rw-rw-\n", "", 0),
    ("printf 'abc' > sf; stat -c %n sf nope", "sf\n", "stat: cannot statx 'nope': No such file or directory\n", 1),
    ("stat -c", "", "stat: option requires an argument -- 'c'\nTry 'stat --help' for more information.\n", 1),
    ("echo hello world", "hello world\n", "", 0),
    ("echo -n a; echo b", "ab\n", "", 0),
    ("echo -e 'a\\tb\\nc'", "a\tb\nc\n", "", 0),
    ("echo \"a  b\"   c   'd  e'", "a  b c d  e\n", "", 0),
    ("x=5; echo $x ${x} \"${x}\" '${x}'", "5 5 5 ${x}\n", "", 0),
    ("echo ${unset:-default} ${unset-dash} ${x:=assigned} $x", "default dash assigned assigned\n", "", 0),
    ("s=hello; echo ${#s} ${s:1:3} ${s^^} ${s%l*} ${s%%l*} ${s#*l} ${s##*l} ${s/l/L} ${s//l/L}", "5 ell HELLO hel he lo o heLlo heLLo\n", "", 0),
    ("echo $((1+2*3)) $((10/3)) $((10%3)) $((2**10)) $((-5/2))", "7 3 1 1024 -2\n", "", 0),
    ("echo $((1/0))", "", "bash: 1/0: division by 0 (error token is \"0\")\n", 1),
    ("lubectl get pods", "", "bash: lubectl: command not found\n", 127),
    ("cd nope", "", "bash: cd: nope: No such file or directory\n", 1),
    ("cd /etc/hostname", "", "bash: cd: /etc/hostname: Not a directory\n", 1),
    ("fi", "", "bash: syntax error near unexpected token `fi'\n", 2),
    ("echo a; fi; echo b", "", "bash: syntax error near unexpected token `fi'\n", 2),
    ("cat < nope", "", "bash: nope: No such file or directory\n", 1),
    ("false; echo $?; true; echo $?", "1\n0\n", "", 0),
    ("! false; echo $?", "0\n", "", 0),
    ("a=(one two three); echo ${a[1]} ${#a[@]} $a ${a[-1]}", "two 3 one three\n", "", 0),
    ("a=(x 'y z'); for i in \"${a[@]}\"; do echo \"[$i]\"; done; echo ${!a[@]}", "[x]\n[y z]\n0 1\n", "", 0),
    ("a=(1 2); a+=(3); a[6]=7; echo ${#a[@]} ${a[@]} ${!a[@]}; unset 'a[1]'; echo ${a[*]}", "4 1 2 3 7 0 1 2 6\n1 3 7\n", "", 0),
    ("i=1; a=(p q r); echo ${a[i]} ${a[$i+1]} ${#a[0]}", "q r 1\n", "", 0),
    ("e=(); echo \"n=${#e[@]}\"; for x in \"${e[@]}\"; do echo never; done", "n=0\n", "", 0),
    ("echo a=(b c)", "", "bash: syntax error near unexpected token `('\n", 2),
    ("true && echo yes || echo no; false && echo yes || echo no", "yes\nno\n", "", 0),
    ("for i in 1 2 3; do echo \"item $i\"; done", "item 1\nitem 2\nitem 3\n", "", 0),
    ("for i in {1..5}; do echo -n $i; done; echo", "12345\n", "", 0),
    ("i=0; while [ $i -lt 3 ]; do echo $i; i=$((i+1)); done", "0\n1\n2\n", "", 0),
    ("i=0; until [ $i -ge 2 ]; do echo u$i; i=$((i+1)); done", "u0\nu1\n", "", 0),
    ("if [ -d /etc ]; then echo dir; elif true; then echo no; else echo else; fi", "dir\n", "", 0),
    ("case hello in h*) echo starts-h;; *) echo other;; esac", "starts-h\n", "", 0),
    ("case x in a|b) echo ab;; x|y) echo xy;; esac", "xy\n", "", 0),
    ("f() { echo \"args=$# first=$1 all=$@\"; return 3; }; f a b c; echo $?", "args=3 first=a all=a b c\n3\n", "", 0),
    ("f() { local v=inner; echo $v; }; v=outer; f; echo $v", "inner\nouter\n", "", 0),
    ("echo $(echo nested $(echo deep))", "nested deep\n", "", 0),
    ("echo `echo backtick`", "backtick\n", "", 0),
    ("x=$(printf 'a\\nb\\n\\n'); echo \"$x\" | wc -l", "2\n", "", 0),
    ("cat <<EOF\nhome is $HOME\nmath $((1+1))\nEOF", "home is /root\nmath 2\n", "", 0),
    ("cat <<'EOF'\nliteral $HOME\nEOF", "literal $HOME\n", "", 0),
    ("cat <<-EOF\n\ttab stripped\n\tEOF", "tab stripped\n", "", 0),
    ("cat <<< \"here string\"", "here string\n", "", 0),
    ("echo one > f; echo two >> f; cat f", "one\ntwo\n", "", 0),
    ("echo out; echo err >&2", "out\n", "err\n", 0),
    ("ls nope 2>&1 | cat", "ls: cannot access 'nope': No such file or directory\n", "", 0),
    ("ls nope 2>/dev/null; echo $?", "2\n", "", 0),
    ("{ echo a; echo b; } | wc -l", "2\n", "", 0),
    ("(cd /; pwd); pwd", "/\n/tmp/kp\n", "", 0),
    ("echo a | tr a b | tr b c", "c\n", "", 0),
    ("printf '%s-%s\\n' a b c d", "a-b\nc-d\n", "", 0),
    ("printf '%5d|%-5s|%05.1f\\n' 42 ab 3.14159", "   42|ab   |003.1\n", "", 0),
    ("printf '%q\\n' 'a b' \"it's\"", "a\\ b\nit\\'s\n", "", 0),
    ("printf 'no newline'", "no newline", "", 0),
    ("printf '%d\\n' abc", "0\n", "bash: printf: abc: invalid number\n", 1),
    ("alias ll='ls -l'\nalias ll\nalias", "alias ll='ls -l'\nalias ll='ls -l'\n", "", 0),
    ("alias nope", "", "bash: alias: nope: not found\n", 1),
    ("unalias nope", "", "bash: unalias: nope: not found\n", 1),
    ("type cd if", "cd is a shell builtin\nif is a shell keyword\n", "", 0),
    ("type nope", "", "bash: type: nope: not found\n", 1),
    ("test 1 -eq 1 && echo eq", "eq\n", "", 0),
    ("[ 1 -eq a ]", "", "bash: [: a: integer expression expected\n", 2),
    ("[ a", "", "bash: [: missing `]'\n", 2),
    ("[ -z \"\" ] && [ -n x ] && echo ok", "ok\n", "", 0),
    ("[[ abc == a* ]] && echo glob", "glob\n", "", 0),
    ("[[ 5 -gt 3 && \"x\" != \"y\" ]] && echo both", "both\n", "", 0),
    ("[[ abc =~ ^a(b)c$ ]] && echo re", "re\n", "", 0),
    ("X=1 bash -c 'echo $X'", "1\n", "", 0),
    ("export FOO=bar; env | grep FOO", "FOO=bar\n", "", 0),
    ("unset FOO; echo \"[$FOO]\"", "[]\n", "", 0),
    ("read a b <<< \"one two three\"; echo \"$a|$b\"", "one|two three\n", "", 0),
    ("printf 'l1\\nl2\\n' | while read line; do echo \"got $line\"; done", "got l1\ngot l2\n", "", 0),
    ("set -- x y z; echo $# $2; shift; echo $1", "3 y\ny\n", "", 0),
    ("echo *.nothing", "*.nothing\n", "", 0),
    ("mkdir d; mkdir d", "", "mkdir: cannot create directory ‘d’: File exists\n", 1),
    ("mkdir -p a/b/c && ls -R a", "a:\nb\n\na/b:\nc\n\na/b/c:\n", "", 0),
    ("rm nope", "", "rm: cannot remove 'nope': No such file or directory\n", 1),
    ("rm -rf nope; echo $?", "0\n", "", 0),
    ("mkdir d; rm d", "", "rm: cannot remove 'd': Is a directory\n", 1),
    ("cp nope x", "", "cp: cannot stat 'nope': No such file or directory\n", 1),
    ("ls -z", "", "ls: invalid option -- 'z'\nTry 'ls --help' for more information.\n", 2),
    ("echo hi | wc", "      1       1       3\n", "", 0),
    ("printf 'a b\\nc\\n' > f; wc f; wc -l f; wc -l < f", "2 3 6 f\n2 f\n2\n", "", 0),
    ("seq 5 | head -n 2; seq 5 | tail -n 2; seq 10 | tail -n +9", "1\n2\n4\n5\n9\n10\n", "", 0),
    ("printf '3\\n1\\n2\\n1\\n' | sort -n | uniq -c", "      2 1\n      1 2\n      1 3\n", "", 0),
    ("printf 'b 2\\na 10\\nc 1\\n' | sort -k2 -n", "c 1\nb 2\na 10\n", "", 0),
    ("echo a:b:c | cut -d: -f2", "b\n", "", 0),
    ("echo Hello | tr '[:lower:]' '[:upper:]'", "HELLO\n", "", 0),
    ("printf 'foo\\nbar\\nbaz\\n' | grep -n ba", "2:bar\n3:baz\n", "", 0),
    ("printf 'foo\\nbar\\nbaz\\n' | grep -c ba; printf 'x\\n' | grep y; echo $?", "2\n1\n", "", 0),
    ("printf 'foo\\nbar\\n' | sed 's/o/0/g'", "f00\nbar\n", "", 0),
    ("printf 'a 1\\nb 2\\n' | awk '{print $2, $1}'", "1 a\n2 b\n", "", 0),
    ("printf 'a 1\\nb 2\\n' | awk '$2 > 1'", "b 2\n", "", 0),
    ("awk 'BEGIN { x = 1; x += 2; print x / 2, x % 2, \"s\" x }'", "1.5 1 s3\n", "", 0),
    ("echo hello | base64; echo aGVsbG8K | base64 -d", "aGVsbG8K\nhello\n", "", 0),
    ("basename /a/b/c.txt .txt; dirname /a/b/c.txt", "c\n/a/b\n", "", 0),
    ("seq 2 2 8", "2\n4\n6\n8\n", "", 0),
    ("whoami; id", "root\nuid=0(root) gid=0(root) groups=0(root)\n", "", 0),
    ("echo $((5 > 3)) $(( 3 == 3 ? 10 : 20 ))", "1 10\n", "", 0),
    ("x=3; ((x++)); echo $x; (( x > 3 )) && echo big", "4\nbig\n", "", 0),
    ("for ((i=0;i<3;i++)); do echo -n $i; done; echo", "012\n", "", 0),
    ("echo ${x", "", "bash: unexpected EOF while looking for matching `}'\n", 2),
    ("break", "", "bash: break: only meaningful in a `for', `while', or `until' loop\n", 0),
    ("return", "", "bash: return: can only `return' from a function or sourced script\n", 2),
    ("local x", "", "bash: local: can only be used in a function\n", 1),
    ("shift 5; echo $?", "1\n", "", 0),
    ("echo {a,b}{1,2} pre{x,y}post", "a1 a2 b1 b2 prexpost preypost\n", "", 0),
    ("echo ~ ~/x", "/root /root/x\n", "", 0),
    ("echo \"$(echo \"inner quotes\")\"", "inner quotes\n", "", 0),
    ("v='a   b'; echo $v; echo \"$v\"", "a b\na   b\n", "", 0),
    ("f() { echo $1; }; f \"two words\"", "two words\n", "", 0),
    ("printf '%s\\n' \"$@\" none", "none\n", "", 0),
    ("echo 'single '\"double\"' mixed'", "single double mixed\n", "", 0),
    ("echo \\$HOME \\\\ \\\"", "$HOME \\ \"\n", "", 0),
    ("false | true; echo $?", "0\n", "", 0),
    ("set -o pipefail; false | true; echo $?", "1\n", "", 0),
    ("echo a && { echo b; false; } || echo c", "a\nb\nc\n", "", 0),
    ("i=0; while true; do i=$((i+1)); if [ $i -gt 3 ]; then break; fi; done; echo $i", "4\n", "", 0),
    ("for i in 1 2 3; do if [ $i = 2 ]; then continue; fi; echo $i; done", "1\n3\n", "", 0),
    ("echo $?; false; echo $?", "0\n1\n", "", 0),
    ("eval 'echo evaluated'", "evaluated\n", "", 0),
    ("echo 'echo sourced $1' > s.sh; source s.sh arg; . ./s.sh dot", "sourced arg\nsourced dot\n", "", 0),
    ("source nope", "", "bash: nope: No such file or directory\n", 1),
    ("./nope", "", "bash: ./nope: No such file or directory\n", 127),
    ("touch x.sh; ./x.sh", "", "bash: ./x.sh: Permission denied\n", 126),
    ("printf '#!/bin/bash\\necho script $1\\n' > x.sh; chmod +x x.sh; ./x.sh hi; bash x.sh there", "script hi\nscript there\n", "", 0),
    ("echo hi > /dev/null; echo $?", "0\n", "", 0),
    ("cat nope 2>&1 >/dev/null | wc -l", "1\n", "", 0),
    ("echo \"a b c\" | xargs -n1 echo", "a\nb\nc\n", "", 0),
    ("printf 'x\\ny\\n' | xargs echo", "x y\n", "", 0),
    ("head -n 1 nope", "", "head: cannot open 'nope' for reading: No such file or directory\n", 1),
    ("grep x nope", "", "grep: nope: No such file or directory\n", 2),
    ("sort nope", "", "sort: cannot read: nope: No such file or directory\n", 2),
    ("wc nope", "", "wc: nope: No such file or directory\n", 1),
    ("echo \"unterminated", "", "bash: unexpected EOF while looking for matching `\"'\n", 2),
    ("if true; then echo x", "", "bash: syntax error: unexpected end of file\n", 2),
    ("echo a |", "", "bash: syntax error: unexpected end of file\n", 2),
    ("echo $(( 2 +", "", "bash: unexpected EOF while looking for matching `)'\n", 2),
    ("for x in; do echo never; done; echo after", "after\n", "", 0),
    ("echo ${x:?must be set}; echo notreached", "", "bash: x: must be set\n", 1),
    ("echo ${!x}", "", "bash: x: invalid indirect expansion\n", 1),
    ("x=abc; echo ${x:-\"quoted default\"} ${#x}", "abc 3\n", "", 0),
    ("printf '%s\\n' a{b,c}d", "abd\nacd\n", "", 0),
    ("echo {1..3}{a,b}", "1a 1b 2a 2b 3a 3b\n", "", 0),
    ("echo {5..1..2}", "5 3 1\n", "", 0),
    ("echo {a..e}", "a b c d e\n", "", 0),
    ("echo a{,b}c", "ac abc\n", "", 0),
    ("arr=x; echo ${arr[0]}", "x\n", "", 0),
    ("echo $#", "0\n", "", 0),
    ("echo \"$*\" \"$@\"", "\n", "", 0),
    ("f() { echo \"[$*]\"; echo \"[$@]\"; for a in \"$@\"; do echo \"<$a>\"; done; }; f 'a b' c", "[a b c]\n[a b c]\n<a b>\n<c>\n", "", 0),
    ("IFS=:; x='a:b:c'; for p in $x; do echo $p; done", "a\nb\nc\n", "", 0),
    ("x='*'; echo \"$x\"", "*\n", "", 0),
    ("echo \"a\"'b'\"c\"", "abc\n", "", 0),
    ("echo $'tab\\there'", "tab\there\n", "", 0),
    ("echo -e 'a\\x41\\0101'", "aAA\n", "", 0),
    ("echo -n", "", "", 0),
    ("echo -- -n", "-- -n\n", "", 0),
    ("echo -ne 'x\\n'", "x\n", "", 0),
    ("printf '%x %o %X %e\\n' 255 8 255 12345.678", "ff 10 FF 1.234568e+04\n", "", 0),
    ("printf '%3s|%-3s|%.2s\\n' a b cdef", "  a|b  |cd\n", "", 0),
    ("printf '%c%c\\n' hello world", "hw\n", "", 0),
    ("printf '%b\\n' 'a\\tb'", "a\tb\n", "", 0),
    ("printf '%%\\n'", "%\n", "", 0),
    ("printf '%s %s\\n' only", "only \n", "", 0),
    ("printf", "", "printf: usage: printf [-v var] format [arguments]\n", 2),
    ("unset x; x+=a; x+=b; echo $x", "ab\n", "", 0),
    ("a=1 b=2; echo $a$b", "12\n", "", 0),
    ("echo \"${HOME}/x\" ~root", "/root/x /root\n", "", 0),
    ("cd; pwd; cd /tmp; cd -; cd ..; pwd", "/root\n/root\n/\n", "", 0),
    ("cd /; cd tmp; pwd; echo $OLDPWD", "/tmp\n/\n", "", 0),
    ("pwd -z", "", "bash: pwd: -z: invalid option\npwd: usage: pwd [-LP]\n", 2),
    ("type -t cd ls if nope; echo $?", "builtin\nfile\nkeyword\n1\n", "", 0),
    ("command -v ls cd", "/usr/bin/ls\ncd\n", "", 0),
    ("which ls cd nope; echo $?", "/usr/bin/ls\n1\n", "", 0),
    ("readonly r=1; echo $r", "1\n", "", 0),
    ("declare -x DX=1; env | grep DX", "DX=1\n", "", 0),
    ("let 'y=2*3'; echo $y", "6\n", "", 0),
    ("x=10; echo $(( x / 3 )) $(( x -= 4 )) $x", "3 6 6\n", "", 0),
    ("echo $(( 08 ))", "", "bash: 08: value too great for base (error token is \"08\")\n", 1),
    ("echo $(( 1 + ))", "", "bash: 1 + : syntax error: operand expected (error token is \"+ \")\n", 1),
    ("echo $(( 0x10 + 010 + 2#101 ))", "29\n", "", 0),
    ("echo $(( 5 & 3 )) $(( 5 | 3 )) $(( 5 ^ 3 )) $(( 1 << 4 )) $(( ~0 ))", "1 7 6 16 -1\n", "", 0),
    ("echo $(( 1 && 0 )) $(( 1 || 0 )) $(( !5 ))", "0 1 0\n", "", 0),
    ("n=5; while (( n-- > 3 )); do echo $n; done", "4\n3\n", "", 0),
    ("echo $RANDOM | grep -c '^[0-9]*$'", "1\n", "", 0),
    ("true; (exit 7); echo $?", "7\n", "", 0),
    ("f() { exit 4; }; (f); echo $?", "4\n", "", 0),
    ("echo start; exit 3; echo never", "start\n", "exit\n", 3),
    ("g() { return; }; false; g; echo $?", "1\n", "", 0),
    ("for i in a b; do for j in 1 2; do [ $j = 2 ] && break 2; echo $i$j; done; done", "a1\n", "", 0),
    ("while false; do :; done; echo $?", "0\n", "", 0),
    ("case abc in *b*) echo mid;& x) echo fall;; y) echo no;; esac", "mid\nfall\n", "", 0),
    ("case \"a b\" in \"a b\") echo quoted;; esac", "quoted\n", "", 0),
    ("x=hello; case $x in hel?o) echo q;; esac", "q\n", "", 0),
    ("case X in [a-z]) echo lower;; [A-Z]) echo upper;; esac", "upper\n", "", 0),
    ("f() {\n  echo multi\n  echo line\n}\nf", "multi\nline\n", "", 0),
    ("if true\nthen\n  echo newline-if\nfi", "newline-if\n", "", 0),
    ("for i in 1 2\ndo\n  echo $i\ndone", "1\n2\n", "", 0),
    ("echo one \\\ntwo", "one two\n", "", 0),
    ("echo a; # comment here\necho b # trailing", "a\nb\n", "", 0),
    ("echo 'a#b' a#b #c", "a#b a#b\n", "", 0),
    ("cat <<EOF | tr a-z A-Z\nshout\nEOF", "SHOUT\n", "", 0),
    ("cat <<A; cat <<B\nfirst\nA\nsecond\nB", "first\nsecond\n", "", 0),
    ("x=$(cat <<EOF\ninside\nEOF\n); echo \"$x\"", "inside\n", "", 0),
    ("cat <<EOF\nescaped \\$HOME and \\`cmd\\` and \\\\ and \"quotes\"\nEOF", "escaped $HOME and `cmd` and \\ and \"quotes\"\n", "", 0),
    ("read -r line <<< 'back\\slash'; echo \"$line\"", "back\\slash\n", "", 0),
    ("read line <<< 'back\\slash'; echo \"$line\"", "backslash\n", "", 0),
    ("echo 'a b' | { read x y; echo \"$y-$x\"; }", "b-a\n", "", 0),
    ("read x < nope", "", "bash: nope: No such file or directory\n", 1),
    ("printf 'a\\nb\\n' > f; while read l; do echo \"L:$l\"; done < f", "L:a\nL:b\n", "", 0),
    ("echo abc > f; read v < f; echo $v", "abc\n", "", 0),
    ("echo x >/nope/y", "", "bash: /nope/y: No such file or directory\n", 1),
    ("echo x > /etc", "", "bash: /etc: Is a directory\n", 1),
    ("ls /nope/dir", "", "ls: cannot access '/nope/dir': No such file or directory\n", 2),
    ("cat /etc/hostname/x", "", "cat: /etc/hostname/x: Not a directory\n", 1),
    ("mkdir /tmp/q/r", "", "mkdir: cannot create directory ‘/tmp/q/r’: No such file or directory\n", 1),
    ("rmdir /tmp", "", "rmdir: failed to remove '/tmp': Directory not empty\n", 1),
    ("echo data > f; cat -n f f", "     1\tdata\n     2\tdata\n", "", 0),
    ("printf 'a\\n\\nb\\n' | cat -n", "     1\ta\n     2\t\n     3\tb\n", "", 0),
    ("printf '1\\n2\\n3\\n4\\n' | head -2", "1\n2\n", "", 0),
    ("printf '1\\n2\\n3\\n' | head -n -1", "1\n2\n", "", 0),
    ("printf 'abcdef' | head -c 3; echo", "abc\n", "", 0),
    ("printf '1\\n2\\n3\\n' | tail -n1", "3\n", "", 0),
    ("echo x > a; echo y > b; head a b", "==> a <==\nx\n\n==> b <==\ny\n", "", 0),
    ("printf 'b\\na\\nc\\n' | sort -r", "c\nb\na\n", "", 0),
    ("printf 'B\\na\\nC\\n' | sort", "B\nC\na\n", "", 0),
    ("printf 'B\\na\\nC\\n' | sort -f", "a\nB\nC\n", "", 0),
    ("printf 'x\\nx\\ny\\nx\\n' | uniq", "x\ny\nx\n", "", 0),
    ("printf 'x\\nx\\ny\\n' | uniq -d", "x\n", "", 0),
    ("printf 'x\\nx\\ny\\n' | uniq -u", "y\n", "", 0),
    ("printf '10\\n9\\n100\\n' | sort", "10\n100\n9\n", "", 0),
    ("printf '10\\n9\\n100\\n' | sort -n", "9\n10\n100\n", "", 0),
    ("printf 'a,b,c\\n' | cut -d, -f1,3", "a,c\n", "", 0),
    ("printf 'abcdef\\n' | cut -c2-4", "bcd\n", "", 0),
    ("printf 'a\\tb\\n' | cut -f2", "b\n", "", 0),
    ("echo hello | tr -d l", "heo\n", "", 0),
    ("echo aaabbb | tr -s ab", "ab\n", "", 0),
    ("echo hello | tr a-z A-Z", "HELLO\n", "", 0),
    ("echo 'a  b   c' | tr -s ' '", "a b c\n", "", 0),
    ("echo hello | rev", "olleh\n", "", 0),
    ("printf 'x\\ny\\n' | tac", "y\nx\n", "", 0),
    ("printf 'foo\\nFOO\\n' | grep -i foo", "foo\nFOO\n", "", 0),
    ("printf 'foo\\nbar\\n' | grep -v foo", "bar\n", "", 0),
    ("printf 'ab12cd34\\n' | grep -o '[0-9]\\+'", "12\n34\n", "", 0),
    ("printf 'ab12cd34\\n' | grep -oE '[0-9]+'", "12\n34\n", "", 0),
    ("printf 'foo bar\\n' | grep -w ba; echo $?", "1\n", "", 0),
    ("printf 'foo\\n' | grep -q foo && echo found", "found\n", "", 0),
    ("printf 'a.b\\naxb\\n' | grep -F a.b", "a.b\n", "", 0),
    ("printf 'abc\\n' | grep -x abc", "abc\n", "", 0),
    ("echo hi > f1; echo hi > f2; grep hi f1 f2", "f1:hi\nf2:hi\n", "", 0),
    ("echo hi > f1; grep -l hi f1 f1", "f1\nf1\n", "", 0),
    ("grep", "", "Usage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n", 2),
    ("grep -E '(' /dev/null", "", "grep: Unmatched ( or \\(\n", 2),
    ("printf 'one\\ntwo\\nthree\\n' | sed -n '2p'", "two\n", "", 0),
    ("printf 'one\\ntwo\\nthree\\n' | sed '2d'", "one\nthree\n", "", 0),
    ("printf 'one\\ntwo\\nthree\\n' | sed '$d'", "one\ntwo\n", "", 0),
    ("printf 'one\\ntwo\\nthree\\n' | sed -n '/two/,$p'", "two\nthree\n", "", 0),
    ("printf 'hello world\\n' | sed 's/\\(hello\\) \\(world\\)/\\2 \\1/'", "world hello\n", "", 0),
    ("printf 'hello world\\n' | sed -E 's/(\\w+) (\\w+)/\\2 \\1/'", "world hello\n", "", 0),
    ("printf 'aaa\\n' | sed 's/a/b/2'", "aba\n", "", 0),
    ("printf 'abc\\n' | sed 's/b/[&]/'", "a[b]c\n", "", 0),
    ("printf 'abc\\n' | sed -e 's/a/x/' -e 's/c/z/'", "xbz\n", "", 0),
    ("printf 'a\\nb\\n' | sed '1i\\\ntop'", "top\na\nb\n", "", 0),
    ("printf 'a\\nb\\n' | sed 'a after'", "a\nafter\nb\nafter\n", "", 0),
    ("printf 'abc\\n' | sed 'y/abc/xyz/'", "xyz\n", "", 0),
    ("printf 'one\\ntwo\\n' | sed -n '$='", "2\n", "", 0),
    ("printf 'x\\n' | sed 'q5'", "x\n", "", 5),
    ("echo abc > f; sed -i 's/b/B/' f; cat f", "aBc\n", "", 0),
    ("printf 'k v\\n' | sed 's/k/'", "", "sed: -e expression #1, char 4: unterminated `s' command\n", 1),
    ("printf 'a b c\\n' | awk '{print NF, $NF}'", "3 c\n", "", 0),
    ("printf 'a b c\\n' | awk '{$2=\"X\"; print}'", "a X c\n", "", 0),
    ("printf 'a:b\\n' | awk -F: -v OFS=- '{$1=$1; print}'", "a-b\n", "", 0),
    ("printf '1\\n2\\n3\\n' | awk 'NR==2'", "2\n", "", 0),
    ("printf '1\\n2\\n3\\n' | awk 'NR>1 {s+=$1} END {print s}'", "5\n", "", 0),
    ("printf 'x 1\\ny 2\\nx 3\\n' | awk '{a[$1]+=$2} END {for (k in a) print k, a[k]}' | sort", "x 4\ny 2\n", "", 0),
    ("awk 'BEGIN { printf \"%d %s %5.1f\\n\", \"42abc\", \"s\", 2.25 }'", "42 s   2.2\n", "", 0),
    ("awk 'BEGIN { s = \"hello\"; print length(s), substr(s, 2, 3), index(s, \"l\"), toupper(s) }'", "5 ell 3 HELLO\n", "", 0),
    ("awk 'BEGIN { n = split(\"a,b,c\", arr, \",\"); print n, arr[3] }'", "3 c\n", "", 0),
    ("echo \"foo bar foo\" | awk '{ gsub(/foo/, \"X\"); print }'", "X bar X\n", "", 0),
    ("awk 'BEGIN { if (1 > 2) print \"a\"; else print \"b\" }'", "b\n", "", 0),
    ("awk 'BEGIN { for (i = 0; i < 3; i++) printf \"%d \", i; print \"\" }'", "0 1 2 \n", "", 0),
    ("awk 'BEGIN { i = 0; while (i < 2) { print i; i++ } }'", "0\n1\n", "", 0),
    ("printf 'a\\nb\\n' | awk '/b/ { print \"got \" $0 }'", "got b\n", "", 0),
    ("printf 'a1\\nb2\\n' | awk '$1 ~ /^b/'", "b2\n", "", 0),
    ("awk 'BEGIN { print 1/3 }'", "0.333333\n", "", 0),
    ("awk 'BEGIN { print 10 % 3, 2 ^ 3, -7 / 2 }'", "1 8 -3.5\n", "", 0),
    ("awk '{'", "", "awk: line 2: missing } near end of file\n", 2),
    ("awk 'BEGIN { exit 3 }'; echo $?", "3\n", "", 0),
    ("echo | awk '{ print \"x\" > \"/dev/stderr\" }'", "", "x\n", 0),
    ("seq 3 | awk '{ print $1 * 2 }' | paste", "2\n4\n6\n", "", 0),
    ("base64 -w0 <<< 'hello world'; echo", "aGVsbG8gd29ybGQK\n", "", 0),
    ("echo -n 'hi' | base64", "aGk=\n", "", 0),
    ("seq -s, 3", "1,2,3\n", "", 0),
    ("seq 1.5 0.5 3", "1.5\n2.0\n2.5\n3.0\n", "", 0),
    ("seq -w 8 10", "08\n09\n10\n", "", 0),
    ("date -d @0", "Thu Jan  1 00:00:00 UTC 1970\n", "", 0),
    ("uname; uname -s -m", "Linux\nLinux x86_64\n", "", 0),
    ("printenv HOME", "/root\n", "", 0),
    ("env -u HOME | grep -c HOME", "0\n", "", 1),
    ("basename /a/b/", "b\n", "", 0),
    ("dirname file", ".\n", "", 0),
    ("printf '1 2 3\\n' | xargs -n 2", "1 2\n3\n", "", 0),
    ("echo a b | xargs -I{} echo '<{}>'", "<a b>\n", "", 0),
    ("true | xargs false; echo $?", "123\n", "", 0),
    ("cat <<EOF > out.txt\nbody line\nEOF\ncat out.txt", "body line\n", "", 0),
    ("printf 'echo one\\nnosuchcmd\\necho two\\n' > s.sh; bash s.sh", "one\ntwo\n", "s.sh: line 2: nosuchcmd: command not found\n", 0),
    ("printf 'echo one\\ncd /nope\\n' > s.sh; bash s.sh; echo $?", "one\n1\n", "s.sh: line 2: cd: /nope: No such file or directory\n", 0),
    ("bash -c 'nosuchcmd'", "", "bash: line 1: nosuchcmd: command not found\n", 127),
    ("printf 'fi\\n' > s.sh; bash s.sh", "", "s.sh: line 1: syntax error near unexpected token `fi'\ns.sh: line 1: `fi'\n", 2),
    ("echo $((  ))", "0\n", "", 0),
    ("x=; echo ${x:-empty} ${x-set}", "empty\n", "", 0),
    ("echo \"${undefined}\" end", " end\n", "", 0),
    ("echo '$(not run)' \"\\$(not run)\"", "$(not run) $(not run)\n", "", 0),
    ("echo a\\\nb", "ab\n", "", 0),
    ("echo \"multi\nline\"", "multi\nline\n", "", 0),
    ("echo $'\\e[1mbold' | cat -A", "^[[1mbold$\n", "", 0),
    ("mkdir -p x/y; touch x/y/z; find x", "x\nx/y\nx/y/z\n", "", 0),
    ("mkdir -p x/y; touch x/y/z x/a.yml; find x -name '*.yml'", "x/a.yml\n", "", 0),
    ("mkdir -p x/y; touch x/y/z; find x -type d", "x\nx/y\n", "", 0),
    ("touch a; chmod 755 a; ls -l a | cut -c1-10; chmod -x a; ls -l a | cut -c1-10; chmod u+x a; ls -l a | cut -c1-10", "-rwxr-xr-x\n-rw-r--r--\n-rwxr--r--\n", "", 0),
    ("mkdir d; touch d/f; cp -r d e; ls e; rm -r d; ls", "f\ne\n", "", 0),
    ("mkdir d; mv nope d", "", "mv: cannot stat 'nope': No such file or directory\n", 1),
    ("touch a; mkdir d; mv a d/; ls d", "a\n", "", 0),
    ("echo x > a; cp a a", "", "cp: 'a' and 'a' are the same file\n", 1),
    ("rmdir nope", "", "rmdir: failed to remove 'nope': No such file or directory\n", 1),
    ("mkdir d; touch d/f; rmdir d", "", "rmdir: failed to remove 'd': Directory not empty\n", 1),
    ("touch a; rm -v a", "removed 'a'\n", "", 0),
    ("mkdir -v newd", "mkdir: created directory 'newd'\n", "", 0),
    ("echo abc | tee t1 t2; cat t1 t2", "abc\nabc\nabc\n", "", 0),
    ("echo abc | tee -a t1 > /dev/null; echo def | tee -a t1 >/dev/null; cat t1", "abc\ndef\n", "", 0),
    ("seq 3 > n; sort -r n | head -1", "3\n", "", 0),
    ("printf 'c\\nb\\na\\n' | sort | tr '\\n' ' '; echo", "a b c \n", "", 0),
    ("echo \"a b\" > \"my file\"; cat \"my file\"", "a b\n", "", 0),
    ("x=5; [ $x -gt 3 ] && echo big || echo small", "big\n", "", 0),
    ("[ \"$undefined\" = \"\" ] && echo empty", "empty\n", "", 0),
    ("[ -f /etc/hostname ] && echo file; [ -d /etc/hostname ] || echo notdir; [ -e /nope ] || echo missing", "file\nnotdir\nmissing\n", "", 0),
    ("[ ! -z x ] && echo notempty", "notempty\n", "", 0),
    ("[ 2 -lt 10 -a 3 -gt 1 ] && echo both", "both\n", "", 0),
    ("[ abc \\< abd ] && echo less", "less\n", "", 0),
    ("test -n; echo $?", "0\n", "", 0),
    ("[ ]; echo $?", "1\n", "", 0),
    ("[[ -n $undefined ]]; echo $?", "1\n", "", 0),
    ("let x=1+1 y=x*3; echo $x $y", "2 6\n", "", 0),
    ("echo $(( $(echo 3) * 2 ))", "6\n", "", 0),
    ("a=5; b=a; echo $(( b + 1 ))", "6\n", "", 0),
    ("echo 1.2.3 | awk -F. '{print $2}'; echo 'a|b' | awk -F'|' '{print $2, NF}'", "2\nb 2\n", "", 0),
    ("printf 'tag x\\nother\\ntag y\\n' | sed -n '/tag/{p}'; printf 'a1\\nb1\\n' | sed '1{s/1/2/}'", "tag x\ntag y\na2\nb1\n", "", 0),
    ("printf 'a\\nb\\n' | sed '1{'", "", "sed: -e expression #1, char 0: unmatched `{'\n", 1),
    ("head -c 16 /dev/urandom | wc -c; head -c 32 /dev/urandom | base64 -w0 | wc -c; [ -c /dev/zero ] && echo char", "16\n44\nchar\n", "", 0),
    ("arr=(a b c); (IFS=,; echo \"${arr[*]}\")", "a,b,c\n", "", 0),
    ("[[ v1.28.3 =~ ^v([0-9]+)\\.([0-9]+) ]] && echo \"${BASH_REMATCH[0]} ${BASH_REMATCH[2]} ${#BASH_REMATCH[@]}\"", "v1.28 28 3\n", "", 0),
    ("bash -c 'echo $0 $1' zero one; bash -c 'echo $0'", "zero one\nbash\n", "", 0),
    ("f() { local OPTIND o; while getopts \"ab:\" o; do echo \"$o ${OPTARG-}\"; done; shift $((OPTIND-1)); echo \"rest: $*\"; }; f -a -bval x; f -b", "a \nb val\nrest: x\n? \nrest: \n", "bash: option requires an argument -- b\n", 0),
    ("export NAME=world; echo 'hi ${NAME} $NAME $NOPE ${NAME:-x}' | envsubst", "hi world world  ${NAME:-x}\n", "", 0),
    ("printf 'NAME AGE\\nalice 30\\n' | column -t", "NAME   AGE\nalice  30\n", "", 0),
    ("set -u; echo \"a $UNSET_VAR b\"; echo next", "", "bash: UNSET_VAR: unbound variable\n", 1),
    ("set -u; echo ${UNSET_VAR:-default} ${#HOME}; f() { echo \"$1\"; }; f; echo after", "default 5\n", "bash: $1: unbound variable\n", 1),
    ("set -u; a=(x y); echo ${a[1]} ${a[5]}; echo z", "", "bash: a[5]: unbound variable\n", 1),
    ("set -u; echo \"$@\" \"${@}\" end", "end\n", "", 0),
    ("arr=(a b c d e); echo \"${arr[@]:1:2}\"; printf '[%s]' \"${arr[@]:1:2}\"; echo", "b c\n[b][c]\n", "", 0),
    ("f() { printf '<%s>' \"${@:2}\"; echo; printf '<%s>' \"${@:1:1}\"; echo; }; f \"x y\" \"z w\" q", "<z w><q>\n<x y>\n", "", 0),
    ("arr=(a b c d e); echo \"${arr[@]: -2}\" \"${#arr[*]}\"; printf '[%s]' ${arr[@]:3}; echo", "d e 5\n[d][e]\n", "", 0),
    ("date -d '2024-01-15' +%Y-%m-%d", "2024-01-15\n", "", 0),
    ("date -d '2024-01-15 10:30' '+%F %T'", "2024-01-15 10:30:00\n", "", 0),
    ("date -d '2024-02-29T10:00:00Z' +%s", "1709200800\n", "", 0),
    ("date -d '@1700000000' -u", "Tue Nov 14 22:13:20 UTC 2023\n", "", 0),
    ("date -d '2024-01-15 +1 day' +%F", "2024-01-16\n", "", 0),
    ("date -d '2024-01-15 2 hours ago' '+%F %H'", "2024-01-14 22\n", "", 0),
    ("date -d '2024-01-31 +1 month' +%F", "2024-03-02\n", "", 0),
    ("date -d '2024-13-01'", "", "date: invalid date ‘2024-13-01’\n", 1),
    ("date -d garbage; date -d @1700000000 --iso-8601=bogus", "", "date: invalid date ‘garbage’\ndate: invalid argument ‘bogus’ for ‘--iso-8601’\nValid arguments are:\n  - ‘hours’\n  - ‘minutes’\n  - ‘date’\n  - ‘seconds’\n  - ‘ns’\nTry 'date --help' for more information.\n", 1),
    ("read -a ar <<< \"p q r\"; echo \"${ar[1]} ${#ar[@]}\"", "q 3\n", "", 0),
    ("IFS=, read -ra parts <<< \"x,,y,\"; printf '[%s]' \"${parts[@]}\"; echo \" ${#parts[@]}\"", "[x][][y] 3\n", "", 0),
    ("IFS=: read -r -a p2 <<< \" a : b :c\"; printf '[%s]' \"${p2[@]}\"; echo", "[ a ][ b ][c]\n", "", 0),
    ("printf 'l1\\nl2\\nl3\\n' > f.txt; mapfile -t lines < f.txt; echo \"${#lines[@]} ${lines[2]}\"; mapfile -n 2 -s 1 arr < f.txt; printf '<%s>' \"${arr[@]}\"; echo", "3 l3\n<l2\n><l3\n>\n", "", 0),
    ("readarray -t pods < <(printf 'pod/a\\npod/b\\n'); echo \"${pods[@]}\"; echo \"${MAPFILE[@]-none}\"; type mapfile", "pod/a pod/b\nnone\nmapfile is a shell builtin\n", "", 0),
    ("(a=(1 2)); echo \"${#a[@]}\"; echo y | mapfile m; echo \"[${m[@]}]\"", "0\n[]\n", "", 0),
    ("grep -k x /dev/null", "", "grep: invalid option -- 'k'\nUsage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n", 2),
    ("sed 's/.*/\\U&/' <<< up", "UP\n", "", 0),
    ("echo 'hello world' | sed -E 's/(\\w+) (\\w+)/\\u\\1 \\U\\2\\E!/'", "Hello WORLD!\n", "", 0),
    ("echo 'ABC def' | sed 's/\\(.*\\) \\(.*\\)/\\L\\1 \\u\\2/'", "abc Def\n", "", 0),
    ("echo 'my-app' | sed 's/-\\(.\\)/\\U\\1/g'", "myApp\n", "", 0),
    ("printf 'a 10Mi\\nb 2Gi\\nc 512Ki\\nd 3Mi\\n' | sort -k2,2h", "c 512Ki\nd 3Mi\na 10Mi\nb 2Gi\n", "", 0),
    ("printf 'a 10Mi\\nb 2Gi\\nc 512Ki\\nd 3Mi\\n' | sort -k2hr", "b 2Gi\na 10Mi\nd 3Mi\nc 512Ki\n", "", 0),
    ("printf 'v1.2.10\\nv1.2.9\\nv1.10.0\\nv1.2.1\\n' | sort -V", "v1.2.1\nv1.2.9\nv1.2.10\nv1.10.0\n", "", 0),
    ("printf 'x 3\\ny 10\\nz 2\\n' | sort -k2 -n", "z 2\nx 3\ny 10\n", "", 0),
    ("printf 'x 3\\ny 10\\nz 2\\n' | sort -k2,2nr", "y 10\nx 3\nz 2\n", "", 0),
    ("printf 'b B\\na A\\nB b\\n' | sort -k1f", "a A\nB b\nb B\n", "", 0),
    ("printf 'pod-a 1/1 Running 0 5m\\npod-b 0/1 Pending 0 1m\\npod-c 1/1 Running 3 2h\\n' | sort -k4,4nr", "pod-c 1/1 Running 3 2h\npod-a 1/1 Running 0 5m\npod-b 0/1 Pending 0 1m\n", "", 0),
    ("printf 'a b\\nc\\nd e f\\n' | xargs -L1 echo", "a b\nc\nd e f\n", "", 0),
    ("printf 'a b\\nc\\nd e f\\n' | xargs -L 2 echo", "a b c\nd e f\n", "", 0),
    ("printf 'x\\ny\\n' | xargs -t -n1 echo hi", "hi x\nhi y\n", "echo hi x\necho hi y\n", 0),
    ("printf 'p1\\np2\\n' | xargs -i echo got {}", "got p1\ngot p2\n", "", 0),
    ("printf 'p1\\np2\\n' | xargs -P2 -n1 echo", "p1\np2\n", "", 0),
    ("mkdir -p ft/a/b ft/c && touch ft/a/x.yaml ft/a/b/y.yaml ft/c/z.txt && echo d > ft/c/f.txt; find ft -not -name '*.yaml' -type f | sort; find ft ! -path '*/a/*' -type f | sort; find ft -empty | sort", "ft/c/f.txt\nft/c/z.txt\nft/c/f.txt\nft/c/z.txt\nft/a/b/y.yaml\nft/a/x.yaml\nft/c/z.txt\n", "", 0),
    ("mkdir -p ft/a/b ft/c && touch ft/a/b/y.yaml ft/c/z.txt; find ft -name '*.txt' -empty -delete; find ft -type f; find ft -name c -delete; find ft -type d -name b -delete; echo \"rc=$?\"", "ft/a/b/y.yaml\nrc=1\n", "find: cannot delete ‘ft/a/b’: Directory not empty\n", 0),
    ("readonly RO=1; RO=2; echo \"after $RO $?\"", "", "bash: RO: readonly variable\n", 1),
    ("readonly RO=1; RO=2 echo hi; echo \"next $RO\"; unset RO; echo \"$RO $?\"", "hi\nnext 1\n1 1\n", "bash: RO: readonly variable\nbash: unset: RO: cannot unset: readonly variable\n", 0),
    ("declare -r D=5; D=6; echo $D", "", "bash: D: readonly variable\n", 1),
    ("f() { local -r L=1; echo $L; }; f; L=2; echo $L", "1\n2\n", "", 0),
    ("printf 'a\\nb\\nc\\nd\\n' > d1.txt; printf 'a\\nB\\nc\\nd\\ne\\n' > d2.txt; printf 'x\\na\\nc\\n' > d3.txt; diff d1.txt d2.txt; diff d1.txt d3.txt; diff -q d1.txt d2.txt; diff d1.txt d1.txt; echo \"rc=$?\"; diff -u d1.txt d2.txt | tail -n +3", "2c2\n< b\n---\n> B\n4a5\n> e\n0a1\n> x\n2d2\n< b\n4d3\n< d\nFiles d1.txt and d2.txt differ\nrc=0\n@@ -1,4 +1,5 @@\n a\n-b\n+B\n c\n d\n+e\n", "", 0),
    ("diff a.txt b.txt; echo \"rc=$?\"; diff one", "rc=2\n", "diff: a.txt: No such file or directory\ndiff: b.txt: No such file or directory\ndiff: missing operand after 'one'\ndiff: Try 'diff --help' for more information.\n", 2),
    ("mkdir -p fx/a && touch fx/a/x.yaml fx/a/w.yaml && echo hi > fx/a/x.yaml; find fx -name '*.yaml' -exec echo got {} \\; | sort; find fx -name '*.yaml' -exec grep -l hi {} \\; -print; find fx -type f -exec false {} + ; echo \"rc=$?\"; find fx -exec false \\; ; echo \"rc=$?\"", "got fx/a/w.yaml\ngot fx/a/x.yaml\nfx/a/x.yaml\nfx/a/x.yaml\nrc=1\nrc=0\n", "", 0),
    ("mkdir -p fx/a/b && touch fx/a/b/y.yaml fx/a/x.txt; find fx \\( -name '*.yaml' -o -name '*.txt' \\) -print | sort; find fx -type d -name b -prune -o -type f -print; find fx -depth -type d; find fx/a -mindepth 1 -maxdepth 1 -type f -printf '%p %f %h %d %s %P\\n'", "fx/a/b/y.yaml\nfx/a/x.txt\nfx/a/x.txt\nfx/a/b\nfx/a\nfx\nfx/a/x.txt x.txt fx/a 1 0 x.txt\n", "", 0),
    ("touch one.yaml; find . -name '*.yaml' -exec sh -c 'echo \"in $0\"' {} \\; ; find . -name one.yaml -execdir echo {} +; find . -not -name '*.yaml' -a ! -type d; find . -size -1 -type f; find . -type f,d -name 'o*' -o -quit", "in ./one.yaml\n./one.yaml\n./one.yaml\n", "", 0),
    ("find . -o -print; find . \\( \\); find . -type q; find . !; find . -name x -o; find . -maxdepth x; find . -size 3q; find . -newer nonexist; find . -exec; find . -exec echo {} + extra; find . \\( -name x; find . -name x \\); find . -bogus; echo \"rc=$?\"", "rc=1\n", "find: invalid expression; you have used a binary operator '-o' with nothing before it.\nfind: invalid expression; empty parentheses are not allowed.\nfind: Unknown argument to -type: q\nfind: expected an expression after '!'\nfind: expected an expression after '-o'\nfind: Expected a positive decimal integer argument to -maxdepth, but got ‘x’\nfind: invalid -size type `q'\nfind: ‘nonexist’: No such file or directory\nfind: missing argument to `-exec'\nfind: paths must precede expression: `extra'\nfind: invalid expression; I was expecting to find a ')' somewhere but did not see one.\nfind: you have too many ')'\nfind: unknown predicate `-bogus'\n", 0),
    ("expr 3 + 4; expr 5 \\* 3; expr 7 / 0; echo \"rc=$?\"; expr 1 + a; echo \"rc=$?\"; expr; echo \"rc=$?\"; expr 3 \\< 10; expr abc : 'a\\(.*\\)'; expr length hello; expr substr hello 2 3; expr index hello l; expr 0; echo \"rc=$?\"; expr 1 +; echo \"rc=$?\"; expr 10 % 3 + \\( 2 \\* 3 \\); expr abc = abc; expr 2 \\> 10; expr b \\> a; expr \"\" \\| 7; expr 3 \\& 0; expr hello : 'hel'; expr hello : 'x'; echo \"rc=$?\"; expr 1 2; echo \"rc=$?\"; n=$(expr $n + 1); echo \"n=$n\"", "7\n15\nrc=2\nrc=2\nrc=2\n1\nbc\n5\nell\n3\n0\nrc=1\nrc=2\n7\n1\n0\n1\n7\n0\n3\n0\nrc=1\nrc=2\nn=1\n", "expr: division by zero\nexpr: non-integer argument\nexpr: missing operand\nTry 'expr --help' for more information.\nexpr: syntax error: missing argument after ‘+’\nexpr: syntax error: unexpected argument ‘2’\n", 0),
    ("echo hi | md5sum; echo hi | sha1sum; printf 'x' | sha256sum; echo hi > h.txt; sha256sum h.txt > sums; sha256sum -c sums; echo bye > h.txt; sha256sum -c sums; echo \"rc=$?\"; md5sum nope h.txt; echo \"rc=$?\"; sha512sum h.txt | cut -c1-20", "764efa883dda1e11db47671c4a3bbd9e  -\n55ca6286e3e4f4fba5d0448333fa99fc5a404a73  -\n2d711642b726b04401627ca9fbac32f5c8530fb1903cc4db02258717921a4881  -\nh.txt: OK\nh.txt: FAILED\nrc=1\n91fc14ad02afd60985bb8165bda320a6  h.txt\nrc=1\ncca1d2b48540b6dddb7d\n", "sha256sum: WARNING: 1 computed checksum did NOT match\nmd5sum: nope: No such file or directory\n", 0),
    ("mktemp foo; echo \"rc=$?\"; f=$(mktemp); test -f \"$f\" && echo file; case $f in /tmp/tmp.??????????) echo named;; esac; d=$(mktemp -d); test -d \"$d\" && echo dir; g=$(mktemp cfg.XXXX); test -f \"$g\" && echo \"${#g}\"; t=$(mktemp -t kp.XXXXXX); case $t in /tmp/kp.??????) echo tmp-template;; esac; mktemp a b; echo \"rc=$?\"", "rc=1\nfile\nnamed\ndir\n8\ntmp-template\nrc=1\n", "mktemp: too few X's in template ‘foo’\nmktemp: too many templates\nTry 'mktemp --help' for more information.\n", 0),
    ("mkdir -p tr/a/b tr/B tr/a2 && touch tr/a/b/c tr/a/x.yaml tr/b.txt tr/Z.txt tr/a10 tr/.hidden; tree tr; tree -L 1 tr; tree -d tr; tree -a tr | tail -1; tree nope; echo \"rc=$?\"; mkdir e; tree e; tree tr/b.txt; cd tr/a && tree", "tr\n├── B\n├── Z.txt\n├── a\n│   ├── b\n│   │   └── c\n│   └── x.yaml\n├── a10\n├── a2\n└── b.txt\n\n5 directories, 5 files\ntr\n├── B\n├── Z.txt\n├── a\n├── a10\n├── a2\n└── b.txt\n\n4 directories, 3 files\ntr\n├── B\n├── a\n│   └── b\n└── a2\n\n5 directories\n5 directories, 6 files\nnope  [error opening dir]\n\n0 directories, 0 files\nrc=2\ne\n\n0 directories, 0 files\ntr/b.txt  [error opening dir]\n\n0 directories, 1 file\n.\n├── b\n│   └── c\n└── x.yaml\n\n2 directories, 2 files\n", "", 0),
    ("sudo; echo \"rc=$?\"; sudo -u root echo hi; sudo echo hi2; sudo nosuch; echo \"rc=$?\"; sudo cd /; echo \"rc=$?\"; sudo -E true; echo \"rc=$?\"; sudo ls -d /tmp; sudo FOO=bar printenv FOO", "rc=1\nhi\nhi2\nrc=1\nrc=1\nrc=0\n/tmp\nbar\n", "usage: sudo -h | -K | -k | -V\nusage: sudo -v [-ABkNnS] [-g group] [-h host] [-p prompt] [-u user]\nusage: sudo -l [-ABkNnS] [-g group] [-h host] [-p prompt] [-U user] [-u user]\n            [command [arg ...]]\nusage: sudo [-ABbEHkNnPS] [-r role] [-t type] [-C num] [-D directory] [-g\n            group] [-h host] [-p prompt] [-R directory] [-T timeout] [-u user]\n            [VAR=value] [-i | -s] [command [arg ...]]\nusage: sudo -e [-ABkNnS] [-r role] [-t type] [-C num] [-D directory] [-g group]\n            [-h host] [-p prompt] [-R directory] [-T timeout] [-u user] file ...\nsudo: nosuch: command not found\nsudo: cd: command not found\nsudo: \"cd\" is a shell built-in command, it cannot be run directly.\nsudo: the -s option may be used to run a privileged shell.\nsudo: the -D option may be used to run a command in a specific directory.\n", 0),
    ("{ time true 2>/dev/null; time -p true; time; time ! false; echo \"rc=$?\"; time false | true; echo \"rc=$?\"; } 2>&1 | tr '0-9' 'N'", "\nreal\tNmN.NNNs\nuser\tNmN.NNNs\nsys\tNmN.NNNs\nreal N.NN\nuser N.NN\nsys N.NN\n\nreal\tNmN.NNNs\nuser\tNmN.NNNs\nsys\tNmN.NNNs\n\nreal\tNmN.NNNs\nuser\tNmN.NNNs\nsys\tNmN.NNNs\nrc=N\n\nreal\tNmN.NNNs\nuser\tNmN.NNNs\nsys\tNmN.NNNs\nrc=N\n", "", 0),
    ("false | true; echo \"${PIPESTATUS[@]}\"; true | false | true; echo \"${PIPESTATUS[1]} ${#PIPESTATUS[@]}\"; false; echo \"${PIPESTATUS[@]}\"; if false; then :; fi; echo \"${PIPESTATUS[@]}\"; ! false | false; echo \"${PIPESTATUS[@]} $?\"; x=$(false); echo \"${PIPESTATUS[@]}\"; { false | true; }; echo \"${PIPESTATUS[@]}\"; f() { return 3; }; f | f; echo \"${PIPESTATUS[@]}\"; true; declare -p PIPESTATUS", "1 0\n1 3\n1\n1\n1 1 0\n1\n1 0\n3 3\ndeclare -a PIPESTATUS=([0]=\"0\")\n", "", 0),
    ("a=(0 \"x y\" 'q\"z'); declare -p a; declare -ar ro=(1); declare -p ro; b=(); declare -p b", "declare -a a=([0]=\"0\" [1]=\"x y\" [2]=\"q\\\"z\")\ndeclare -ar ro=([0]=\"1\")\ndeclare -a b=()\n", "", 0),
    ("bash -c 'trap \"echo err \\$?\" ERR; { false; }; echo a; (false); echo b; false | true; true | false; if false; then :; fi; false && true; true && false; ! true; f() { false; }; f; echo end'", "err 1\na\nerr 1\nb\nerr 1\nerr 1\nerr 1\nend\n", "", 0),
    ("bash -c 'trap \"echo bye\" EXIT; echo hi'", "hi\nbye\n", "", 0),
    ("bash -c 'trap \"echo bye\" EXIT; exit 3'; echo \"rc=$?\"", "bye\nrc=3\n", "", 0),
    ("bash -c 'trap \"echo e\" ERR; false; (( 0 )); [[ a == b ]]; trap - ERR; false; echo $?'", "e\ne\ne\n1\n", "", 0),
    ("(trap 'echo sub' EXIT; echo in); echo out", "in\nsub\nout\n", "", 0),
    ("declare -i n; n=abc; echo \"[$n]\"; abc=7; n=abc; echo $n; n+=2; echo $n; declare -i m=3*4; echo $m; n=\"2 + 3\"; echo $n; declare -p n m", "[0]\n7\n9\n12\n5\ndeclare -i n=\"5\"\ndeclare -i m=\"12\"\n", "", 0),
    ("declare -i m=1; declare +i m; m=1+1; echo $m; declare -i -x q=5; declare -p q; declare -i n; read n <<< \"4*4\"; echo $n; n[1]=2+2; declare -p n", "1+1\ndeclare -ix q=\"5\"\n16\ndeclare -ai n=([0]=\"16\" [1]=\"4\")\n", "", 0),
    ("declare -i n; for n in 1+1; do echo $n; done; declare -i z; echo \"[$z]\"; declare -p z; unset z; z=1+1; echo $z", "2\n[]\ndeclare -i z\n1+1\n", "", 0),
    ("readonly R=1; declare -p R; declare -ir I=4; declare -p I", "declare -r R=\"1\"\ndeclare -ir I=\"4\"\n", "", 0),
    ("f() { echo \"${FUNCNAME[@]}\"; g; }; g() { echo \"${FUNCNAME[@]}\" ${#FUNCNAME[@]} $FUNCNAME; }; f; echo \"[${FUNCNAME[@]}]\"", "f\ng f 2 g\n[]\n", "", 0),
    ("echo ${BASH_VERSINFO[4]} ${#BASH_VERSINFO[@]}", "release 6\n", "", 0),
    ("trap \"echo a\" EXIT INT; trap -p; trap -p EXIT; trap - EXIT; trap -p; trap x FOO; echo $?; trap \"echo t\" 0; trap -p; trap - 0 INT", "trap -- 'echo a' EXIT\ntrap -- 'echo a' SIGINT\ntrap -- 'echo a' EXIT\ntrap -- 'echo a' SIGINT\n1\ntrap -- 'echo t' EXIT\ntrap -- 'echo a' SIGINT\n", "bash: trap: FOO: invalid signal specification\n", 0),
    ("trap \"echo x\" TERM HUP 2; trap -p; trap 15 2; trap -p; trap - 1", "trap -- 'echo x' SIGHUP\ntrap -- 'echo x' SIGINT\ntrap -- 'echo x' SIGTERM\ntrap -- 'echo x' SIGHUP\n", "", 0),
    ("declare -A m=([b]=2 [a]=1); declare -p m; m[x y]=3; k=\"x y\"; echo \"${m[$k]}\" ${#m[@]} \"${m[\"x y\"]}\"; unset \"m[a]\"; declare -p m", "declare -A m=([b]=\"2\" [a]=\"1\" )\n3 3 3\ndeclare -A m=([b]=\"2\" [\"x y\"]=\"3\" )\n", "", 0),
    ("declare -A e; declare -p e; e[one]=1; e[two]=2; e[three]=3; for k in \"${!e[@]}\"; do echo \"$k=${e[$k]}\"; done; echo \"${e[@]}\"", "declare -A e\ntwo=2\nthree=3\none=1\n2 3 1\n", "", 0),
    ("declare -A c; c=(k1 v1 k2 v2); declare -p c; c+=([k3]=v3); echo ${!c[@]}; echo ${c[nope]:-dflt}; [[ -v c[k1] ]] && echo set", "declare -A c=([k1]=\"v1\" [k2]=\"v2\" )\nk1 k2 k3\ndflt\nset\n", "", 0),
    ("a=([3]=x [5]=y); echo ${!a[@]}; declare -p a; a+=([1]=z w); declare -p a", "3 5\ndeclare -a a=([3]=\"x\" [5]=\"y\")\ndeclare -a a=([1]=\"z\" [2]=\"w\" [3]=\"x\" [5]=\"y\")\n", "", 0),
    ("declare -A h; h[app]=web; h[tier]=frontend; h[env]=dev; for k in \"${!h[@]}\"; do printf '%s=%s\\n' \"$k\" \"${h[$k]}\"; done | sort", "app=web\nenv=dev\ntier=frontend\n", "", 0),
    ("declare -A m; m[k]=1; m[k]=2; echo ${#m[@]} ${m[k]}; unset m; declare -p m 2>&1", "1 2\nbash: declare: m: not found\n", "", 1),
    ("declare -A m; key='a\"b'; m[$key]=q; declare -p m; echo \"${m[$key]}\"", "declare -A m=([\"a\\\"b\"]=\"q\" )\nq\n", "", 0),
    ("i=2; a[$i]=x; echo ${a[2]}; a[i+1]=y; echo ${a[3]}; a[$((i+2))]=z; echo ${a[@]}; echo a[$i]; b[1]+=q; b[1]+=r; echo ${b[1]}", "x\ny\nx y z\na[2]\nqr\n", "", 0),
    ("a=([3]=x); unset a; declare -p a 2>&1; echo ${#a[@]}", "bash: declare: a: not found\n0\n", "", 0),
    ("declare -A cnt; for w in a b a c a b; do cnt[$w]=$(( ${cnt[$w]:-0} + 1 )); done; for k in \"${!cnt[@]}\"; do echo \"$k ${cnt[$k]}\"; done", "c 1\nb 2\na 3\n", "", 0),
    ("printf 'a\\nb\\nc\\nd\\ne\\n' > f; sed -n '1~2p' f", "a\nc\ne\n", "", 0),
    ("printf '1\\n2\\n3\\n4\\n5\\n6\\n7\\n' > f; sed '2~3d' f", "1\n3\n4\n6\n7\n", "", 0),
    ("seq 10 > f; sed -n '0~3p' f", "3\n6\n9\n", "", 0),
    ("printf '1\\n2\\n3\\n' | sed '$!N;P;D'", "1\n2\n3\n", "", 0),
    ("printf '1\\n2\\n2\\n3\\n3\\n3\\n4\\n' | sed '$!N;/^\\(.*\\)\\n\\1$/!P;D'", "1\n2\n3\n4\n", "", 0),
    ("printf '1\\n2\\n3\\n' | sed '1!G;h;$!d'", "3\n2\n1\n", "", 0),
    ("printf '1\\n2\\n3\\n' | sed 'H;$!d;x;s/\\n/+/g'", "+1+2+3\n", "", 0),
    ("printf 'a\\nb\\nc\\n' | sed ':a;N;$!ba;s/\\n/,/g'", "a,b,c\n", "", 0),
    ("printf 'abc\\nxyz\\n' | sed 's/a/x/;T;s/x/y/'", "ybc\nxyz\n", "", 0),
    ("printf 'aaa\\nbbb\\n' | sed -e ':top' -e 's/a/A/' -e 't top'", "AAA\nbbb\n", "", 0),
    ("printf '1\\n2\\n3\\n' | sed '2q5'; echo \"rc=$?\"", "1\n2\nrc=5\n", "", 0),
    ("printf '1\\n2\\n3\\n' | sed '2Q5'; echo \"rc=$?\"", "1\nrc=5\n", "", 0),
    ("printf '1\\n2\\n3\\n' | sed 'Q'; echo \"rc=$?\"", "rc=0\n", "", 0),
    ("printf 'a\\tb\\\\c\\001\\n' | sed -n l", "a\\tb\\\\c\\001$\n", "", 0),
    ("printf 'héllo wörld\\n' | sed -n 'l;l 5'", "h\\303\\251llo w\\303\\266rld$\nh\\\n\\303\\\n\\251\\\nllo \\\nw\\\n\\303\\\n\\266\\\nrld$\n", "", 0),
    ("printf 'abcdefghij\\n' | sed -n 'l 1'", "\\\na\\\nb\\\nc\\\nd\\\ne\\\nf\\\ng\\\nh\\\ni\\\nj$\n", "", 0),
    ("printf 'abcdefghij\\n' | sed -n -l 4 l", "abc\\\ndef\\\nghi\\\nj$\n", "", 0),
    ("printf 'a\\nb\\n' > f; sed F f", "f\na\nf\nb\n", "", 0),
    ("printf 'a\\nb\\n' | sed F", "-\na\n-\nb\n", "", 0),
    ("printf 'a\\nb\\n' | sed '1z'", "\nb\n", "", 0),
    ("printf 'a\\nb\\n' | sed -n 'w out.txt'; cat out.txt", "a\nb\n", "", 0),
    ("printf 'a\\nb\\n' | sed -n 's/a/X/w out2.txt'; cat out2.txt", "X\n", "", 0),
    ("printf 'a\\nb\\n' | sed 'w /dev/stdout'", "a\na\nb\nb\n", "", 0),
    ("printf 'a\\nb\\n' | sed 's/b/B/w /dev/stderr'", "a\nB\n", "B\n", 0),
    ("printf 'a\\nb\\n' | sed 'w /nope/x'; echo \"rc=$?\"", "rc=4\n", "sed: couldn't open file /nope/x: No such file or directory\n", 0),
    ("printf 'x' > r.txt; printf 'a\\nb\\n' | sed 'r r.txt'", "a\nxb\nx", "", 0),
    ("printf 'x\\n' > r.txt; printf 'a\\nb\\n' | sed '0r r.txt'", "x\na\nb\n", "", 0),
    ("printf 'x\\ny\\n' > r.txt; printf 'a\\nb\\nc\\n' | sed 'R r.txt'", "a\nx\nb\ny\nc\n", "", 0),
    ("printf 'a\\nb\\n' | sed 'r nofile'", "a\nb\n", "", 0),
    ("printf 'a\\nb\\n' | sed '1r /dev/stdin'", "a\nb\n", "", 0),
    ("seq 10 | sed -n '4,~4p'", "4\n5\n6\n7\n8\n", "", 0),
    ("seq 10 | sed -n '/3/,+2p'", "3\n4\n5\n", "", 0),
    ("seq 10 | sed -n '0,/1/p'", "1\n", "", 0),
    ("seq 10 | sed -n '1,/1/p' | head -3", "1\n2\n3\n", "", 0),
    ("printf 'Foo\\nbar\\nFOO\\n' | sed -n '/foo/Ip'", "Foo\nFOO\n", "", 0),
    ("printf 'a\\nb\\n' | sed 'N;s/^b/X/M'", "a\nX\n", "", 0),
    ("printf 'a\\nb\\n' | sed 'N;s/a$/X/M;s/.$/<&>/'", "X\n<b>\n", "", 0),
    ("printf 'x\\ny\\n' > g; printf '1\\n2\\n' > h; sed -s -n '$p' g h", "y\n2\n", "", 0),
    ("printf 'x\\ny\\n' > g; printf '1\\n2\\n' > h; sed -n '$p;1p' g h", "x\n2\n", "", 0),
    ("printf 'x\\ny\\n' > g; sed -s '1~2d;F' g g", "g\ny\ng\ny\n", "", 0),
    ("printf 'a\\nb\\n' | sed -z 's/\\n/,/g'", "a,b,", "", 0),
    ("printf 'x\\ny\\n' > g; sed -i.bak 's/x/X/' g; cat g g.bak", "X\ny\nx\ny\n", "", 0),
    ("printf 'x\\ny\\n' > g; sed --in-place=.orig -e 's/x/X/' g; cat g g.orig", "X\ny\nx\ny\n", "", 0),
    ("printf 'x\\n' > f; sed -in 's/x/y/' f; cat f fn", "y\nx\n", "", 0),
    ("printf 'x\\ny\\n' > g; printf '1\\n2\\n' > h; sed -i '$d' g h; cat g h", "x\n1\n", "", 0),
    ("sed -i 's/x/X/'; echo \"rc=$?\"", "rc=4\n", "sed: no input files\n", 0),
    ("sed -i p nope; echo \"rc=$?\"", "rc=2\n", "sed: can't read nope: No such file or directory\n", 0),
    ("printf 'x\\ny\\n' > g; sed -i 'q' g; cat g", "x\n", "", 0),
    ("printf 's/x/Y/\\n#comment\\np\\n' > s.sed; printf 'x\\n' | sed -f s.sed", "Y\nY\n", "", 0),
    ("printf 'x\\ny\\n' | sed --expression=p -n", "x\ny\n", "", 0),
    ("printf 'x\\ny\\n' | sed -ne '2p'", "y\n", "", 0),
    ("printf 'xy\\n' | sed -nE 's/(x)(y)/\\2\\1/p'", "yx\n", "", 0),
    ("printf 'x\\ny\\n' | sed $'#n\\np'", "x\ny\n", "", 0),
    ("printf 'x\\ny\\n' | sed -n '$='", "2\n", "", 0),
    ("sed --version", "sed (GNU sed) 4.9\nPackaged by Debian\nCopyright (C) 2022 Free Software Foundation, Inc.\nLicense GPLv3+: GNU GPL version 3 or later <https://gnu.org/licenses/gpl.html>.\nThis is free software: you are free to change and redistribute it.\nThere is NO WARRANTY, to the extent permitted by law.\n\nWritten by Jay Fenlason, Tom Lord, Ken Pizzini,\nPaolo Bonzini, Jim Meyering, and Assaf Gordon.\n\nThis sed program was built with SELinux support.\nSELinux is disabled on this system.\n\nGNU sed home page: <https://www.gnu.org/software/sed/>.\nGeneral help using GNU software: <https://www.gnu.org/gethelp/>.\nE-mail bug reports to: <bug-sed@gnu.org>.\n", "", 0),
    ("sed -k p; echo \"rc=$?\"", "rc=1\n", "sed: invalid option -- 'k'\nUsage: sed [OPTION]... {script-only-if-no-other-script} [input-file]...\n\n  -n, --quiet, --silent\n                 suppress automatic printing of pattern space\n      --debug\n                 annotate program execution\n  -e script, --expression=script\n                 add the script to the commands to be executed\n  -f script-file, --file=script-file\n                 add the contents of script-file to the commands to be executed\n  --follow-symlinks\n                 follow symlinks when processing in place\n  -i[SUFFIX], --in-place[=SUFFIX]\n                 edit files in place (makes backup if SUFFIX supplied)\n  -l N, --line-length=N\n                 specify the desired line-wrap length for the `l' command\n  --posix\n                 disable all GNU extensions.\n  -E, -r, --regexp-extended\n                 use extended regular expressions in the script\n                 (for portability use POSIX -E).\n  -s, --separate\n                 consider files as separate rather than as a single,\n                 continuous long stream.\n      --sandbox\n                 operate in sandbox mode (disable e/r/w commands).\n  -u, --unbuffered\n                 load minimal amounts of data from the input files and flush\n                 the output buffers more often\n  -z, --null-data\n                 separate lines by NUL characters\n      --help     display this help and exit\n      --version  output version information and exit\n\nIf no -e, --expression, -f, or --file option is given, then the first\nnon-option argument is taken as the sed script to interpret.  All\nremaining arguments are names of input files; if no input files are\nspecified, then the standard input is read.\n\nGNU sed home page: <https://www.gnu.org/software/sed/>.\nGeneral help using GNU software: <https://www.gnu.org/gethelp/>.\n", 0),
    ("printf 'hello world\\n' | sed 's/o/0/2'", "hello w0rld\n", "", 0),
    ("printf 'hello world\\n' | sed 's/o/0/2g'", "hello w0rld\n", "", 0),
    ("printf 'hello world\\n' | sed -E 's/(\\w+) (\\w+)/\\u\\1 \\U\\2\\E!/'", "Hello WORLD!\n", "", 0),
    ("printf 'ab\\n' | sed 's/\\(a\\)\\(x*\\)b/\\u\\2\\1/'", "A\n", "", 0),
    ("printf 'a.b.c\\n' | sed 's/\\./\\n/g'", "a\nb\nc\n", "", 0),
    ("printf 'a b\\n' | sed 's/ /\\t/'", "a\tb\n", "", 0),
    ("printf 'ab\\n' | sed $'s/a/x\\\\\\ny/'", "x\nyb\n", "", 0),
    ("printf 'abc\\n' | sed 's/b/[&]/;s/c/\\&/'", "a[b]&\n", "", 0),
    ("printf 'baaac\\n' | sed 's/a*/x/g'", "xbxcx\n", "", 0),
    ("printf 'abc\\n' | sed 'y/abc/\\n\\t\\\\/' | sed -n l", "$\n\\t\\\\$\n", "", 0),
    ("printf 'hello\\n' | sed 'y/elo/ELO/'", "hELLO\n", "", 0),
    ("printf 'a\\nb\\nc\\n' | sed $'2a\\\\\\nnew1\\\\\\nnew2'", "a\nb\nnew1\nnew2\nc\n", "", 0),
    ("printf 'a\\nb\\n' | sed '1a\\  indented'", "a\n  indented\nb\n", "", 0),
    ("printf 'a\\nb\\n' | sed '1i top' ", "top\na\nb\n", "", 0),
    ("printf 'a\\nb\\nc\\nd\\n' | sed $'2,3c\\\\\\nchanged'", "a\nchanged\nd\n", "", 0),
    ("printf 'a\\nb\\nc\\nd\\n' | sed '2,3!c X'", "X\nb\nc\nX\n", "", 0),
    ("printf 'a\\nb\\n' | sed '$a end'", "a\nb\nend\n", "", 0),
    ("printf 'a\\nb' | sed '$a end'", "a\nb\nend\n", "", 0),
    ("printf 'a\\nb' | sed p", "a\na\nb\nb", "", 0),
    ("printf 'a\\nb' | sed -n p", "a\nb", "", 0),
    ("printf '' | sed p; echo \"rc=$?\"", "rc=0\n", "", 0),
    ("printf 'x\\n' | sed -n '/x/{p;p}'", "x\nx\n", "", 0),
    ("printf 'x\\ny\\n' | sed -n $'/x/{\\np\\n=\\n}'", "x\n1\n", "", 0),
    ("printf 'x\\n' | sed X; echo \"rc=$?\"", "rc=1\n", "sed: -e expression #1, char 1: unknown command: `X'\n", 0),
    ("printf 'x\\n' | sed 's/x/y'; echo \"rc=$?\"", "rc=1\n", "sed: -e expression #1, char 5: unterminated `s' command\n", 0),
    ("printf 'x\\n' | sed 'b foo'; echo \"rc=$?\"", "rc=4\n", "sed: can't find label for jump to `foo'\n", 0),
    ("printf 'x\\n' | sed '1{'; echo \"rc=$?\"", "rc=1\n", "sed: -e expression #1, char 0: unmatched `{'\n", 0),
    ("printf 'x\\n' | sed '}'; echo \"rc=$?\"", "rc=1\n", "sed: -e expression #1, char 1: unexpected `}'\n", 0),
    ("printf 'x\\n' | sed 'p x'; echo \"rc=$?\"", "rc=1\n", "sed: -e expression #1, char 3: extra characters after command\n", 0),
    ("printf 'x\\n' | sed '1,p'; echo \"rc=$?\"", "rc=1\n", "sed: -e expression #1, char 3: unexpected `,'\n", 0),
    ("printf 'x\\n' | sed '0p'; echo \"rc=$?\"", "rc=1\n", "sed: -e expression #1, char 2: invalid usage of line address 0\n", 0),
    ("printf 'x\\n' | sed 's/x/y/gg'; echo \"rc=$?\"", "rc=1\n", "sed: -e expression #1, char 8: multiple `g' options to `s' command\n", 0),
    ("printf 'x\\n' | sed 's/x/y/0'; echo \"rc=$?\"", "rc=1\n", "sed: -e expression #1, char 7: number option to `s' command may not be zero\n", 0),
    ("printf 'x\\n' | sed 's/x/y/q'; echo \"rc=$?\"", "rc=1\n", "sed: -e expression #1, char 7: unknown option to `s'\n", 0),
    ("printf 'x\\n' | sed 's/\\(x\\)/\\2/'; echo \"rc=$?\"", "rc=1\n", "sed: -e expression #1, char 11: invalid reference \\2 on `s' command's RHS\n", 0),
    ("printf 'x\\n' | sed 'y/ab/c/'; echo \"rc=$?\"", "rc=1\n", "sed: -e expression #1, char 7: strings for `y' command are different lengths\n", 0),
    ("printf 'x\\n' | sed 'a'; echo \"rc=$?\"", "rc=1\n", "sed: -e expression #1, char 1: expected \\ after `a', `c' or `i'\n", 0),
    ("printf 'x\\n' | sed ':'; echo \"rc=$?\"", "rc=1\n", "sed: -e expression #1, char 1: \":\" lacks a label\n", 0),
    ("printf 'x\\n' | sed '1,2q'; echo \"rc=$?\"", "rc=1\n", "sed: -e expression #1, char 4: command only uses one address\n", 0),
    ("printf 'x\\n' | sed 's//y/'; echo \"rc=$?\"", "rc=1\n", "sed: -e expression #1, char 0: no previous regular expression\n", 0),
    ("printf 'x\\n' | sed '//Ip'; echo \"rc=$?\"", "rc=1\n", "sed: -e expression #1, char 3: cannot specify modifiers on empty regexp\n", 0),
    ("printf 'x\\n' | sed '/x'; echo \"rc=$?\"", "rc=1\n", "sed: -e expression #1, char 2: unterminated address regex\n", 0),
    ("printf 'x\\n' | sed '+1p'; echo \"rc=$?\"", "rc=1\n", "sed: -e expression #1, char 2: invalid usage of +N or ~N as first address\n", 0),
    ("printf 'x\\n' | sed '!!p'; echo \"rc=$?\"", "rc=1\n", "sed: -e expression #1, char 2: multiple `!'s\n", 0),
    ("printf 'x\\n' | sed 'r'; echo \"rc=$?\"", "rc=1\n", "sed: -e expression #1, char 1: missing filename in r/R/w/W commands\n", 0),
    ("printf 'x\\n' | sed 's/\\(/y/'; echo \"rc=$?\"", "rc=1\n", "sed: -e expression #1, char 7: Unmatched ( or \\(\n", 0),
    ("printf 'x\\n' > g; sed p nope.txt g; echo \"rc=$?\"", "x\nx\nrc=2\n", "sed: can't read nope.txt: No such file or directory\n", 0),
    ("printf 'x\\n' > g; sed q5 nope.txt g; echo \"rc=$?\"", "x\nrc=2\n", "sed: can't read nope.txt: No such file or directory\n", 0),
    ("printf 'abc\\n' | sed -n '/b/s//X/p'", "aXc\n", "", 0),
    ("printf 'x\\n' | sed '99999999999999999999p'", "x\n", "", 0),
    ("printf 'x\\ny\\n' | sed -n '1~0p'", "x\n", "", 0),
    ("printf '1\\n2\\n3\\n' | sed 'n;d'", "1\n3\n", "", 0),
    ("printf '1\\n2\\n3\\n' | sed -n 'n;p'", "2\n", "", 0),
    ("printf '1\\n2\\n3\\n' | sed 'N'", "1\n2\n3\n", "", 0),
    ("printf '1\\n2\\n3\\n' | sed '$!N;s/\\n/-/'", "1-2\n3\n", "", 0),
    ("printf 'a\\nb\\n' | sed -e 'N;a X' -e 'P;D'", "a\nb\nX\n", "", 0),
    ("printf 'a b c\\n' | sed 's/ /\\n/g' | sed -n '2p'", "b\n", "", 0),
    ("printf 'key=value\\n' | sed 's/\\(.*\\)=\\(.*\\)/\\2=\\1/'", "value=key\n", "", 0),
    ("printf 'CamelCase\\n' | sed 's/[A-Z]/_\\l&/g'", "_camel_case\n", "", 0),
    ("printf 'x\\n' | sed --posix 's/x/X/;T'; echo \"rc=$?\"", "rc=1\n", "sed: -e expression #1, char 8: unknown command: `T'\n", 0),
    ("printf 'line\\n' | sed = | sed 'N;s/\\n/ /'", "1 line\n", "", 0),
    ("printf 'a\\n\\n\\nb\\n\\n\\nc\\n' | sed '/^$/N;/\\n$/D'", "a\n\nb\n\nc\n", "", 0),
    ("printf 'one two\\n' | sed -E 's/(\\S+)\\s+(\\S+)/\\2 \\1/'", "two one\n", "", 0),
    ("printf 'x\\n' | sed -n '/x/{p;q}; p'", "x\n", "", 0),
    ("printf 'aXbXc\\n' | sed 's/X/\\n/2'", "aXb\nc\n", "", 0),
    ("printf 'a\\0b\\0' | sed -z 's/^/>/' | sed 's/\\x00/|/g'", ">a|>b|", "", 0),
    ("printf 'a\\nb\\n' | sed -n 'N;l'", "a\\nb$\n", "", 0),
    ("printf 'a\\nb\\n' | sed -z -n l | sed -n l", "a\\\\nb\\\\n$\\000$\n", "", 0),
    ("printf 'x\\ny\\n' | sed -e '1{' -e 'p' -e '}'", "x\nx\ny\n", "", 0),
    ("printf 'x\\ny\\n' | sed -e p -e '1{'; echo \"rc=$?\"", "rc=1\n", "sed: -e expression #2, char 0: unmatched `{'\n", 0),
    ("printf 'x\\n' | sed -e 'a\\' -e 'foo'", "x\nfoo\n", "", 0),
    ("printf 'x\\n' | sed -e 'a foo\\' -e 'b\\tc'", "x\nfoo\nb\tc\n", "", 0),
    ("printf 'x\\n' | sed 'a foo\\tbar\\'", "x\nfoo\\tbar\n", "", 0),
    ("printf 'x\\n' | sed 'c\\'", "", "", 0),
    ("printf 'x\\ny\\n' | sed 'i\\'", "x\ny\n", "", 0),
    ("printf 'x\\n' | sed '1{a foo}'; echo \"rc=$?\"", "rc=1\n", "sed: -e expression #1, char 0: unmatched `{'\n", 0),
    ("printf 'x\\n' | sed $'1{a foo\\n}'", "x\nfoo\n", "", 0),
    ("printf 'a\\nb\\nc\\nd\\n' | sed '$!N;2,3c X'", "c\nd\n", "", 0),
    ("printf 'a\\nb\\nc\\nd\\n' | sed '/b/,/c/{/c/!d}'", "a\nc\nd\n", "", 0),
    ("printf 'x\\n' | sed 's/x/a\\&b/'", "a&b\n", "", 0),
    ("printf 'x\\n' | sed 's&x&a\\&b&'", "a&b\n", "", 0),
    ("printf 'a/b\\n' | sed 's|/|\\||'", "a|b\n", "", 0),
    ("printf 'a.b\\n' | sed 's.a\\.b.X.'", "X\n", "", 0),
    ("printf 'a|b\\n' | sed -E 's|a\\|b|X|'", "X|b\n", "", 0),
    ("printf 'x[/]y\\n' | sed 's/[/]/Q/'", "x[Q]y\n", "", 0),
    ("printf 'hello\\n' | sed 's/l/L/3'", "hello\n", "", 0),
    ("printf 'aaa\\n' | sed 's/a/b/2g'", "abb\n", "", 0),
    ("printf 'abc\\n' | sed 's/x*/-/g'", "-a-b-c-\n", "", 0),
    ("printf 'abc\\n' | sed 's/b*/-/2'", "a-c\n", "", 0),
    ("printf 'hello world\\n' | sed 's/\\w\\+/[&]/g'", "[hello] [world]\n", "", 0),
    ("printf 'hello world\\n' | sed 's/\\bw/W/'", "hello World\n", "", 0),
    ("printf 'hello world\\n' | sed 's/\\<./\\u&/g'", "Hello World\n", "", 0),
    ("printf 'foo bar\\n' | sed 's/\\(foo\\) \\(bar\\)/\\U\\1\\E \\2/'", "FOO bar\n", "", 0),
    ("printf 'foo bar\\n' | sed -E 's/(.*)/\\L\\u&/'", "Foo bar\n", "", 0),
    ("printf 'FOO BAR\\n' | sed 's/\\w\\+/\\L\\u&/g'", "Foo Bar\n", "", 0),
    ("printf 'ab\\n' | sed 's/\\(x*\\)\\(a\\)/\\u\\1\\2/'", "Ab\n", "", 0),
    ("printf 'tab\\n' | sed 's/a/\\x41/'", "tAb\n", "", 0),
    ("printf 'tab\\n' | sed 's/a/\\d66\\o103/'", "tBCb\n", "", 0),
    ("printf 'tab\\n' | sed 's/a/\\cA/' | sed -n l", "t\\001b$\n", "", 0),
    ("printf 'a-b\\n' | sed 's/-/\\x26/'", "a&b\n", "", 0),
    ("printf 'abc\\n' | sed -n 's/b/B/p;s/c/C/p'", "aBc\naBC\n", "", 0),
    ("printf 'abc\\n' | sed -n 's/B/x/Ip'", "axc\n", "", 0),
    ("printf 'a\\nb\\n' | sed 'N;s/a.b/X/'", "X\n", "", 0),
    ("printf 'a\\nb\\n' | sed 'N;s/a.b/X/M'", "a\nb\n", "", 0),
    ("printf 'a\\nb\\n' | sed 'N;s/^/>/Mg'", ">a\n>b\n", "", 0),
    ("printf 'a\\nb\\n' | sed 'N;s/$/</Mg'", "a<\nb<\n", "", 0),
    ("printf 'a\\nb\\n' | sed 'N;s/^/>/g'", ">a\nb\n", "", 0),
    ("printf 'a\\nb\\n' | sed 'N;s/a\\n/X/'", "Xb\n", "", 0),
    ("printf 'a\\nb\\n' | sed -n '/a$/Mp;N;/a$/Mp'", "a\na\nb\n", "", 0),
    ("printf 'a\\nb\\n' | sed 'N;P;D'", "a\nb\n", "", 0),
    ("printf 'x\\n' | sed 'G;G;l;d'", "x\\n\\n$\n", "", 0),
    ("printf 'x\\ny\\n' | sed 'x;$!d;G'", "x\ny\n", "", 0),
    ("printf 'a\\nb' | sed -n 'x;p'", "\na\n", "", 0),
    ("printf 'a\\nb' | sed 'G'", "a\n\nb\n\n", "", 0),
    ("printf 'a\\nb' | sed '$!d;x'", "\n", "", 0),
    ("printf 'a' | sed 'w /dev/stdout'", "aa", "", 0),
    ("printf 'a\\nb\\n' | sed 'a\\' ", "a\nb\n", "", 0),
    ("printf '1\\n2\\n3\\n4\\n5\\n' | sed -n '2,4!p'", "1\n5\n", "", 0),
    ("printf '1\\n2\\n3\\n4\\n5\\n' | sed -n '4,2p'", "4\n", "", 0),
    ("printf '1\\n2\\n3\\n4\\n5\\n' | sed -n '/2/,1p'", "2\n", "", 0),
    ("printf '1\\n2\\n3\\n4\\n5\\n' | sed -n '$!{$!p}'", "1\n2\n3\n4\n", "", 0),
    ("printf '1\\n2\\n3\\n4\\n5\\n' | sed -n '2,+0p'", "2\n", "", 0),
    ("printf '1\\n2\\n3\\n4\\n5\\n' | sed -n '/[24]/,~2p'", "2\n3\n4\n", "", 0),
    ("printf '1\\n2\\n3\\n4\\n5\\n' | sed '2!d'", "2\n", "", 0),
    ("printf '1\\n2\\n3\\n4\\n5\\n' | sed '1 ! d'", "1\n", "", 0),
    ("printf '1\\n2\\n3\\n4\\n5\\n' | sed -n '2{n;p}'", "3\n", "", 0),
    ("printf '1\\n2\\n3\\n' | sed '2{N;N;N;s/^/>/}'", "1\n2\n3\n", "", 0),
    ("printf '1\\n2\\n3\\n' | sed -n '2{N;N;N;p}'", "", "", 0),
    ("printf '1\\n2\\n3\\n' | sed --posix 'N'", "1\n2\n", "", 0),
    ("printf '1\\n2\\n3\\n' | POSIXLY_CORRECT=1 sed 'N'", "1\n2\n", "", 0),
    ("printf '1\\n2\\n3\\n' | sed '$!n;d'", "1\n", "", 0),
    ("printf '1\\n2\\n3\\n' | sed 'q300'; echo \"rc=$?\"", "1\nrc=44\n", "", 0),
    ("printf '1\\n2\\n3\\n' | sed 'q 7'; echo \"rc=$?\"", "1\nrc=7\n", "", 0),
    ("printf '1\\n2\\n3\\n' | sed 'q7x'; echo \"rc=$?\"", "rc=1\n", "sed: -e expression #1, char 3: extra characters after command\n", 0),
    ("printf '1\\n2\\n3\\n' | sed $'2{a foo\\nq}'", "1\n2\nfoo\n", "", 0),
    ("printf '1\\n2\\n3\\n' | sed $'a foo\\n2Q'", "1\nfoo\n", "", 0),
    ("printf 'x\\n' | sed 's/b/x/ 2'", "x\n", "", 0),
    ("printf 'x\\n' | sed 's/x/y/;;;p'", "y\ny\n", "", 0),
    ("printf 'x\\n' | sed '1:a'; echo \"rc=$?\"", "rc=1\n", "sed: -e expression #1, char 2: : doesn't want any addresses\n", 0),
    ("printf 'x\\n' | sed '1}'; echo \"rc=$?\"", "rc=1\n", "sed: -e expression #1, char 2: unexpected `}'\n", 0),
    ("printf 'x\\n' | sed '0,5p'; echo \"rc=$?\"", "rc=1\n", "sed: -e expression #1, char 4: invalid usage of line address 0\n", 0),
    ("printf 'x\\n' | sed '0~0p'; echo \"rc=$?\"", "rc=1\n", "sed: -e expression #1, char 4: invalid usage of line address 0\n", 0),
    ("printf 'x\\n' | sed '1#c'; echo \"rc=$?\"", "rc=1\n", "sed: -e expression #1, char 2: comments don't accept any addresses\n", 0),
    ("printf 'x\\n' | sed 'y/abc/xyz'; echo \"rc=$?\"", "rc=1\n", "sed: -e expression #1, char 9: unterminated `y' command\n", 0),
    ("printf 'x\\n' | sed 'y/abc/xyz/g'; echo \"rc=$?\"", "rc=1\n", "sed: -e expression #1, char 11: extra characters after command\n", 0),
    ("printf 'x\\n' | sed 's'; echo \"rc=$?\"", "rc=1\n", "sed: -e expression #1, char 1: unterminated `s' command\n", 0),
    ("printf 'x\\n' | sed 'w'; echo \"rc=$?\"", "rc=1\n", "sed: -e expression #1, char 1: missing filename in r/R/w/W commands\n", 0),
    ("printf 'x\\n' | sed '/abc/'; echo \"rc=$?\"", "rc=1\n", "sed: -e expression #1, char 5: missing command\n", 0),
    ("printf 'x\\n' | sed '1'; echo \"rc=$?\"", "rc=1\n", "sed: -e expression #1, char 1: missing command\n", 0),
    ("printf 'x\\n' | sed -E 's/(/x/'; echo \"rc=$?\"", "rc=1\n", "sed: -e expression #1, char 6: Unmatched ( or \\(\n", 0),
    ("printf 'x\\n' | sed 's/a\\{2,1\\}/x/'; echo \"rc=$?\"", "rc=1\n", "sed: -e expression #1, char 13: Invalid content of \\{\\}\n", 0),
    ("printf 'x\\n' | sed 's/[a/x/'; echo \"rc=$?\"", "rc=1\n", "sed: -e expression #1, char 7: unterminated `s' command\n", 0),
    ("printf 'x\\n' | sed 's/x/y/pp'; echo \"rc=$?\"", "rc=1\n", "sed: -e expression #1, char 8: multiple `p' options to `s' command\n", 0),
    ("printf 'x\\n' | sed 's/x/y/2 3'; echo \"rc=$?\"", "rc=1\n", "sed: -e expression #1, char 9: multiple number options to `s' command\n", 0),
    ("printf 'x\\n' | sed -E 's/(b)/\\2/'; echo \"rc=$?\"", "rc=1\n", "sed: -e expression #1, char 9: invalid reference \\2 on `s' command's RHS\n", 0),
    ("printf 'x\\n' | sed 'v 9.0'; echo \"rc=$?\"", "rc=1\n", "sed: -e expression #1, char 5: expected newer version of sed\n", 0),
    ("printf 'x\\n' | sed 'v 4.2;p'", "x\nx\n", "", 0),
    ("printf 'x\\n' | sed 'L'; echo \"rc=$?\"", "rc=4\n", "sed: INTERNAL ERROR: Bad cmd L\n", 0),
    ("printf 'x\\n' | sed --sandbox 'w x'; echo \"rc=$?\"", "rc=1\n", "sed: -e expression #1, char 1: e/r/w commands disabled in sandbox mode\n", 0),
    ("printf 'x\\n' | sed 'sé1é2é'; echo \"rc=$?\"", "rc=1\n", "sed: -e expression #1, char 2: delimiter character is not a single-byte character\n", 0),
    ("printf 'héllo\\n' | sed 'y/é/e/'", "hello\n", "", 0),
    ("printf 'héllo\\n' | sed 's/./X/2'", "hXllo\n", "", 0),
    ("mkdir dd; printf 'a\\n' | sed 'w dd'; echo \"rc=$?\"", "rc=4\n", "sed: couldn't open file dd: Is a directory\n", 0),
    ("mkdir dd; printf 'a\\n' | sed 'r dd'; echo \"rc=$?\"", "a\nrc=4\n", "sed: read error on dd: Is a directory\n", 0),
    ("mkdir -p dir2; sed p dir2; echo \"rc=$?\"", "rc=4\n", "sed: read error on dir2: Is a directory\n", 0),
    ("printf 'x\\n' > g; sed -n '$p' g nope g; echo \"rc=$?\"", "x\nrc=2\n", "sed: can't read nope: No such file or directory\n", 0),
    ("printf 'x\\n' > g; sed -n '$p' g nope; echo \"rc=$?\"", "x\nrc=2\n", "sed: can't read nope: No such file or directory\n", 0),
    ("printf 'x\\ny' > g; sed '' g g | sed -n l", "x$\ny$\nx$\ny$\n", "", 0),
    ("printf 'x\\ny' > g; sed -s '' g g | sed -n l", "x$\ny$\nx$\ny$\n", "", 0),
    ("printf 'x\\ny\\n' > g; sed -i'bak_*' 's/x/X/' g; cat bak_g g", "x\ny\nX\ny\n", "", 0),
    ("mkdir d; echo x > d/f; sed -i'old_*' s/x/y/ d/f; echo \"rc=$?\"; cat d/f", "rc=4\nx\n", "sed: cannot rename d/f: No such file or directory\n", 0),
    ("printf 'x\\ny\\n' > g; sed -i -n '1p;w o' g; cat g o", "x\nx\ny\n", "", 0),
    ("printf 'x\\ny\\n' > g; sed -n -i 'p;=' g; cat g", "x\n1\ny\n2\n", "", 0),
    ("printf 'x\\ny\\n' > g; sed -i 'F;l' g; cat g", "g\nx$\nx\ng\ny$\ny\n", "", 0),
    ("printf 'x\\ny\\n' > g; sed -i 'w /dev/stdout' g; cat g", "x\ny\nx\ny\n", "", 0),
    ("printf 'x\\ny\\n' > g; sed -i -e '1i\\' -e 'top' g; cat g", "top\nx\ny\n", "", 0),
    ("printf 'x\\n' > g; sed -i p - < g; echo \"rc=$?\"", "rc=2\n", "sed: can't read -: No such file or directory\n", 0),
    ("printf 'x\\ny\\n' | sed '#np'", "", "", 0),
    ("printf 'x\\ny\\n' | sed -e '#n' -e p", "x\ny\n", "", 0),
    ("printf 'x\\ny\\n' | sed $' #n\\np'", "x\nx\ny\ny\n", "", 0),
    ("printf '#n\\np\\n' > s.sed; printf 'x\\ny\\n' | sed -f s.sed", "x\ny\n", "", 0),
    ("printf 's/x/y/\\n' > s.sed; printf 'x\\ny\\n' | sed -f s.sed -e p", "y\ny\ny\ny\n", "", 0),
    ("printf 'x\\ny\\n' | sed --posix '1~2p'; echo \"rc=$?\"", "rc=1\n", "sed: -e expression #1, char 2: unknown command: `~'\n", 0),
    ("printf 'x+\\ny\\n' | sed --posix 's/x\\+/X/'", "X\ny\n", "", 0),
    ("printf 'x\\n' | sed --quiet=3 p; echo \"rc=$?\"", "rc=1\n", "sed: option '--quiet' doesn't allow an argument\nUsage: sed [OPTION]... {script-only-if-no-other-script} [input-file]...\n\n  -n, --quiet, --silent\n                 suppress automatic printing of pattern space\n      --debug\n                 annotate program execution\n  -e script, --expression=script\n                 add the script to the commands to be executed\n  -f script-file, --file=script-file\n                 add the contents of script-file to the commands to be executed\n  --follow-symlinks\n                 follow symlinks when processing in place\n  -i[SUFFIX], --in-place[=SUFFIX]\n                 edit files in place (makes backup if SUFFIX supplied)\n  -l N, --line-length=N\n                 specify the desired line-wrap length for the `l' command\n  --posix\n                 disable all GNU extensions.\n  -E, -r, --regexp-extended\n                 use extended regular expressions in the script\n                 (for portability use POSIX -E).\n  -s, --separate\n                 consider files as separate rather than as a single,\n                 continuous long stream.\n      --sandbox\n                 operate in sandbox mode (disable e/r/w commands).\n  -u, --unbuffered\n                 load minimal amounts of data from the input files and flush\n                 the output buffers more often\n  -z, --null-data\n                 separate lines by NUL characters\n      --help     display this help and exit\n      --version  output version information and exit\n\nIf no -e, --expression, -f, or --file option is given, then the first\nnon-option argument is taken as the sed script to interpret.  All\nremaining arguments are names of input files; if no input files are\nspecified, then the standard input is read.\n\nGNU sed home page: <https://www.gnu.org/software/sed/>.\nGeneral help using GNU software: <https://www.gnu.org/gethelp/>.\n", 0),
    ("printf 'x\\n' | sed --expression; echo \"rc=$?\"", "rc=1\n", "sed: option '--expression' requires an argument\nUsage: sed [OPTION]... {script-only-if-no-other-script} [input-file]...\n\n  -n, --quiet, --silent\n                 suppress automatic printing of pattern space\n      --debug\n                 annotate program execution\n  -e script, --expression=script\n                 add the script to the commands to be executed\n  -f script-file, --file=script-file\n                 add the contents of script-file to the commands to be executed\n  --follow-symlinks\n                 follow symlinks when processing in place\n  -i[SUFFIX], --in-place[=SUFFIX]\n                 edit files in place (makes backup if SUFFIX supplied)\n  -l N, --line-length=N\n                 specify the desired line-wrap length for the `l' command\n  --posix\n                 disable all GNU extensions.\n  -E, -r, --regexp-extended\n                 use extended regular expressions in the script\n                 (for portability use POSIX -E).\n  -s, --separate\n                 consider files as separate rather than as a single,\n                 continuous long stream.\n      --sandbox\n                 operate in sandbox mode (disable e/r/w commands).\n  -u, --unbuffered\n                 load minimal amounts of data from the input files and flush\n                 the output buffers more often\n  -z, --null-data\n                 separate lines by NUL characters\n      --help     display this help and exit\n      --version  output version information and exit\n\nIf no -e, --expression, -f, or --file option is given, then the first\nnon-option argument is taken as the sed script to interpret.  All\nremaining arguments are names of input files; if no input files are\nspecified, then the standard input is read.\n\nGNU sed home page: <https://www.gnu.org/software/sed/>.\nGeneral help using GNU software: <https://www.gnu.org/gethelp/>.\n", 0),
    ("printf 'x\\n' | sed -e; echo \"rc=$?\"", "rc=1\n", "sed: option requires an argument -- 'e'\nUsage: sed [OPTION]... {script-only-if-no-other-script} [input-file]...\n\n  -n, --quiet, --silent\n                 suppress automatic printing of pattern space\n      --debug\n                 annotate program execution\n  -e script, --expression=script\n                 add the script to the commands to be executed\n  -f script-file, --file=script-file\n                 add the contents of script-file to the commands to be executed\n  --follow-symlinks\n                 follow symlinks when processing in place\n  -i[SUFFIX], --in-place[=SUFFIX]\n                 edit files in place (makes backup if SUFFIX supplied)\n  -l N, --line-length=N\n                 specify the desired line-wrap length for the `l' command\n  --posix\n                 disable all GNU extensions.\n  -E, -r, --regexp-extended\n                 use extended regular expressions in the script\n                 (for portability use POSIX -E).\n  -s, --separate\n                 consider files as separate rather than as a single,\n                 continuous long stream.\n      --sandbox\n                 operate in sandbox mode (disable e/r/w commands).\n  -u, --unbuffered\n                 load minimal amounts of data from the input files and flush\n                 the output buffers more often\n  -z, --null-data\n                 separate lines by NUL characters\n      --help     display this help and exit\n      --version  output version information and exit\n\nIf no -e, --expression, -f, or --file option is given, then the first\nnon-option argument is taken as the sed script to interpret.  All\nremaining arguments are names of input files; if no input files are\nspecified, then the standard input is read.\n\nGNU sed home page: <https://www.gnu.org/software/sed/>.\nGeneral help using GNU software: <https://www.gnu.org/gethelp/>.\n", 0),
    ("printf 'x\\n' | sed --ex=p", "x\nx\n", "", 0),
    ("printf 'x\\n' | sed -n -- p", "x\n", "", 0),
    ("printf 'x\\n' | sed -l abc -n l", "x$\n", "", 0),
    ("printf 'x\\n' | sed p -n", "x\n", "", 0),
    ("printf 'x\\n' | sed -s; echo \"rc=$?\"", "rc=1\n", "Usage: sed [OPTION]... {script-only-if-no-other-script} [input-file]...\n\n  -n, --quiet, --silent\n                 suppress automatic printing of pattern space\n      --debug\n                 annotate program execution\n  -e script, --expression=script\n                 add the script to the commands to be executed\n  -f script-file, --file=script-file\n                 add the contents of script-file to the commands to be executed\n  --follow-symlinks\n                 follow symlinks when processing in place\n  -i[SUFFIX], --in-place[=SUFFIX]\n                 edit files in place (makes backup if SUFFIX supplied)\n  -l N, --line-length=N\n                 specify the desired line-wrap length for the `l' command\n  --posix\n                 disable all GNU extensions.\n  -E, -r, --regexp-extended\n                 use extended regular expressions in the script\n                 (for portability use POSIX -E).\n  -s, --separate\n                 consider files as separate rather than as a single,\n                 continuous long stream.\n      --sandbox\n                 operate in sandbox mode (disable e/r/w commands).\n  -u, --unbuffered\n                 load minimal amounts of data from the input files and flush\n                 the output buffers more often\n  -z, --null-data\n                 separate lines by NUL characters\n      --help     display this help and exit\n      --version  output version information and exit\n\nIf no -e, --expression, -f, or --file option is given, then the first\nnon-option argument is taken as the sed script to interpret.  All\nremaining arguments are names of input files; if no input files are\nspecified, then the standard input is read.\n\nGNU sed home page: <https://www.gnu.org/software/sed/>.\nGeneral help using GNU software: <https://www.gnu.org/gethelp/>.\n", 0),
    ("printf 'x+y\\n' | sed -e 's/x+/Q/' -E", "Qy\n", "", 0),
    ("printf 'xy\\n' | sed -E -e 's/x+/Q/' -e 's/(y)/[\\1]/'", "Q[y]\n", "", 0),
    ("printf 'x\\n' | sed --foo=bar; echo \"rc=$?\"", "rc=1\n", "sed: unrecognized option '--foo=bar'\nUsage: sed [OPTION]... {script-only-if-no-other-script} [input-file]...\n\n  -n, --quiet, --silent\n                 suppress automatic printing of pattern space\n      --debug\n                 annotate program execution\n  -e script, --expression=script\n                 add the script to the commands to be executed\n  -f script-file, --file=script-file\n                 add the contents of script-file to the commands to be executed\n  --follow-symlinks\n                 follow symlinks when processing in place\n  -i[SUFFIX], --in-place[=SUFFIX]\n                 edit files in place (makes backup if SUFFIX supplied)\n  -l N, --line-length=N\n                 specify the desired line-wrap length for the `l' command\n  --posix\n                 disable all GNU extensions.\n  -E, -r, --regexp-extended\n                 use extended regular expressions in the script\n                 (for portability use POSIX -E).\n  -s, --separate\n                 consider files as separate rather than as a single,\n                 continuous long stream.\n      --sandbox\n                 operate in sandbox mode (disable e/r/w commands).\n  -u, --unbuffered\n                 load minimal amounts of data from the input files and flush\n                 the output buffers more often\n  -z, --null-data\n                 separate lines by NUL characters\n      --help     display this help and exit\n      --version  output version information and exit\n\nIf no -e, --expression, -f, or --file option is given, then the first\nnon-option argument is taken as the sed script to interpret.  All\nremaining arguments are names of input files; if no input files are\nspecified, then the standard input is read.\n\nGNU sed home page: <https://www.gnu.org/software/sed/>.\nGeneral help using GNU software: <https://www.gnu.org/gethelp/>.\n", 0),
    ("printf 'x\\n' | sed --f p; echo \"rc=$?\"", "rc=1\n", "sed: option '--f' is ambiguous; possibilities: '--file' '--follow-symlinks'\nUsage: sed [OPTION]... {script-only-if-no-other-script} [input-file]...\n\n  -n, --quiet, --silent\n                 suppress automatic printing of pattern space\n      --debug\n                 annotate program execution\n  -e script, --expression=script\n                 add the script to the commands to be executed\n  -f script-file, --file=script-file\n                 add the contents of script-file to the commands to be executed\n  --follow-symlinks\n                 follow symlinks when processing in place\n  -i[SUFFIX], --in-place[=SUFFIX]\n                 edit files in place (makes backup if SUFFIX supplied)\n  -l N, --line-length=N\n                 specify the desired line-wrap length for the `l' command\n  --posix\n                 disable all GNU extensions.\n  -E, -r, --regexp-extended\n                 use extended regular expressions in the script\n                 (for portability use POSIX -E).\n  -s, --separate\n                 consider files as separate rather than as a single,\n                 continuous long stream.\n      --sandbox\n                 operate in sandbox mode (disable e/r/w commands).\n  -u, --unbuffered\n                 load minimal amounts of data from the input files and flush\n                 the output buffers more often\n  -z, --null-data\n                 separate lines by NUL characters\n      --help     display this help and exit\n      --version  output version information and exit\n\nIf no -e, --expression, -f, or --file option is given, then the first\nnon-option argument is taken as the sed script to interpret.  All\nremaining arguments are names of input files; if no input files are\nspecified, then the standard input is read.\n\nGNU sed home page: <https://www.gnu.org/software/sed/>.\nGeneral help using GNU software: <https://www.gnu.org/gethelp/>.\n", 0),
    ("printf 'x\\n' | sed --null-data -n l | sed -n l", "x\\\\n$\\000$\n", "", 0),
    ("printf 'aaa\\n' | sed 's/a/b/3;s//c/'", "cab\n", "", 0),
    ("printf 'abc\\n' | sed '/b/!d;s//X/'", "aXc\n", "", 0),
    ("printf 'x\\n' | sed -n '/x/ {p}'", "x\n", "", 0),
    ("printf 'x\\n' | sed '/x/ !d'", "x\n", "", 0),
    ("printf 'a b\\n' | sed 's/\\s/_/;s/\\S/X/'", "X_b\n", "", 0),
    ("printf 'a1b2\\n' | sed 's/[[:digit:]]/#/g'", "a#b#\n", "", 0),
    ("printf 'a]b\\n' | sed 's/[]]/X/'", "aXb\n", "", 0),
    ("printf 'a^b\\n' | sed 's/\\^/X/'", "aXb\n", "", 0),
    ("printf 'ab\\n' | sed 's/a\\|b/X/g'", "XX\n", "", 0),
    ("printf 'aab\\n' | sed 's/a\\{2\\}/X/'", "Xb\n", "", 0),
    ("printf 'aab\\n' | sed -E 's/a{2}/X/'", "Xb\n", "", 0),
    ("printf 'a+b\\n' | sed 's/a+b/X/'", "X\n", "", 0),
    ("printf 'a\\nb\\n' > f; sed 'w f' f; echo \"rc=$?\"; cat f", "rc=0\n", "", 0),
    ("printf 'a\\nb\\n' | sed -n 'p;w /dev/stdout'", "a\na\nb\nb\n", "", 0),
    ("printf 'a\\nb\\n' | sed -n 's/a/X/w o;p'; ls", "o;p\n", "", 0),
    ("printf 'a\\nb\\n' | sed -z '='", "1\0a\nb\n", "", 0),
    ("printf 'a\\n' > f; printf 'b\\nc\\n' > g; sed -s F f g", "f\na\ng\nb\ng\nc\n", "", 0),
    ("printf 'a\\n' > f; printf 'b\\nc\\n' > g; sed -n '$=' f g", "3\n", "", 0),
    ("printf 'a\\n' > f; printf 'b\\nc\\n' > g; sed -s -n '$=' f g", "1\n2\n", "", 0),
    ("printf 'a\\n' > f; : > e; sed -n '$p' f e", "a\n", "", 0),
    ("printf 'a\\n' > f; mkdir d; sed -n '$p' f d; echo \"rc=$?\"", "a\nrc=0\n", "", 0),
    ("printf 'a\\nb\\nc\\n' | sed '1{s/a/A/}'", "A\nb\nc\n", "", 0),
    ("printf 'a\\nb\\nc\\n' | sed '/b/{s/b/B/;t};s/$/!/'", "a!\nB\nc!\n", "", 0),
    ("printf 'a\\nb\\nc\\n' | sed -n '/b/{s/b/B/;tx;p;:x;=}'", "2\n", "", 0),
    ("printf 'a\\nb\\nc\\n' | sed 'b end ; s/a/X/ ; :end'", "a\nb\nc\n", "", 0),
    ("printf 'a\\nb\\nc\\n' | sed -e 'b end' -e 's/a/X/' -e ':end'", "a\nb\nc\n", "", 0),
    ("printf 'a\\nb\\nc\\n' | sed 'y/abc/xyz/;p'", "x\nx\ny\ny\nz\nz\n", "", 0),
    ("printf 'a\\nb\\nc\\nd\\ne\\nf\\n' | sed -n '/a\\|d/,+1p'", "a\nb\nd\ne\n", "", 0),
    ("printf 'a\\nb\\nc\\n' | sed -n '0,/a/p'", "a\n", "", 0),
    ("printf 'a\\nb\\nc\\n' | sed -n '1,/a/p'", "a\nb\nc\n", "", 0),
    ("printf 'a\\nb\\nc\\n' | sed '0,/b/d'", "c\n", "", 0),
    ("printf 'a\\nb\\nc\\n' | sed '2,1d'", "a\nc\n", "", 0),
    ("printf 'a\\nb\\nc\\n' | sed '$!{$!d}'", "c\n", "", 0),
    ("printf 'a\\nb\\nc\\n' | sed -n '$!{n;p}'", "b\n", "", 0),
    ("printf 'a\\nb\\nc\\n' | sed '2c\\' ", "a\nc\n", "", 0),
    ("printf 'a\\nb\\nc\\n' | sed '2i\\   lead'", "a\n   lead\nb\nc\n", "", 0),
    ("printf 'a\\nb\\nc\\n' | sed '2a\\ttab'", "a\nb\nttab\nc\n", "", 0),
    ("printf 'a\\nb\\nc\\n' | sed '2a \\ttab'", "a\nb\nttab\nc\n", "", 0),
    ("printf 'a\\nb\\nc\\n' | sed '2a\\\\ttab'", "a\nb\n\ttab\nc\n", "", 0),
    ("printf 'a\\nb\\nc\\n' | sed 'a x' | sed -n '$='", "6\n", "", 0),
    ("printf 'one\\n' | sed 's/one/two/;a\\' ", "two\n", "", 0),
    ("printf 'a\\nb\\nc\\n' > s.sed; printf 'x\\n' | sed -f s.sed", "x\n\n", "", 0),
    ("printf '1a\\\\\\nfoo\\\\\\nbar\\n3d\\n' > s.sed; printf 'x\\ny\\nz\\n' | sed -f s.sed", "x\nfoo\nbar\ny\n", "", 0),
    ("printf 's/x/\\\\\\ny/\\n' > s.sed; printf 'x\\n' | sed -f s.sed", "\ny\n", "", 0),
    ("printf 'p\\n' > s.sed; printf 'x\\n' | sed -f s.sed -f s.sed", "x\nx\nx\n", "", 0),
    ("printf 'x\\n' | sed -f - <<< 'p' 2>&1", "", "", 0),
    ("printf 'x\\ny\\n' | sed '=' | sed 'N;s/\\n/\\t/'", "1\tx\n2\ty\n", "", 0),
    ("printf 'x\\ny\\n' | sed -n '/y/='", "2\n", "", 0),
    ("printf 'abc abc\\n' | sed 's/b/\\n/2;P;D'", "abc a\nc\n", "", 0),
    ("printf 'path/to/file\\n' | sed 's#/#\\\\#g'", "path\\to\\file\n", "", 0),
    ("printf 'x\\n' | sed 's/x/[\\n]/' | sed -n l", "[$\n]$\n", "", 0),
    ("printf 'x\\n' | sed 's/x/a\\tb/'", "a\tb\n", "", 0),
    ("printf 'A\\n' | sed 's/a/b/i'", "b\n", "", 0),
    ("printf 'A\\nb\\n' | sed '/a/Id'", "b\n", "", 0),
    ("printf 'ab\\nAB\\n' | sed -n '/^a/I{s/b/X/Ip}'", "aX\nAX\n", "", 0),
    ("printf 'hello\\n' | sed 's/\\(h\\)\\(e\\)\\(l\\)\\(l\\)\\(o\\)/\\5\\4\\3\\2\\1/'", "olleh\n", "", 0),
    ("printf 'a b c\\n' | sed 's/ /_/3'", "a b c\n", "", 0),
    ("printf 'aaa\\n' | sed -E 's/a+?/X/'", "X\n", "", 0),
    ("printf 'a\\n' | sed -n '/a/{p;p;p}'", "a\na\na\n", "", 0),
    ("printf '  x\\n' | sed 's/^[ \\t]*//'", "x\n", "", 0),
    ("printf 'x  \\n' | sed 's/[ \\t]*$//'", "x\n", "", 0),
    ("printf 'a,b,c\\n' | sed 's/,/\\n/g' | sed -n '$p'", "c\n", "", 0),
    ("printf '<b>x</b>\\n' | sed 's/<[^>]*>//g'", "x\n", "", 0),
    ("printf 'foo=1\\nbar=2\\n' | sed -n 's/^bar=//p'", "2\n", "", 0),
    ("printf 'x\\n' | sed '1!G;h;$!d'", "x\n", "", 0),
    ("printf '' | sed '$a end'", "", "", 0),
    ("printf '' | sed -n '$='", "", "", 0),
    ("printf '\\n' | sed 's/^$/empty/'", "empty\n", "", 0),
    ("printf 'x\\n' | sed 'i\\' | sed -n l", "x$\n", "", 0),
    ("printf 'x\\n' | sed -s", "", "Usage: sed [OPTION]... {script-only-if-no-other-script} [input-file]...\n\n  -n, --quiet, --silent\n                 suppress automatic printing of pattern space\n      --debug\n                 annotate program execution\n  -e script, --expression=script\n                 add the script to the commands to be executed\n  -f script-file, --file=script-file\n                 add the contents of script-file to the commands to be executed\n  --follow-symlinks\n                 follow symlinks when processing in place\n  -i[SUFFIX], --in-place[=SUFFIX]\n                 edit files in place (makes backup if SUFFIX supplied)\n  -l N, --line-length=N\n                 specify the desired line-wrap length for the `l' command\n  --posix\n                 disable all GNU extensions.\n  -E, -r, --regexp-extended\n                 use extended regular expressions in the script\n                 (for portability use POSIX -E).\n  -s, --separate\n                 consider files as separate rather than as a single,\n                 continuous long stream.\n      --sandbox\n                 operate in sandbox mode (disable e/r/w commands).\n  -u, --unbuffered\n                 load minimal amounts of data from the input files and flush\n                 the output buffers more often\n  -z, --null-data\n                 separate lines by NUL characters\n      --help     display this help and exit\n      --version  output version information and exit\n\nIf no -e, --expression, -f, or --file option is given, then the first\nnon-option argument is taken as the sed script to interpret.  All\nremaining arguments are names of input files; if no input files are\nspecified, then the standard input is read.\n\nGNU sed home page: <https://www.gnu.org/software/sed/>.\nGeneral help using GNU software: <https://www.gnu.org/gethelp/>.\n", 1),
    ("printf 'a\\nb\\n' | sed '1d;1d'", "b\n", "", 0),
    ("printf 'a\\nb\\n' | sed 'H;x;s/\\n/-/;x;$!d;x'", "-a-b\n", "", 0),
    ("printf 'x\\n' | sed --line-length=3 -n l", "x$\n", "", 0),
    ("printf 'abcdef\\n' | COLS=4 sed -n l", "ab\\\ncd\\\nef$\n", "", 0),
    ("printf 'x\\n' | sed 's/x/&&/3'", "x\n", "", 0),
    ("printf 'xyz\\n' | sed 's/y\\?/-/g'", "-x-z-\n", "", 0),
    ("printf 'xyz\\n' | sed -E 's/()/-/g'", "-x-y-z-\n", "", 0),
    ("printf 'xyz\\n' | sed -E 's/(q)?y/[\\1]/'", "x[]z\n", "", 0),
    ("printf 'x\\n' | sed -E 's/x|/-/g'", "-\n", "", 0),
    ("printf 'x\\n' | sed 's/x/\\\\/'", "\\\n", "", 0),
    ("printf 'x\\n' | sed 's/x/a\\/b/'", "a/b\n", "", 0),
    ("printf 'x\\n' | sed 's,x,a\\,b,'", "a,b\n", "", 0),
    ("printf 'x\\n' | sed 'ssxsys'", "y\n", "", 0),
    ("printf 'x\\n' | sed 's x y '", "y\n", "", 0),
    ("printf 'x\\n' | sed 'y,x,\\,,'", ",\n", "", 0),
    ("sed --help | head -3; sed --help | tail -4", "Usage: sed [OPTION]... {script-only-if-no-other-script} [input-file]...\n\n  -n, --quiet, --silent\n\nGNU sed home page: <https://www.gnu.org/software/sed/>.\nGeneral help using GNU software: <https://www.gnu.org/gethelp/>.\nE-mail bug reports to: <bug-sed@gnu.org>.\n", "", 0),
    ("awk 'function add(a, b) { return a + b } BEGIN { print add(2, 3) }'", "5\n", "", 0),
    ("awk 'func twice(x) { return x * 2 } BEGIN { print twice(21) }'", "", "awk: line 1: return outside function body\n", 2),
    ("awk 'function fact(n) { return n <= 1 ? 1 : n * fact(n - 1) } BEGIN { print fact(10) }'", "3628800\n", "", 0),
    ("awk 'function fib(n) { if (n < 2) return n; return fib(n-1) + fib(n-2) } BEGIN { for (i = 0; i < 10; i++) printf \"%d \", fib(i); print \"\" }'", "0 1 1 2 3 5 8 13 21 34 \n", "", 0),
    ("awk 'function fill(arr, n,   i) { for (i = 1; i <= n; i++) arr[i] = i * i } BEGIN { fill(sq, 4); print sq[1], sq[2], sq[3], sq[4], length(sq) }'", "1 4 9 16 4\n", "", 0),
    ("awk 'function f(a, b) { b = a * 2; return b } BEGIN { print f(3), \"[\" b \"]\" }'", "6 []\n", "", 0),
    ("awk 'BEGIN { print later(5) } function later(x) { return x \"!\" }'", "5!\n", "", 0),
    ("awk 'function f(x) { return } BEGIN { v = f(1); print \"[\" v \"]\" }'", "[]\n", "", 0),
    ("awk 'function f(a, a) { return 1 } BEGIN { f(1) }'", "", "awk: line 1: a is duplicated in argument list\n", 2),
    ("awk 'function f(a) { return 1 } function f(b) { return 2 } BEGIN { print f(1) }'", "", "awk: line 1: redefinition of f\n", 2),
    ("awk 'BEGIN { print g(1) }'", "", "awk: line 2: function g never defined\n", 2),
    ("awk 'BEGIN { return 1 }'", "", "awk: line 1: return outside function body\n", 2),
    ("awk 'function inc() { n++ } BEGIN { inc(); inc(); print n }'", "2\n", "", 0),
    ("awk 'function max(a, b) { return a > b ? a : b } { m = max(m, $1) } END { print m }' <<< $'3\\n9\\n4'", "9\n", "", 0),
    ("printf 'a b\\nc d\\ne f\\n' > f.txt; awk '{ print; while ((getline line) > 0) print \"got\", line, NR, FNR, NF }' f.txt", "a b\ngot c d 2 2 2\ngot e f 3 3 2\n", "", 0),
    ("printf 'a b\\nc d\\ne f\\n' > f.txt; awk 'NR == 1 { getline; print NR, $0, NF }' f.txt", "2 c d 2\n", "", 0),
    ("printf 'a b\\nc d\\ne f\\n' > f.txt; awk 'BEGIN { while ((getline < \"f.txt\") > 0) print NR, FNR, NF, $2 }'", "0 0 2 b\n0 0 2 d\n0 0 2 f\n", "", 0),
    ("printf 'a b\\nc d\\n' > f.txt; awk 'BEGIN { while ((getline l < \"f.txt\") > 0) n++; print n, l, NR }'", "2 c d 0\n", "", 0),
    ("printf 'a b\\nc d\\ne f\\n' > f.txt; awk 'BEGIN { getline; print \"B\", $0, NR } { print \"M\", $0, NR }' f.txt", "B a b 1\nM c d 2\nM e f 3\n", "", 0),
    ("awk 'BEGIN { print (getline x < \"nofile\"); print close(\"nofile\") }'", "-1\n-1\n", "", 0),
    ("printf 'one\\ntwo\\n' > f.txt; awk 'BEGIN { getline a < \"f.txt\"; print close(\"f.txt\"); getline b < \"f.txt\"; print a, b }'", "0\none one\n", "", 0),
    ("awk 'BEGIN { \"echo a; echo b\" | getline; print $0, NR, FNR; \"echo a; echo b\" | getline; print $0 }'", "a 0 0\nb\n", "", 0),
    ("awk 'BEGIN { while ((\"printf \\\"1 2\\\\n3 4\\\\n\\\"\" | getline x) > 0) s = s \"[\" x \"]\"; print s }'", "[1 2][3 4]\n", "", 0),
    ("awk 'BEGIN { \"date +%Y >/dev/null; exit 3\" | getline; print close(\"date +%Y >/dev/null; exit 3\") }'", "3\n", "", 0),
    ("awk 'BEGIN { cmd = \"echo hi\"; cmd | getline v; close(cmd); cmd | getline w; print v, w }'", "hi hi\n", "", 0),
    ("echo 5 | awk '{ \"echo 7\" | getline n; print $1 + n }'", "12\n", "", 0),
    ("awk 'BEGIN { print \"x\"; system(\"echo sys\"); print \"y\" }'", "x\nsys\ny\n", "", 0),
    ("awk 'BEGIN { r = system(\"exit 3\"); print \"r=\" r }'", "r=3\n", "", 0),
    ("awk 'BEGIN { print \"x\"; print \"p1\" | \"cat\"; print \"y\"; close(\"cat\"); print \"z\" }' | cat", "x\np1\ny\nz\n", "", 0),
    ("awk 'BEGIN { print \"x\"; print \"p1\" | \"cat\"; print \"y\" }' | cat", "x\np1\ny\n", "", 0),
    ("awk 'BEGIN { print \"c\" | \"sort\"; print \"a\" | \"sort\"; print \"b\" | \"sort\"; close(\"sort\"); print \"done\" }'", "a\nb\nc\ndone\n", "", 0),
    ("awk '{ print $2 | \"sort -r\" } END { close(\"sort -r\"); print \"end\" }' <<< $'x 1\\ny 3\\nz 2'", "3\n2\n1\nend\n", "", 0),
    ("awk 'BEGIN { print \"a\" | \"exit 4\"; print close(\"exit 4\"), close(\"never\") }'", "4 -1\n", "", 0),
    ("awk 'BEGIN { print \"one\" > \"out.txt\"; print \"two\" > \"out.txt\"; close(\"out.txt\"); print \"three\" >> \"out.txt\" }'; cat out.txt", "one\ntwo\nthree\n", "", 0),
    ("awk '{ print > ($1 \".txt\") }' <<< $'a 1\\nb 2\\na 3'; cat a.txt; cat b.txt", "a 1\na 3\nb 2\n", "", 0),
    ("awk 'BEGIN { printf \"%s-%d\\n\", \"n\", 5 > \"p.txt\" }'; cat p.txt", "n-5\n", "", 0),
    ("awk 'BEGIN { print \"err\" > \"/dev/stderr\"; print \"out\" > \"/dev/stdout\" }'", "out\n", "err\n", 0),
    ("awk 'BEGIN { print \"x\" > \"o.txt\"; while ((getline l < \"o.txt\") > 0) n++; print n + 0; close(\"o.txt\"); while ((getline l < \"o.txt\") > 0) m++; print m }'", "0\n1\n", "", 0),
    ("awk 'BEGIN { printf \"a\"; fflush(); system(\"printf b\"); print \"c\" }'", "abc\n", "", 0),
    ("awk 'BEGIN { print strftime(\"%Y-%m-%d %H:%M:%S\", 0) }'", "1970-01-01 00:00:00\n", "", 0),
    ("awk 'BEGIN { print strftime(\"%d/%m/%Y\", 1700000000), strftime(\"%H:%M\", 3600 * 5 + 60 * 7, 1) }'", "14/11/2023 05:07\n", "", 0),
    ("awk 'BEGIN { srand(1); print rand(), rand(); print srand(2), srand(3) }'", "0.840188 0.394383\n1 2\n", "", 0),
    ("awk 'BEGIN { srand(42); x = int(rand() * 100); print x }'", "3\n", "", 0),
    ("awk 'BEGIN { printf(\"%s %s\\n\", \"a\") }'", "a ", "awk: run time error: not enough arguments passed to printf(\"%s %s\n\")\n\tFILENAME=\"\" FNR=0 NR=0\n", 2),
    ("awk 'BEGIN { printf \"x\"; printf(\"%d %d\\n\", 1) }'", "x1 ", "awk: run time error: not enough arguments passed to printf(\"%d %d\n\")\n\tFILENAME=\"\" FNR=0 NR=0\n", 2),
    ("echo a | awk '{ printf(\"%s %s\\n\", $1) }'", "a ", "awk: run time error: not enough arguments passed to printf(\"%s %s\n\")\n\tFILENAME=\"-\" FNR=1 NR=1\n", 2),
    ("awk 'BEGIN { print substr(\"hello\", 0, 2), substr(\"hello\", -1, 3), substr(\"hello\", 2), substr(\"hello\", 1.5, 2), substr(\"hello\", 2, 1.7) }'", "he hell ello he e\n", "", 0),
    ("awk 'BEGIN { printf \"%c%c|%i|%5.2f|%-4s|\\n\", 65, \"hello\", 3.9, 3.14159, \"ab\" }'", "Ah|3| 3.14|ab  |\n", "", 0),
    ("awk -v x=5 -v 'y=a\\tb' 'BEGIN { print x + 1, y }'", "6 a\tb\n", "", 0),
    ("printf 'a\\n' > f.txt; awk '{ print v, $0 }' v=1 f.txt v=2 f.txt", "1 a\n2 a\n", "", 0),
    ("awk 'BEGIN { for (i = 0; i < ARGC; i++) print i, ARGV[i] }' one two", "0 awk\n1 one\n2 two\n", "", 0),
    ("X=hello awk 'BEGIN { print ENVIRON[\"X\"] }'", "hello\n", "", 0),
    ("printf 'BEGIN { print \"from file\" }\\n' > p.awk; awk -f p.awk", "from file\n", "", 0),
    ("awk -- 'BEGIN { print \"dashdash\" }'", "dashdash\n", "", 0),
    ("awk 'BEGIN { print x + 0, \"[\" x \"]\", length(x) }'", "0 [] 0\n", "", 0),
    ("awk '{ print ($1 < $2), ($1 \"\" < $2 \"\") }' <<< $'10 9'", "0 1\n", "", 0),
    ("awk 'BEGIN { re = \"^a.c$\"; print (\"abc\" ~ re), (\"abd\" ~ re) }'", "1 0\n", "", 0),
    ("echo hi | awk 'BEGIN { getline l < \"-\"; print \"got \" l }'", "got hi\n", "", 0),
    ("awk 'BEGIN { RS = \"\" } { print NR \": \" $1 \"/\" NF }' <<< $'a b\\nc\\n\\n\\nd e\\n'", "1: a/3\n2: d/2\n", "", 0),
    ("awk 'BEGIN { RS = \";\" } { print NR, $0 }' <<< 'x;y;z'", "1 x\n2 y\n3 z\n\n", "", 0),
    ("awk 'BEGIN { exit 3 } END { print \"end\" }'; echo \"rc=$?\"", "end\nrc=3\n", "", 0),
    ("awk 'function f() { exit 4 } BEGIN { f(); print \"no\" }'; echo \"rc=$?\"", "rc=4\n", "", 0),
    ("awk '{print}' nofile; echo \"rc=$?\"", "rc=2\n", "awk: cannot open nofile (No such file or directory)\n", 0),
    ("awk 'BEGIN { print 1/0 }'; echo \"rc=$?\"", "inf\nrc=0\n", "", 0),
    ("awk 'BEGIN { while ((\"echo y\" | getline) > 0) n++; print n }'", "1\n", "", 0),
    ("awk 'BEGIN { print \"a\"; close(\"x\"); print length(\"héllo\"), toupper(\"abc\") }'", "a\n6 ABC\n", "", 0),
    ("awk 'BEGIN { print \"to sh\" | \"cat 1>&2\" }'", "", "to sh\n", 0),
    ("awk 'BEGIN { \"pwd\" | getline d; print (d != \"\") }'", "1\n", "", 0),
    ("awk 'BEGIN { print sprintf(\"%5s|%-5s|%05d\", \"ab\", \"cd\", 42) }'", "   ab|cd   |00042\n", "", 0),
    ("awk 'BEGIN { print 1%0, -1/0, 2^1024; x = 5; x /= 0; print x }'", "-nan -inf inf\ninf\n", "", 0),
    ("awk 'BEGIN { print \"x\"; print \"b\" | \"cat\"; print \"y\"; system(\"\"); print \"z\" }' | cat", "x\ny\nb\nz\n", "", 0),
    ("awk 'BEGIN { \"echo a\" | getline; print \"x\"; print \"q\" | \"cat\"; close(\"cat\"); print \"w\" }' | cat", "x\nq\nw\n", "", 0),
    ("awk 'BEGIN { for (i = 0; i < 3; i++) print i | \"cat\" } END { print \"end\" }' | cat", "0\n1\n2\nend\n", "", 0),
    ("awk 'BEGIN { print index(\"abc\", \"c\"), length() }'", "3 0\n", "", 0),
    ("awk 'BEGIN { printf \"%d %s\\n\", 1 }' | cat; echo \"${PIPESTATUS[0]}\"", "1 2\n", "awk: run time error: not enough arguments passed to printf(\"%d %s\n\")\n\tFILENAME=\"\" FNR=0 NR=0\n", 0),
    ("awk 'BEGIN { x = sprintf(\"%d %s\", 1) }'; echo \"rc=$?\"", "rc=2\n", "awk: run time error: not enough arguments passed to sprintf(\"%d %s\")\n\tFILENAME=\"\" FNR=0 NR=0\n", 0),
    ("awk 'function f(n) { return f(n + 1) } BEGIN { f(1) }'; echo \"rc=$?\"", "rc=2\n", "awk: program limit exceeded: eval stack size=1024\n", 0),
    ("awk -x 1; echo \"rc=$?\"", "rc=2\n", "awk: not an option: -x\n", 0),
    ("awk 'BEGIN { print \"a\" > \"/nonexistent/x\" }'; echo \"rc=$?\"", "rc=2\n", "awk: cannot open \"/nonexistent/x\" for output (No such file or directory)\n", 0),
    ("awk 'BEGIN { while ((getline line < ARGV[1]) > 0) n++; print n }' /etc/hostname", "1\n", "", 0),
    ("awk 'function swap(a, i, j,   t) { t = a[i]; a[i] = a[j]; a[j] = t } BEGIN { n = split(\"c b a\", v); swap(v, 1, 3); print v[1], v[2], v[3] }'", "a b c\n", "", 0),
    ("awk 'function r(n) { if (n == 0) return 0; return n + r(n - 1) } BEGIN { print r(100) }'", "5050\n", "", 0),
    ("printf '1\\n2\\n3\\n' | awk 'function sum(   s, l) { while ((getline l) > 0) s += l; return s } { print $0, sum() }'", "1 5\n", "", 0),
    ("awk 'BEGIN { \"echo a b c\" | getline x; split(x, p); print p[3] }'", "c\n", "", 0),
    ("awk 'BEGIN { cmd = \"cat\"; print \"piped\" | cmd; close(cmd); \"echo back\" | getline y; print y }' | cat", "piped\nback\n", "", 0),
    ("awk 'BEGIN { print length(ENVIRON) > 0 }'", "", "", 0),
    ("awk 'BEGIN { printf \"%s\\n\" }'; echo \"rc=$?\"", "rc=2\n", "awk: run time error: not enough arguments passed to printf(\"%s\n\")\n\tFILENAME=\"\" FNR=0 NR=0\n", 0),
    ("awk '{ print NR; exit } END { print \"end\", NR }' <<< $'a\\nb'", "1\nend 1\n", "", 0),
    ("awk 'BEGIN { print substr(\"hello\", 2, 0) \"|\" substr(\"hello\", 10) \"|\" substr(\"hello\", -5) }'", "||hello\n", "", 0),
    ("awk 'BEGIN { x[\"a\"]; delete x; print length(x) }'", "0\n", "", 0),
    ("awk 'BEGIN { getline; print \"first:\", $0; getline; print \"second:\", $0 }' <<< $'l1\\nl2\\nl3'", "first: l1\nsecond: l2\n", "", 0),
    ("awk 'END { print NR, $0 }' <<< $'l1\\nl2'", "2 l2\n", "", 0),
    ("awk 'BEGIN { while ((\"echo x; echo y\" | getline line) > 0) print \"[\" line \"]\"; print close(\"echo x; echo y\") }'", "[x]\n[y]\n0\n", "", 0),
    ("awk 'BEGIN { system(\"echo one; echo two >&2\"); print \"three\" }'", "one\nthree\n", "two\n", 0),
    ("awk 'BEGIN { printf \"%c\", 256 }' | od -c", "0000000  \\0\n0000001\n", "", 0),
    ("awk 'BEGIN { OFS = \"-\" } { $1 = $1; print; print NF }' <<< 'a b c'", "a-b-c\n3\n", "", 0),
    ("awk -F: '{ print $2 }' <<< 'a:b:c'", "b\n", "", 0),
    ("awk 'BEGIN { printf \"%5.1f|%e|%g|%x|%o\\n\", 3.14159, 12345.678, 0.0001, 255, 8 }'", "  3.1|1.234568e+04|0.0001|ff|10\n", "", 0),
    ("awk 'BEGIN { a = \"10\"; b = 9; print (a < b), (\"10\" < \"9\") }'", "1 1\n", "", 0),
    ("i=2; a[$i]=x; echo ${a[2]}; echo x[$i]=y; declare -A m; k=\"a b\"; declare m[$k]=1; declare -p m", "x\nx[2]=y\ndeclare -A m=([\"a b\"]=\"1\" )\n", "", 0),
    ("i=2; local_test() { local l[$i]=3; echo \"[${l[2]}]\"; }; local_test", "[3]\n", "", 0),
    ("i=1; f() { echo \"$@\"; }; f a[$i]=b c[$i]", "a[1]=b c[1]\n", "", 0),
    ("export 1x=2; export e[1]=2; readonly r[1]=2; echo \"[${r[1]}]\"", "[]\n", "bash: export: `1x=2': not a valid identifier\nbash: export: `e[1]': not a valid identifier\nbash: readonly: `r[1]': not a valid identifier\n", 0),
    ("trap 'echo a' EXIT; (trap -p); trap -p | cat; echo $(trap -p); (trap 'echo b' INT; trap -p); bash -c 'trap -p'; trap - EXIT", "trap -- 'echo a' EXIT\ntrap -- 'echo a' EXIT\ntrap -- 'echo a' EXIT\ntrap -- 'echo b' SIGINT\n", "", 0),
    ("echo \"$(< f)\"; printf 'a b\\n' > f; echo \"[$(< f)]\"; x=$(<f); echo \"$x $?\"", "\n[a b]\na b 0\n", "bash: f: No such file or directory\n", 0),
    ("x=$(<nope); echo \"[$x] $?\"", "[] 1\n", "bash: nope: No such file or directory\n", 0),
    ("printf 'one\\n' > g; n=g; echo \"$( < $n )\" \"$(<\"$n\")\"", "one one\n", "", 0),
    ("for f in *.none; do echo \"$f\"; done; shopt -s nullglob; for f in *.none; do echo \"$f\"; done; echo end", "*.none\nend\n", "", 0),
    ("shopt -s failglob; echo *.none; echo \"st $?\"; ls *.none; echo after", "", "bash: no match: *.none\n", 1),
    ("touch .hidden vis; echo *; shopt -s dotglob; echo *; shopt -u dotglob; echo *", "vis\n.hidden vis\nvis\n", "", 0),
    ("touch ABC abd; shopt -s nocaseglob; echo a*; shopt -u nocaseglob; echo a*", "ABC abd\nabd\n", "", 0),
    ("shopt nullglob; echo $?; shopt -q dotglob; echo $?; shopt -s nope; echo $?; shopt -x; echo $?", "nullglob       \toff\n1\n1\n1\n2\n", "bash: shopt: nope: invalid shell option name\nbash: shopt: -x: invalid option\nshopt: usage: shopt [-pqsu] [-o] [optname ...]\n", 0),
    ("shopt -s nullglob dotglob; shopt -p nullglob dotglob extglob; shopt -su nullglob; echo $?", "shopt -s nullglob\nshopt -s dotglob\nshopt -u extglob\n1\n", "bash: shopt: cannot set and unset shell options simultaneously\n", 0),
    ("kp_a=1; kp_b=2; kp_arr=(x); echo ${!kp_*}; for n in \"${!kp_@}\"; do echo \"<$n>\"; done; echo \"${!kp_*}\"; echo ${!nomatch*}.", "kp_a kp_arr kp_b\n<kp_a>\n<kp_arr>\n<kp_b>\nkp_a kp_arr kp_b\n.\n", "", 0),
    ("x=kp_a; kp_a=val; echo ${!x}", "val\n", "", 0),
    ("complete -o default -F __start_kubectl k; complete -p k; complete -W \"a b\" -o nospace -o default x; complete -f -d y; complete -p; complete -p zz; echo $?", "complete -o default -F __start_kubectl k\ncomplete -d -f y\ncomplete -o default -o nospace -W 'a b' x\ncomplete -o default -F __start_kubectl k\n1\n", "bash: complete: zz: no completion specification\n", 0),
    ("complete -F f k; complete -r k; complete -p k; echo $?; complete -r nope; echo $?", "1\n1\n", "bash: complete: k: no completion specification\nbash: complete: nope: no completion specification\n", 0),
    ("complete -F; echo $?", "2\n", "bash: complete: -F: option requires an argument\ncomplete: usage: complete [-abcdefgjksuv] [-pr] [-DEI] [-o option] [-A action] [-G globpat] [-W wordlist] [-F function] [-C command] [-X filterpat] [-P prefix] [-S suffix] [name ...]\n", 0),
    ("complete -o bogus z; echo $?", "2\n", "bash: complete: bogus: invalid option name\n", 0),
    ("complete -x z; echo $?", "2\n", "bash: complete: -x: invalid option\ncomplete: usage: complete [-abcdefgjksuv] [-pr] [-DEI] [-o option] [-A action] [-G globpat] [-W wordlist] [-F function] [-C command] [-X filterpat] [-P prefix] [-S suffix] [name ...]\n", 0),
    ("complete; echo $?", "0\n", "", 0),
    ("for n in k kubectl git docker x y z alpha beta gamma delta helm kind minikube ls cat a1 a2 a3 foo bar baz qux quux kk kc ctl; do complete -F f $n; done; complete -p | awk '{print $NF}' | tr '\\n' ' '", "foo bar kubectl baz alpha git gamma docker ls ctl quux beta minikube z y x a2 a3 a1 k kind cat helm delta qux kk kc ", "", 0),
    ("complete -F g -W \"it's\" -P pre -S suf -X '!*.txt' -G '*.y' -C cmd -o filenames -u -v -a name1 name2; complete -p", "complete -o filenames -a -u -v -G '*.y' -W 'it'\\''s' -P 'pre' -S 'suf' -X '!*.txt' -C 'cmd' -F g name1\ncomplete -o filenames -a -u -v -G '*.y' -W 'it'\\''s' -P 'pre' -S 'suf' -X '!*.txt' -C 'cmd' -F g name2\n", "", 0),
    ("complete -o default -F __start_kubectl k; complete -o nospace -F other k; complete -p", "complete -o nospace -F other k\n", "", 0),
    ("echo hi > a; ln -s a b; cat b; ls -l b | cut -c1-10; readlink b", "hi\nlrwxrwxrwx\na\n", "", 0),
    ("ln -s /usr/local/bin/kubectl k; ls -l k | cut -c1-10; stat -c '%s %F %N' k; readlink k; readlink -f k", "lrwxrwxrwx\n22 symbolic link 'k' -> '/usr/local/bin/kubectl'\n/usr/local/bin/kubectl\n/usr/local/bin/kubectl\n", "", 0),
    ("echo hi > a; ln -s a b; ln -s a b; echo $?", "1\n", "ln: failed to create symbolic link 'b': File exists\n", 0),
    ("echo hi > a; ln -sf a b; ln -sfv a b; readlink b", "'b' -> 'a'\na\n", "", 0),
    ("ln -s nowhere dangling; cat dangling; echo $?; ls -1; ls -l dangling | cut -c1-10; [ -e dangling ]; echo $?; [ -L dangling ]; echo $?; [ -h dangling ] && echo link", "1\ndangling\nlrwxrwxrwx\n1\n0\nlink\n", "cat: dangling: No such file or directory\n", 0),
    ("ln -s a b; ln -s b a; cat a; echo $?; ls -l a b | cut -c1-10", "1\nlrwxrwxrwx\nlrwxrwxrwx\n", "cat: a: Too many levels of symbolic links\n", 0),
    ("ln -s a b; ln -s b a; readlink -f a; echo $?; realpath a; echo $?; readlink a; stat -L a; echo $?", "1\n1\nb\n1\n", "realpath: a: Too many levels of symbolic links\nstat: cannot statx 'a': Too many levels of symbolic links\n", 0),
    ("echo hi > a; ln a b; ls -l a b | cut -c1-11; echo more >> b; cat a; echo new > a; cat b; rm a; cat b; ls -l b | cut -c1-11", "-rw-r--r-- \n-rw-r--r-- \nhi\nmore\nnew\nnew\n-rw-r--r-- \n", "", 0),
    ("mkdir d; ln d e; echo $?; ln -s d e; ls -l e | cut -c1-10", "1\nlrwxrwxrwx\n", "ln: d: hard link not allowed for directory\n", 0),
    ("mkdir dir; ln -s /etc/hostname dir/; ls -1 dir; readlink dir/hostname", "hostname\n/etc/hostname\n", "", 0),
    ("echo x > a; mkdir d; ln -s a b d; ls -l d | awk '{print $1, $2, $5, $9, $10, $11}'", "total 0    \nlrwxrwxrwx 1 1 a -> a\nlrwxrwxrwx 1 1 b -> b\n", "", 0),
    ("echo x > a; ln -sv a b; ln -v a c; ln -sv a b 2>&1; echo $?", "'b' -> 'a'\n'c' => 'a'\nln: failed to create symbolic link 'b': File exists\n1\n", "", 0),
    ("ln; echo $?; ln x; echo $?; ln x y; echo $?; ln -s x1 x2 x3; echo $?", "1\n1\n1\n1\n", "ln: missing file operand\nTry 'ln --help' for more information.\nln: failed to access 'x': No such file or directory\nln: failed to access 'x': No such file or directory\nln: target 'x3': No such file or directory\n", 0),
    ("echo x > a; touch f; ln -s a b f; echo $?; ln -r a c; echo $?; ln -T a; echo $?; ln -T a b c; echo $?", "1\n1\n1\n1\n", "ln: target 'f': Not a directory\nln: cannot do --relative without --symbolic\nln: missing destination file operand after 'a'\nTry 'ln --help' for more information.\nln: extra operand 'c'\nTry 'ln --help' for more information.\n", 0),
    ("echo x > a; mkdir d; ln -s d ld; ln -s a ld; ls -1 d; ln -sn a ld; echo $?; ln -snf a ld; readlink ld", "a\n1\na\n", "ln: failed to create symbolic link 'ld': File exists\n", 0),
    ("echo x > a; mkdir d; ln -T a d; echo $?; ln -sTf a d; echo $?; ln -sT a nd; readlink nd", "1\n1\na\n", "ln: failed to create hard link 'd': File exists\nln: d: cannot overwrite directory\n", 0),
    ("mkdir -p x/y; echo hi > a; ln -sr a x/y/r; readlink x/y/r; cat x/y/r; ln -sr x/y/r x/rr; readlink x/rr; ln -sr /tmp/kp/a x/abs; readlink x/abs", "../../a\nhi\n../a\n../a\n", "", 0),
    ("echo a > a; ln a a; echo $?; ln -f a a; echo $?; ln -sf a a; echo $?; ln b c; echo $?", "1\n1\n1\n1\n", "ln: failed to create hard link 'a': File exists\nln: 'a' and 'a' are the same file\nln: 'a' and 'a' are the same file\nln: failed to access 'b': No such file or directory\n", 0),
    ("echo a > a; ln a nodir/x; echo $?; ln -s a nodir/x; echo $?; ln -s a a/x; echo $?; ln -t nodir a; echo $?; ln -t a a; echo $?", "1\n1\n1\n1\n1\n", "ln: failed to create hard link 'nodir/x' => 'a': No such file or directory\nln: failed to create symbolic link 'nodir/x': No such file or directory\nln: failed to create symbolic link 'a/x': Not a directory\nln: failed to access 'nodir': No such file or directory\nln: target 'a' is not a directory\n", 0),
    ("echo a > a; mkdir d; ln -s d ld; unlink; echo $?; unlink ld; ls -1; unlink d; echo $?; unlink nope; echo $?; unlink a b; echo $?", "1\na\nd\n1\n1\n1\n", "unlink: missing operand\nTry 'unlink --help' for more information.\nunlink: cannot unlink 'd': Is a directory\nunlink: cannot unlink 'nope': No such file or directory\nunlink: extra operand ‘b’\nTry 'unlink --help' for more information.\n", 0),
    ("mkdir -p real/sub; echo hi > real/f; ln -s real lnk; cd lnk; pwd; pwd -P; cat f; cd sub; pwd; cd ..; pwd; cd ..; pwd", "/tmp/kp/lnk\n/tmp/kp/real\nhi\n/tmp/kp/lnk/sub\n/tmp/kp/lnk\n/tmp/kp\n", "", 0),
    ("mkdir -p real/sub; ln -s real/sub s; cd -P s; pwd; echo $PWD; cd /tmp/kp; cd -P s/..; pwd", "/tmp/kp/real/sub\n/tmp/kp/real/sub\n/tmp/kp/real\n", "", 0),
    ("mkdir real; ln -s real l; cd l; ls -l /tmp/kp | awk '{print $1, $2, $5, $9, $10, $11}'; cd -L ..; pwd", "total 4    \nlrwxrwxrwx 1 4 l -> real\ndrwxr-xr-x 2 4096 real  \n/tmp/kp\n", "", 0),
    ("echo hi > a; mkdir d; ln -s d ld; ln -s a la; ln -s nope dang; ls -1F; ls -1p; ls -1 ld; ls -1d ld; ls -1F ld", "a\nd/\ndang@\nla@\nld@\na\nd/\ndang\nla\nld\nld\nld@\n", "", 0),
    ("echo hi > a; mkdir d; touch d/x; ln -s d ld; ln -s a la; ln -s nope dang; ls -l | awk '{print $1, $2, $5, $9, $10, $11}'; ls -lF | awk '{print $1, $2, $5, $9, $10, $11}'", "total 8    \n-rw-r--r-- 1 3 a  \ndrwxr-xr-x 2 4096 d  \nlrwxrwxrwx 1 4 dang -> nope\nlrwxrwxrwx 1 1 la -> a\nlrwxrwxrwx 1 1 ld -> d\ntotal 8    \n-rw-r--r-- 1 3 a  \ndrwxr-xr-x 2 4096 d/  \nlrwxrwxrwx 1 4 dang -> nope\nlrwxrwxrwx 1 1 la -> a\nlrwxrwxrwx 1 1 ld -> d/\n", "", 0),
    ("echo hi > a; mkdir d; touch d/x; ln -s d ld; ls -l ld | awk '{print $1, $2, $5, $9, $10, $11}'; ls -l ld/ | awk '{print $1, $2, $5, $9, $10, $11}'; ls -lH ld | awk '{print $1, $2, $5, $9, $10, $11}'", "lrwxrwxrwx 1 1 ld -> d\ntotal 0    \n-rw-r--r-- 1 0 x  \ntotal 0    \n-rw-r--r-- 1 0 x  \n", "", 0),
    ("echo hi > a; ln -s a la; ln -s nope dang; ls -1L; echo rc=$?; ls -lL | cut -c1-10; echo rc=$?; ls -lL dang; echo $?", "a\ndang\nla\nrc=0\ntotal 8\n-rw-r--r--\nl?????????\n-rw-r--r--\nrc=0\n2\n", "ls: cannot access 'dang': No such file or directory\nls: cannot access 'dang': No such file or directory\n", 0),
    ("ln -s l1 l2; ln -s l2 l1; ls l1; echo $?; ls -l l1 | awk '{print $1, $2, $5, $9, $10, $11}'; ls -d l1", "2\nlrwxrwxrwx 1 2 l1 -> l2\nl1\n", "ls: cannot access 'l1': Too many levels of symbolic links\n", 0),
    ("echo hi > a; ln -s a la; ln -s nope dang; rm la dang; ls -1; cat a", "a\nhi\n", "", 0),
    ("mkdir d; touch d/f; ln -s d ld; rm ld/; echo $?; rm -r ld; ls -1; ls -1 d; rmdir ld 2>&1; ln -s d ld; rmdir ld; echo $?", "1\nd\nf\nrmdir: failed to remove 'ld': No such file or directory\n1\n", "rm: cannot remove 'ld/': Is a directory\nrmdir: failed to remove 'ld': Not a directory\n", 0),
    ("mkdir -p d/e; echo hi > d/f; ln -s d ld; ln -s nope dang; ln -s ../f d/e/lf; find . | sort; find . -type l | sort; find . -xtype l | sort", ".\n./d\n./d/e\n./d/e/lf\n./d/f\n./dang\n./ld\n./d/e/lf\n./dang\n./ld\n./dang\n", "", 0),
    ("mkdir -p d/e; echo hi > d/f; ln -s d ld; ln -s nope dang; ln -s ../f d/e/lf; find -L . -type l; find -L . | sort; find -L . -type f | sort", "./dang\n.\n./d\n./d/e\n./d/e/lf\n./d/f\n./dang\n./ld\n./ld/e\n./ld/e/lf\n./ld/f\n./d/e/lf\n./d/f\n./ld/e/lf\n./ld/f\n", "", 0),
    ("mkdir -p d; echo hi > d/f; ln -s d ld; find ld; find ld/ | sort; find -H ld | sort; find -L ld -type f", "ld\nld/\nld/f\nld\nld/f\nld/f\n", "", 0),
    ("mkdir -p d/e; echo hi > d/f; ln -s d ld; ln -s nope dang; ln -s ../f d/e/lf; find . -type l -printf '%p %l %y %Y\\n' | sort; find . -lname '*o*'", "./d/e/lf ../f l f\n./dang nope l N\n./ld d l d\n./dang\n", "", 0),
    ("mkdir -p d/e; ln -s .. d/e/up; find -L d 2>&1 | sort; find -L d >/dev/null 2>&1; echo rc=$?", "d\nd/e\nfind: File system loop detected; ‘d/e/up’ is part of the same file system loop as ‘d’.\nrc=1\n", "", 0),
    ("echo hi > a; ln -s a la; ln -s nope dang; ln a h; stat -c '%F|%N|%s|%A|%a|%h|%b' la a h; stat -L -c '%F|%N|%s|%h' la; stat -L dang; echo $?; stat -c %F dang", "symbolic link|'la' -> 'a'|1|lrwxrwxrwx|777|1|0\nregular file|'a'|3|-rw-r--r--|644|2|8\nregular file|'h'|3|-rw-r--r--|644|2|8\nregular file|'la'|3|2\n1\nsymbolic link\n", "stat: cannot statx 'dang': No such file or directory\n", 0),
    ("echo hi > a; ln -s a la; ln a h; [ a -ef la ] && echo same1; [ a -ef h ] && echo same2; [ la -ef h ] && echo same3; [ -L la ] && echo link; [ -L a ] || echo notlink; [[ -h la ]] && echo hlink; [ -f la ] && echo file", "same1\nsame2\nsame3\nlink\nnotlink\nhlink\nfile\n", "", 0),
    ("echo hi > a; ln -s a la; cp la c1; ls -l c1 | cut -c1-10; cp -P la c2; ls -l c2 | cut -c1-10; readlink c2; cp -d la c3; readlink c3", "-rw-r--r--\nlrwxrwxrwx\na\na\n", "", 0),
    ("echo hi > a; ln -s nope dang; cp a dang; echo $?; cp dang x; echo $?; cp -P dang x2; echo $?; readlink x2", "1\n1\n0\nnope\n", "cp: not writing through dangling symlink 'dang'\ncp: cannot stat 'dang': No such file or directory\n", 0),
    ("echo hi > a; ln -s a la; cp a la; echo $?; cp la a; echo $?; ln a h; cp a h; echo $?; echo new > b; cp b la; cat a", "1\n1\n1\nnew\n", "cp: 'a' and 'la' are the same file\ncp: 'la' and 'a' are the same file\ncp: 'a' and 'h' are the same file\n", 0),
    ("mkdir d; echo hi > a; ln -s ../a d/l; ln -s d ld; cp -r d e; ls -l e | cut -c1-10; readlink e/l; cp -r ld ld2; ls -l ld2 | cut -c1-10; cp -rL ld ld3; ls -ld ld3 | cut -c1-10; cat ld3/l", "total 0\nlrwxrwxrwx\n../a\nlrwxrwxrwx\ndrwxr-xr-x\nhi\n", "", 0),
    ("echo hi > a; mkdir d; ln -s a la; ln -s d ld; mv la lb; readlink lb; cat lb; mv lb d/; ls -l d | cut -c1-10; cat d/lb; mv a ld; ls -1 d", "a\nhi\ntotal 0\nlrwxrwxrwx\na\nlb\n", "cat: d/lb: No such file or directory\n", 0),
    ("echo hi > a; ln a h; mv a h; echo $?; ls -1", "1\na\nh\n", "mv: 'a' and 'h' are the same file\n", 0),
    ("ln -s nope dang; chmod 600 dang; echo $?; echo hi > a; ln -s a la; chmod 600 la; ls -l a la | cut -c1-10", "1\n-rw-------\nlrwxrwxrwx\n", "chmod: cannot operate on dangling symlink 'dang'\n", 0),
    ("ln -s nope dang; touch dang; ls -1; echo x > dang2; ln -s t2 w; echo data > w; cat t2", "dang\nnope\ndata\n", "", 0),
    ("echo hi > a; ln -s a b; ln -s b c; readlink c; readlink -f c; readlink -e c; realpath c; readlink -n b; echo; readlink -v a; echo $?", "b\n/tmp/kp/a\n/tmp/kp/a\n/tmp/kp/a\na\n1\n", "readlink: a: Invalid argument\n", 0),
    ("mkdir -p x/y/z; ln -s x/y/z lz; realpath lz/..; realpath -s lz/..; readlink -f lz/..; realpath -L lz/..; realpath -e nope; echo $?; realpath -m nope/x/../y", "/tmp/kp/x/y\n/tmp/kp\n/tmp/kp/x/y\n/tmp/kp\n1\n/tmp/kp/nope/y\n", "realpath: nope: No such file or directory\n", 0),
    ("readlink; echo $?; realpath; echo $?; readlink -f \"\"; echo $?; realpath \"\"; echo $?; realpath nope/x; echo $?; readlink -f nope/x; echo $?", "1\n1\n1\n1\n1\n1\n", "readlink: missing operand\nTry 'readlink --help' for more information.\nrealpath: missing operand\nTry 'realpath --help' for more information.\nrealpath: '': No such file or directory\nrealpath: nope/x: No such file or directory\n", 0),
    ("echo hi > a; ln -s a la; realpath --relative-to=/tmp a; realpath --relative-base=/tmp/kp la /etc; readlink -fv nope/x; readlink a b; echo $?", "kp/a\na\n/etc\n1\n", "readlink: nope/x: No such file or directory\n", 0),
    ("echo hi > a; ln -s a la; ls -l --dereference la | cut -c1-10; ls -lL la | cut -c1-10; echo hi | tee la >/dev/null; cat a", "-rw-r--r--\n-rw-r--r--\nhi\n", "", 0),
    ("mkdir d; ln -s d ld; mkdir ld; echo $?; mkdir -p ld/sub; ls -1 d; ln -s nope dang; mkdir dang; echo $?; mkdir -p dang/x; echo $?", "1\nsub\n1\n1\n", "mkdir: cannot create directory ‘ld’: File exists\nmkdir: cannot create directory ‘dang’: File exists\nmkdir: cannot create directory ‘dang’: File exists\n", 0),
    ("mkdir -p d/sub; ln -s sub d/ls; ls -ld d | cut -c1-12; stat -c %h d", "drwxr-xr-x 3\n3\n", "", 0),
    ("ln -s nowhere dangling; cd dangling; echo $?; ln -s l1 l2; ln -s l2 l1; cd l1; echo $?", "1\n1\n", "bash: cd: dangling: No such file or directory\nbash: cd: l1: Too many levels of symbolic links\n", 0),
    ("ln -s l1 l2; ln -s l2 l1; echo x > l1; echo $?; cat < l2; echo $?; [ -e l1 ]; echo $?; [ -L l1 ] && echo link", "1\n1\n1\nlink\n", "bash: l1: Too many levels of symbolic links\nbash: l2: Too many levels of symbolic links\n", 0),
    ("mkdir d; echo hi > d/t; ln -s t d/l; cat d/l; ln -s ../a d/up; echo top > a; cat d/up; readlink -f d/up; readlink -f d/l", "hi\ntop\n/tmp/kp/a\n/tmp/kp/d/t\n", "", 0),
    ("ln -s nope dangling; touch b; echo *; ls -1 | wc -l", "b dangling\n2\n", "", 0),
    ("echo x > a; for i in $(seq 1 41); do ln -s l$((i-1)) l$i; done; ln -s a l0; cat l40; echo $?; cat l41; echo $?", "1\n1\n", "cat: l40: Too many levels of symbolic links\ncat: l41: Too many levels of symbolic links\n", 0),
    ("echo hi > a; ln -s a \"b c\"; ln -s a \"b c\"; ls -l \"b c\" | cut -c1-10; stat -c %N \"b c\"", "lrwxrwxrwx\n'b c' -> 'a'\n", "ln: failed to create symbolic link 'b c': File exists\n", 0),
    ("mkdir d; echo hi > a; ln -s a la; ln la h; ls -l h | cut -c1-11; readlink h; ln -L la h2; ls -l h2 | cut -c1-11; stat -c %h a la", "lrwxrwxrwx \na\n-rw-r--r-- \n2\n2\n", "", 0),
    ("echo hi > a; ln a b; ln a c; stat -c %h a; rm b; stat -c %h a c; unlink c; stat -c %h a", "3\n2\n2\n1\n", "", 0),
    ("echo hi > a; echo other > b; ln -f a b; cat b; ln -sf a b; readlink b", "hi\na\n", "", 0),
    ("mkdir d; ln -s d ld; ln -s ../a d/up; find . -type l -delete; find . | sort", ".\n./d\n", "", 0),
    ("mkdir -p out/in; echo keep > out/in/f; mkdir d; ln -s ../out d/o; rm -rf d; cat out/in/f", "keep\n", "", 0),
    ("echo hi > a; ln -s a la; ln -s nope dang; mv dang d2; readlink d2; mkdir d; mv d2 la d; ls -1 d; cat d/la; echo $?", "nope\nd2\nla\n1\n", "cat: d/la: No such file or directory\n", 0),
    ("mkdir -p a/b; ln -s a/b lb; cd lb; cd -P .; pwd; cd /tmp/kp/lb; cd ..; pwd", "/tmp/kp/a/b\n/tmp/kp\n", "", 0),
    ("touch f; mkdir -p f/x/y; echo $?; mkdir -pv n/m; ln -s nope dang; mkdir -p dang/x; echo $?", "1\nmkdir: created directory 'n'\nmkdir: created directory 'n/m'\n1\n", "mkdir: cannot create directory ‘f’: Not a directory\nmkdir: cannot create directory ‘dang’: File exists\n", 0),
    ("echo hi > a; ln -s a la; [ la -ef la ] && echo yes; ln -s nope dang; [ dang -ef dang ] || echo no; [ -L nope ] || echo none; [ -L \"\" ] || echo empty", "yes\nno\nnone\nempty\n", "", 0),
    ("mkdir d; ln -s d ld; find -L . -type d | sort; find . -maxdepth 1 -type l; find -L . -maxdepth 1 -xtype l", ".\n./d\n./ld\n./ld\n./ld\n", "", 0),
    ("echo hi > a; ln -s a la; mkdir d; ln -s ../a d/l; cp -a d d2; readlink d2/l; cp -rL d d3; ls -l d3 | cut -c1-10", "../a\ntotal 4\n-rw-r--r--\n", "", 0),
    ("echo hi > a; ln -s a b; ls -l -R . | cut -c1-10 | sort | uniq -c", "      1 -rw-r--r--\n      1 .:\n      1 lrwxrwxrwx\n      1 total 4\n", "", 0),
    ("ln -s /etc/hostname h; readlink h; ln -sf /etc/os-release h; readlink h; ln -sfn /etc h; readlink h", "/etc/hostname\n/etc/os-release\n/etc\n", "", 0),
    ("mkdir d; ln -s d ld; ln -s ld lld; readlink -f lld; realpath lld; cd lld; pwd; pwd -P; echo $PWD", "/tmp/kp/d\n/tmp/kp/d\n/tmp/kp/lld\n/tmp/kp/d\n/tmp/kp/lld\n", "", 0),
    ("echo hi > a; ln -s a la; ln -s -t . /etc/hostname; ls -1; ln -st nodir a; echo $?", "a\nhostname\nla\n1\n", "ln: failed to access 'nodir': No such file or directory\n", 0),
    ("ln --bogus; echo $?; ln -x; echo $?; ln -t; echo $?; readlink -x; echo $?; unlink -q; echo $?", "1\n1\n1\n1\n1\n", "ln: unrecognized option '--bogus'\nTry 'ln --help' for more information.\nln: invalid option -- 'x'\nTry 'ln --help' for more information.\nln: option requires an argument -- 't'\nTry 'ln --help' for more information.\nreadlink: invalid option -- 'x'\nTry 'readlink --help' for more information.\nunlink: invalid option -- 'q'\nTry 'unlink --help' for more information.\n", 0),
    ("echo hi > a; ln -s a la; ln la; echo $?; ln -s la; echo $?; mkdir d; cd d; ln -s ../a; ls -l | cut -c1-10; cat a", "1\n1\ntotal 0\nlrwxrwxrwx\nhi\n", "ln: failed to create hard link './la': File exists\nln: failed to create symbolic link './la': File exists\n", 0),
    ("echo hi > a; ln -s a la; find . -name 'l*' -printf '%f %y %Y %l %s\\n'; find -L . -name 'l*' -printf '%f %y %Y %l %s\\n'", "la l f a 1\nla f f  3\n", "", 0),
    ("mkdir -p d/e; ln -s d/e le; ls le; ls -1 -L . ; echo $?", "d\nle\n0\n", "", 0),
    ("echo hi > a; ln -s a la; readlink -e la nope; echo $?; readlink -m a/b; realpath -m a/b/../c; realpath -e a/b; echo $?; realpath -q nope/x; echo $?", "/tmp/kp/a\n1\n/tmp/kp/a/b\n/tmp/kp/a/c\n1\n1\n", "realpath: a/b: Not a directory\n", 0),
    ("mkdir d; ln -s d ld; echo hi > a; ln -s a la; ls -lA | awk '{print $1, $2, $5, $9, $10, $11}'", "total 8    \n-rw-r--r-- 1 3 a  \ndrwxr-xr-x 2 4096 d  \nlrwxrwxrwx 1 1 la -> a\nlrwxrwxrwx 1 1 ld -> d\n", "", 0),
    ("echo hello > a; ln -s a la; ln -s abcdefgh lb; ls -lS | awk '{print $1, $5, $9}'; ls -1S", "total  \nlrwxrwxrwx 8 lb\n-rw-r--r-- 6 a\nlrwxrwxrwx 1 la\nlb\na\nla\n", "", 0),
    ("mkdir d; ln -s d ld; echo x > ld; echo $?; cat ld; echo $?", "1\n1\n", "bash: ld: Is a directory\ncat: ld: Is a directory\n", 0),
    ("mkdir d; ln -s d ld; echo hi > a; ln -sf a ld; ls -1 d; ln -sfT a ld; readlink ld", "a\na\n", "", 0),
    ("mkdir d; ln -s d ld; echo hi > a; ln -s a ld/; ls -1 d; cp -v a ld; ls -1 d", "a\na\n", "cp: cannot stat 'ld/a': Too many levels of symbolic links\n", 0),
    ("echo hi > a; ln -s a la; ln -s la lla; stat -c '%N' lla; stat -L -c '%N %s' lla; readlink -f lla", "'lla' -> 'la'\n'lla' 3\n/tmp/kp/a\n", "", 0),
    ("echo hi > a; ln a b; ls -l a b | awk '{print $1, $2, $5, $9}'; cp a c; ls -l c | awk '{print $2}'; mv b d; ls -l a d | awk '{print $2, $9}'", "-rw-r--r-- 2 3 a\n-rw-r--r-- 2 3 b\n1\n2 a\n2 d\n", "", 0),
    ("ln -s \"\" e; echo $?; ln -s a \"\"; echo $?; ln \"\" x; echo $?", "1\n1\n1\n", "ln: failed to create symbolic link 'e' -> '': No such file or directory\nln: failed to create symbolic link '': No such file or directory\nln: failed to access '': No such file or directory\n", 0),
    ("echo hi > a; mkdir d; ln -s ../a d/l; cd d; cat l; readlink -f l; realpath l; ln -s ../nope dd; cat dd", "hi\n/tmp/kp/a\n/tmp/kp/a\n", "cat: dd: No such file or directory\n", 1),
    ("mkdir d; ln -s d ld; touch ld/f; ls -1 d; rm ld/f; ls -1 d; rm -rf ld; ls -1", "f\nd\n", "", 0),
    ("echo hi > a; ln -s a la; test -h la && test -e la && test -f la && echo all; test -d la || echo notdir; [ -s la ] && echo size", "all\nnotdir\nsize\n", "", 0),
    ("echo x > a; ln -s a la; ln la hl 2>&1; ls -l hl | awk '{print $1, $2}'; rm la; cat hl; echo $?; readlink hl", "lrwxrwxrwx 2\nx\n0\na\n", "", 0),
    ("mkdir src; echo 1 > src/one; ln -s one src/link; ln -s ../src/one src/rel; cp -R src dst; ls -l dst | awk '{print $1, $9, $10, $11}'; cat dst/link dst/rel", "total   \nlrwxrwxrwx link -> one\n-rw-r--r-- one  \nlrwxrwxrwx rel -> ../src/one\n1\n1\n", "", 0),
    ("seq 10 | paste - - | head -2; seq 5 | paste - - -; seq 4 | paste -d, - -; printf 'a\\nb\\n' > pf; seq 3 | paste pf - -", "1\t2\n3\t4\n1\t2\t3\n4\t5\t\n1,2\n3,4\na\t1\t2\nb\t3\t\n", "", 0),
    ("seq 3 | paste -s -d+ -; seq 4 | paste -s - -", "1+2+3\n1\t2\t3\t4\n\n", "", 0),
    ("echo 'x' | tee /dev/stderr | wc -c; echo y | tee /dev/stdout", "2\ny\ny\n", "x\n", 0),
    ("kill -l | head -3; kill -l | tail -2 | cat -A; kill -l 15; kill -l KILL; kill -l sigterm; kill -l 137; kill -l 0; kill -l EXIT; kill -l 200; echo $?; kill -l 9 15 RTMIN+2 35", " 1) SIGHUP\t 2) SIGINT\t 3) SIGQUIT\t 4) SIGILL\t 5) SIGTRAP\n 6) SIGABRT\t 7) SIGBUS\t 8) SIGFPE\t 9) SIGKILL\t10) SIGUSR1\n11) SIGSEGV\t12) SIGUSR2\t13) SIGPIPE\t14) SIGALRM\t15) SIGTERM\n58) SIGRTMAX-6^I59) SIGRTMAX-5^I60) SIGRTMAX-4^I61) SIGRTMAX-3^I62) SIGRTMAX-2$\n63) SIGRTMAX-1^I64) SIGRTMAX^I$\nTERM\n9\n15\nKILL\nEXIT\n0\n1\nKILL\nTERM\n36\nRTMIN+1\n", "bash: kill: 200: invalid signal specification\n", 0),
    ("kill -0 $$; echo $?; kill -0 99999; echo $?; kill -n 9; echo $?; kill -s; echo $?; kill -FOO 1; echo $?; kill; echo $?; kill $$; echo alive", "0\n1\n2\n1\n1\n2\nalive\n", "bash: kill: (99999) - No such process\nkill: usage: kill [-s sigspec | -n signum | -sigspec] pid | jobspec ... or kill -l [sigspec]\nbash: kill: -s: option requires an argument\nbash: kill: FOO: invalid signal specification\nkill: usage: kill [-s sigspec | -n signum | -sigspec] pid | jobspec ... or kill -l [sigspec]\n", 0),
    ("echo $'\\u00e9' | wc -c; echo $'\\U0001F600x' | wc -c; echo $'\\uZZ'; echo $'a\\u263a'", "3\n6\n\\uZZ\na☺\n", "", 0),
    ("printf '%(%Y-%m-%d)T\\n' 0; printf '%(%s)T|\\n' ''; printf '%-10(%Y)T|%.2(%Y)T|\\n' 0 0; printf '%()T|\\n' 0", "1970-01-01\n0|\n1970      |19|\n00:00:00|\n", "", 0),
    ("printf '%(%Y)T\\n' abc; echo $?", "1970\n1\n", "bash: printf: abc: invalid number\n", 0),
    ("date -u -d @86400 '+%V %G %U %W %-d %_H %^a %P %q %:z'", "01 1970 00 00 2  0 FRI am 1 +00:00\n", "", 0),
    ("printf 'abc\\n' > c1; printf 'abd\\n' > c2; printf 'ab' > c3; printf 'a\\nbc\\nX\\n' > c4; printf 'a\\nbc\\nY\\n' > c5; printf '' > e; cmp c1 c2; echo $?; cmp c1 c1; echo $?; cmp c1 c3; echo $?; cmp c3 c1; echo $?; cmp -s c1 c2; echo $?; cmp c4 c5; cmp -b c1 c2; cmp -l c1 c2; cmp -l c4 c5; cmp -bl c1 c2; cmp e c1; echo $?", "c1 c2 differ: byte 3, line 1\n1\n0\n1\n1\n1\nc4 c5 differ: byte 6, line 3\nc1 c2 differ: byte 3, line 1 is 143 c 144 d\n3 143 144\n6 130 131\n3 143 c    144 d\n1\n", "cmp: EOF on c3 after byte 2, in line 1\ncmp: EOF on c3 after byte 2, in line 1\ncmp: EOF on e which is empty\n", 0),
    ("printf 'abc\\n' > c1; printf 'abd\\n' > c2; cmp c1 nope; echo $?; cmp; echo $?; cmp -n 2 c1 c2; echo $?; cmp -i 3 c1 c2; echo $?; cmp --verbose c1 c2; cmp -x c1 c2; echo $?; cmp --version | head -1; cmp /etc c1; echo $?", "2\n2\n0\n0\n3 143 144\n2\ncmp (GNU diffutils) 3.8\n2\n", "cmp: nope: No such file or directory\ncmp: missing operand after 'cmp'\ncmp: Try 'cmp --help' for more information.\ncmp: invalid option -- 'x'\ncmp: Try 'cmp --help' for more information.\ncmp: /etc: Is a directory\n", 0),
    ("printf 'abc\\n' > c1; printf 'abd\\n' > c2; echo abc | cmp - c1; echo $?; cmp c1 c2 c3; echo $?; cmp -ls c1 c2; echo $?; cmp c1 c2 1 1; echo $?; cmp <(echo a) <(echo b); echo $?", "0\n2\n2\nc1 c2 differ: byte 2, line 1\n1\n/dev/fd/63 /dev/fd/62 differ: byte 1, line 1\n1\n", "cmp: invalid --ignore-initial value 'c3'\ncmp: Try 'cmp --help' for more information.\ncmp: options -l and -s are incompatible\ncmp: Try 'cmp --help' for more information.\n", 0),
    ("g() { local x=1; if [ $x -eq 1 ]; then echo one; fi; for i in a b; do echo $i; done; }; declare -f g", "g () \n{ \n    local x=1;\n    if [ $x -eq 1 ]; then\n        echo one;\n    fi;\n    for i in a b;\n    do\n        echo $i;\n    done\n}\n", "", 0),
    ("f() { echo hi; }; type f", "f is a function\nf () \n{ \n    echo hi\n}\n", "", 0),
    ("f() { echo hi; }; type -t f; declare -F; declare -F f; declare -f nope; echo $?", "function\ndeclare -f f\nf\n1\n", "", 0),
    ("a() { :; }; b() { echo b; }; declare -f", "a () \n{ \n    :\n}\nb () \n{ \n    echo b\n}\n", "", 0),
    ("f() { x=1 y=2 env > out 2>&1; cat < in >> app; echo x >| f; ls &> all; ls &>> all2; exec 3<> rw; }; declare -f f", "f () \n{ \n    x=1 y=2 env > out 2>&1;\n    cat < in >> app;\n    echo x >| f;\n    ls &> all;\n    ls &>> all2;\n    exec 3<> rw\n}\n", "", 0),
    ("f() { echo hi >&2; echo b 2>&1; exec 3<&0 4>&- <&-; exec 5>&3-; echo >&$fd; cat <&$fd; }; declare -f f", "f () \n{ \n    echo hi 1>&2;\n    echo b 2>&1;\n    exec 3<&0 4>&- 0>&-;\n    exec 5>&3-;\n    echo >&$fd;\n    cat <&$fd\n}\n", "", 0),
    ("f() { cat <<EOF\nhello $x\nEOF\n}; declare -f f", "f () \n{ \n    cat <<EOF\nhello $x\nEOF\n\n}\n", "", 0),
    ("f() { cat <<'EOF'\nhello $x\nEOF\necho after; }; declare -f f", "f () \n{ \n    cat <<'EOF'\nhello $x\nEOF\n\n    echo after\n}\n", "", 0),
    ("f() { cat <<EOF; echo done; cat <<-X\na\nEOF\n\ttab\n\tX\necho end; }; declare -f f", "f () \n{ \n    cat <<EOF\na\nEOF\n\n    echo done\n    cat <<-X\ntab\nX\n\n    echo end\n}\n", "", 0),
    ("f() { cat <<< \"here\" 2>/dev/null; tr a b <<<$x; }; declare -f f", "f () \n{ \n    cat <<< \"here\" 2> /dev/null;\n    tr a b <<< $x\n}\n", "", 0),
    ("f() { a | b | c; x |& y; ! z; time sleep 0; time -p true; ! a | b; }; declare -f f", "f () \n{ \n    a | b | c;\n    x 2>&1 | y;\n    ! z;\n    time sleep 0;\n    time -p true;\n    ! a | b\n}\n", "", 0),
    ("f() { a && b || c; d & e; sleep 1 & }; declare -f f", "f () \n{ \n    a && b || c;\n    d & e;\n    sleep 1 &\n}\n", "", 0),
    ("f() { { a; b; }; ( c; d ); { e; } > out; ( f ) 2>/dev/null; }; declare -f f", "f () \n{ \n    { \n        a;\n        b\n    };\n    ( c;\n    d );\n    { \n        e\n    } > out;\n    ( f ) 2> /dev/null\n}\n", "", 0),
    ("f() { if a; then b; elif c; then d; else e; fi; if x; then y; fi; }; declare -f f", "f () \n{ \n    if a; then\n        b;\n    else\n        if c; then\n            d;\n        else\n            e;\n        fi;\n    fi;\n    if x; then\n        y;\n    fi\n}\n", "", 0),
    ("f() { if a; then if b; then c; fi; fi; }; declare -f f", "f () \n{ \n    if a; then\n        if b; then\n            c;\n        fi;\n    fi\n}\n", "", 0),
    ("f() { for i in 1 2 3; do echo $i; done; for j; do :; done; for k in; do :; done; }; declare -f f", "f () \n{ \n    for i in 1 2 3;\n    do\n        echo $i;\n    done;\n    for j in \"$@\";\n    do\n        :;\n    done;\n    for k in ;\n    do\n        :;\n    done\n}\n", "", 0),
    ("f() { for ((i=0;i<3;i++)); do echo $i; done; for ((;;)); do break; done; for (( i = 0 ; i < 2 ; i++ )); do :; done; }; declare -f f", "f () \n{ \n    for ((i=0; i<3; i++))\n    do\n        echo $i;\n    done;\n    for ((1; 1; 1))\n    do\n        break;\n    done;\n    for ((i = 0 ; i < 2 ; i++ ))\n    do\n        :;\n    done\n}\n", "", 0),
    ("f() { while read l; do echo $l; done < file; until false; do break; done; }; declare -f f", "f () \n{ \n    while read l; do\n        echo $l;\n    done < file;\n    until false; do\n        break;\n    done\n}\n", "", 0),
    ("f() { case $1 in a|b) echo ab;; c) echo c;& d) echo d;;& *) ;; esac; }; declare -f f", "f () \n{ \n    case $1 in \n        a | b)\n            echo ab\n        ;;\n        c)\n            echo c\n        ;&\n        d)\n            echo d\n        ;;&\n        *)\n\n        ;;\n    esac\n}\n", "", 0),
    ("f() { case $x in (a) echo a; echo b;; esac; case y in esac; }; declare -f f", "f () \n{ \n    case $x in \n        a)\n            echo a;\n            echo b\n        ;;\n    esac;\n    case y in \n    esac\n}\n", "", 0),
    ("f() { (( x++ )); ((y=x+1)); echo $((1 + 2)) $(( x*2 )); }; declare -f f", "f () \n{ \n    (( x++ ));\n    ((y=x+1));\n    echo $((1 + 2)) $(( x*2 ))\n}\n", "", 0),
    ("f() { [[ -f x && ! -d y || $a =~ ^a.*$ ]]; [[ ( a == b ) ]]; [[ $x < $y ]]; [[ -n \"$z\" ]]; }; declare -f f", "f () \n{ \n    [[ -f x && ! -d y || $a =~ ^a.*$ ]];\n    [[ ( a == b ) ]];\n    [[ $x < $y ]];\n    [[ -n \"$z\" ]]\n}\n", "", 0),
    ("f() { inner() { echo in; }; inner; }; declare -f f", "f () \n{ \n    function inner () \n    { \n        echo in\n    };\n    inner\n}\n", "", 0),
    ("function f { echo g; }; declare -f f", "f () \n{ \n    echo g\n}\n", "", 0),
    ("f() ( echo sub; cd /tmp ); declare -f f", "f () \n{ \n    ( echo sub;\n    cd /tmp )\n}\n", "", 0),
    ("f() { echo body; } > /dev/null; declare -f f", "f () \n{ \n    echo body\n} > /dev/null\n", "", 0),
    ("f() { x=$(echo a; echo b); y=\"$(ls -l | wc -l)\"; z=`echo hi`; }; declare -f f", "f () \n{ \n    x=$(echo a; echo b);\n    y=\"$(ls -l | wc -l)\";\n    z=`echo hi`\n}\n", "", 0),
    ("f() { x=$( (cd /; ls) ); y=$(if a; then b; fi); }; declare -f f", "f () \n{ \n    x=$( ( cd /; ls ));\n    y=$(if a; then\n    b;\nfi)\n}\n", "", 0),
    ("f() { echo ${#x} ${x:0:2} ${x/a/b} ${x//a/c} ${x%%.*} ${x#*/} ${!p} ${x^^} ${x,} \"$@\" $1 $# $? ${10} ${x:-def} ${y:=v} ${z:+alt}; }; declare -f f", "f () \n{ \n    echo ${#x} ${x:0:2} ${x/a/b} ${x//a/c} ${x%%.*} ${x#*/} ${!p} ${x^^} ${x,} \"$@\" $1 $# $? ${10} ${x:-def} ${y:=v} ${z:+alt}\n}\n", "", 0),
    ("f() { a=(1 2 \"x y\"); b[3]=4; c+=5; d=~/x; local e=(q r); declare -a g; export H=1; }; declare -f f", "f () \n{ \n    a=(1 2 \"x y\");\n    b[3]=4;\n    c+=5;\n    d=~/x;\n    local e=(q r);\n    declare -a g;\n    export H=1\n}\n", "", 0),
    ("f() { echo a\\ b; find . -name \\*.txt -exec rm {} \\;; IFS=: read -r a b; cut -d' ' -f1; tr -d '\"'; }; declare -f f", "f () \n{ \n    echo a\\ b;\n    find . -name \\*.txt -exec rm {} \\;;\n    IFS=: read -r a b;\n    cut -d' ' -f1;\n    tr -d '\"'\n}\n", "", 0),
    ("f() { echo $'tab\\there' $\"loc\" 'it'\\''s'; }; declare -f f", "f () \n{ \n    echo 'tab\there' \"loc\" 'it'\\''s'\n}\n", "", 0),
    ("f() { ls | while read x; do echo \"$x\"; done; }; declare -f f", "f () \n{ \n    ls | while read x; do\n        echo \"$x\";\n    done\n}\n", "", 0),
    ("f() { echo ${x}_y $x/y \"${x}z\"; }; declare -f f", "f () \n{ \n    echo ${x}_y $x/y \"${x}z\"\n}\n", "", 0),
    ("f() {\n  # a comment\n  echo one   # trailing\n \n \n  echo two\n}; declare -f f", "f () \n{ \n    echo one;\n    echo two\n}\n", "", 0),
    ("f() { cat <<EOF | wc -l\na\nb\nEOF\necho x; }; declare -f f", "f () \n{ \n    cat <<EOF |\na\nb\nEOF\n  wc -l\n    echo x\n}\n", "", 0),
    ("f() { cat <<A <<B\na\nA\nb\nB\n}; declare -f f", "f () \n{ \n    cat <<A <<B\na\nA\nb\nB\n\n}\n", "", 0),
    ("f() { if true; then cat <<EOF\nin if\nEOF\nfi; }; declare -f f", "f () \n{ \n    if true; then\n        cat <<EOF\nin if\nEOF\n\n    fi\n}\n", "", 0),
    ("f() { cat <<EOF && echo ok\nx\nEOF\n}; declare -f f", "f () \n{ \n    cat <<EOF && \nx\nEOF\n echo ok\n}\n", "", 0),
    ("f() { x=$(cat <<EOF\nbody\nEOF\n); echo $x; }; declare -f f", "f () \n{ \n    x=$(cat <<EOF\nbody\nEOF\n);\n    echo $x\n}\n", "", 0),
    ("f() { { cat <<EOF\ngrp\nEOF\n}; }; declare -f f", "f () \n{ \n    { \n        cat <<EOF\ngrp\nEOF\n\n    }\n}\n", "", 0),
    ("f() { while read l; do echo $l; done <<EOF\nw\nEOF\n}; declare -f f", "f () \n{ \n    while read l; do\n        echo $l;\n    done <<EOF\nw\nEOF\n\n}\n", "", 0),
    ("f() { g() { cat <<EOF\nnested\nEOF\n}; g; }; declare -f f", "f () \n{ \n    function g () \n    { \n        cat <<EOF\nnested\nEOF\n\n    };\n    g\n}\n", "", 0),
    ("f() { echo a & echo b & wait; }; declare -f f", "f () \n{ \n    echo a & echo b & wait\n}\n", "", 0),
    ("f() { a; b & c; d; }; declare -f f", "f () \n{ \n    a;\n    b & c;\n    d\n}\n", "", 0),
    ("f() { x=1; }; g() { f; }; declare -f; type g", "f () \n{ \n    x=1\n}\ng () \n{ \n    f\n}\ng is a function\ng () \n{ \n    f\n}\n", "", 0),
    ("f() { local -a arr=( a  b ); echo \"${arr[@]}\" \"${#arr[@]}\" \"${!arr[@]}\" ${arr[1]}; }; declare -f f", "f () \n{ \n    local -a arr=(a b);\n    echo \"${arr[@]}\" \"${#arr[@]}\" \"${!arr[@]}\" ${arr[1]}\n}\n", "", 0),
    ("f() { echo \"$(date +%s)\" `date` \"$((x+1))\"; }; declare -f f", "f () \n{ \n    echo \"$(date +%s)\" `date` \"$((x+1))\"\n}\n", "", 0),
    ("f() { [ -z \"$1\" ] && { echo usage; return 1; }; shift; }; declare -f f", "f () \n{ \n    [ -z \"$1\" ] && { \n        echo usage;\n        return 1\n    };\n    shift\n}\n", "", 0),
    ("f() { trap 'echo bye' EXIT; eval \"$@\"; }; declare -f f", "f () \n{ \n    trap 'echo bye' EXIT;\n    eval \"$@\"\n}\n", "", 0),
    ("f() { x=1; } 2>/dev/null; declare -f f", "f () \n{ \n    x=1\n} 2> /dev/null\n", "", 0),
    ("f() { case \"$1\" in\n  start) echo starting ;;\n  stop)\n    echo stopping\n    ;;\n  *) echo \"usage: $0 {start|stop}\" >&2; return 1 ;;\nesac; }; declare -f f", "f () \n{ \n    case \"$1\" in \n        start)\n            echo starting\n        ;;\n        stop)\n            echo stopping\n        ;;\n        *)\n            echo \"usage: $0 {start|stop}\" 1>&2;\n            return 1\n        ;;\n    esac\n}\n", "", 0),
    ("f() { for f in *.txt; do [[ -e $f ]] || continue; echo \"$f\"; done; }; declare -f f", "f () \n{ \n    for f in *.txt;\n    do\n        [[ -e $f ]] || continue;\n        echo \"$f\";\n    done\n}\n", "", 0),
    ("f() { until [ $i -ge 3 ]; do i=$((i+1)); done; }; declare -f f", "f () \n{ \n    until [ $i -ge 3 ]; do\n        i=$((i+1));\n    done\n}\n", "", 0),
    ("f() { time { a; b; }; }; declare -f f", "f () \n{ \n    time { \n        a;\n        b\n    }\n}\n", "", 0),
    ("f() { ! [[ -d x ]] && mkdir x; }; declare -f f", "f () \n{ \n    ! [[ -d x ]] && mkdir x\n}\n", "", 0),
    ("f() { (( i > 0 )) && echo pos || echo neg; }; declare -f f", "f () \n{ \n    (( i > 0 )) && echo pos || echo neg\n}\n", "", 0),
    ("f() { echo \"${x:-\"default value\"}\" \"${y#\"$p\"}\"; }; declare -f f", "f () \n{ \n    echo \"${x:-\"default value\"}\" \"${y#\"$p\"}\"\n}\n", "", 0),
    ("f() { printf '%s\\n' \"$@\" | sort | uniq -c | sort -rn | head -n 5; }; declare -f f", "f () \n{ \n    printf '%s\\n' \"$@\" | sort | uniq -c | sort -rn | head -n 5\n}\n", "", 0),
    ("f() { kubectl get pods -o jsonpath='{.items[*].metadata.name}'; }; declare -f f", "f () \n{ \n    kubectl get pods -o jsonpath='{.items[*].metadata.name}'\n}\n", "", 0),
    ("f() { echo -n; echo a\\\nb; }; declare -f f", "f () \n{ \n    echo -n;\n    echo ab\n}\n", "", 0),
    ("f() { if a; then :; else if b; then c; fi; fi; }; declare -f f", "f () \n{ \n    if a; then\n        :;\n    else\n        if b; then\n            c;\n        fi;\n    fi\n}\n", "", 0),
    ("f() { x=\"a b\"; echo \"$x\"; echo '$x'; echo \"it's\"; }; declare -f f", "f () \n{ \n    x=\"a b\";\n    echo \"$x\";\n    echo '$x';\n    echo \"it's\"\n}\n", "", 0),
    ("f() { while :; do if a; then break; fi; continue; done; }; declare -f f", "f () \n{ \n    while :; do\n        if a; then\n            break;\n        fi;\n        continue;\n    done\n}\n", "", 0),
    ("function f() { echo x; }; type f", "f is a function\nf () \n{ \n    echo x\n}\n", "", 0),
    ("f() { cd \"$1\" || return; pwd; } ; f2() { f /; }; declare -f f2 f", "f2 () \n{ \n    f /\n}\nf () \n{ \n    cd \"$1\" || return;\n    pwd\n}\n", "", 0),
    ("f() { echo ${@:2} ${x:1} ${x: -1} ${x:0:${#x}-1}; }; declare -f f", "f () \n{ \n    echo ${@:2} ${x:1} ${x: -1} ${x:0:${#x}-1}\n}\n", "", 0),
    ("f() { a=1 b=2; c=$a$b; }; declare -f f", "f () \n{ \n    a=1 b=2;\n    c=$a$b\n}\n", "", 0),
    ("f() { echo >out; >out2; 2>err cmd; }; declare -f f", "f () \n{ \n    echo > out;\n    > out2;\n    cmd 2> err\n}\n", "", 0),
    ("f() { diff <(ls a) <(ls b); }; declare -f f", "f () \n{ \n    diff <(ls a) <(ls b)\n}\n", "", 0),
    ("f() { tr -d '\"'; IFS='|' read a b; grep -v '#' x; echo \\\"$x\\\"; expr 2 \\* 3; }; declare -f f", "f () \n{ \n    tr -d '\"';\n    IFS='|' read a b;\n    grep -v '#' x;\n    echo \\\"$x\\\";\n    expr 2 \\* 3\n}\n", "", 0),
    ("alias ll='ls -l'\nf() { ll /tmp; }; declare -f f", "f () \n{ \n    ls -l /tmp\n}\n", "", 0),
    ("f() { cat <<-'X' >out\n\ttabbed $x\n\tX\n}; declare -f f", "f () \n{ \n    cat <<-'X' > out\ntabbed $x\nX\n\n}\n", "", 0),
    ("f() { case $f in *.txt|*.md) echo doc;; \"a b\") echo sp;; [0-9]*) echo num;; esac; }; declare -f f", "f () \n{ \n    case $f in \n        *.txt | *.md)\n            echo doc\n        ;;\n        \"a b\")\n            echo sp\n        ;;\n        [0-9]*)\n            echo num\n        ;;\n    esac\n}\n", "", 0),
    ("f() { (( (a+b)*2 > 4 )); echo $((i++)) $(( (1+2)*3 )); }; declare -f f", "f () \n{ \n    (( (a+b)*2 > 4 ));\n    echo $((i++)) $(( (1+2)*3 ))\n}\n", "", 0),
    ("f() { if a; then b; fi > out; for i in 1 2; do echo $i; done 2>&1 | tee log; case x in x) ;; esac > /dev/null; }; declare -f f", "f () \n{ \n    if a; then\n        b;\n    fi > out;\n    for i in 1 2;\n    do\n        echo $i;\n    done 2>&1 | tee log;\n    case x in \n        x)\n\n        ;;\n    esac > /dev/null\n}\n", "", 0),
    ("f() { while read -r l; do echo \"$l\"; done < <(ls); }; declare -f f", "f () \n{ \n    while read -r l; do\n        echo \"$l\";\n    done < <(ls)\n}\n", "", 0),
    ("f() { if a; then b & fi; { c & }; d & e & }; declare -f f", "f () \n{ \n    if a; then\n        b &\n    fi;\n    { \n        c &\n    };\n    d & e &\n}\n", "", 0),
    ("f() { x+=(4 5); local IFS=,; read -r -d '' x; printf -v y '%s' z; }; declare -f f", "f () \n{ \n    x+=(4 5);\n    local IFS=,;\n    read -r -d '' x;\n    printf -v y '%s' z\n}\n", "", 0),
    ("f() { echo \"$(printf '%s' \"$x\")\" ${arr[$i]} ${arr[i+1]}; cmd 2>&1 >/dev/null | grep x; }; declare -f f", "f () \n{ \n    echo \"$(printf '%s' \"$x\")\" ${arr[$i]} ${arr[i+1]};\n    cmd 2>&1 > /dev/null | grep x\n}\n", "", 0),
    ("f() { :; }; g() { return 0; }; type f g", "f is a function\nf () \n{ \n    :\n}\ng is a function\ng () \n{ \n    return 0\n}\n", "", 0),
    ("f() { exec 2>/dev/null; exec >&-; exec 0<&-; }; declare -f f", "f () \n{ \n    exec 2> /dev/null;\n    exec 1>&-;\n    exec 0>&-\n}\n", "", 0),
    ("f() { echo $* \"$*\" $0 $$ $! $-; }; declare -f f", "f () \n{ \n    echo $* \"$*\" $0 $$ $! $-\n}\n", "", 0),
    ("f() { time; ! true; }; declare -f f", "f () \n{ \n    time ;\n    ! true\n}\n", "", 0),
    ("f() { a || { echo fail; exit 1; }; }; declare -f f", "f () \n{ \n    a || { \n        echo fail;\n        exit 1\n    }\n}\n", "", 0),
    ("f() { for i in $(seq 3); do (( sum += i )); done; echo $sum; }; declare -f f", "f () \n{ \n    for i in $(seq 3);\n    do\n        (( sum += i ));\n    done;\n    echo $sum\n}\n", "", 0),
    ("f() { x=${1:-$(pwd)}; y=${2:-~}; }; declare -f f", "f () \n{ \n    x=${1:-$(pwd)};\n    y=${2:-~}\n}\n", "", 0),
    ("f() { echo one; echo two; } >> log 2>&1; declare -f f", "f () \n{ \n    echo one;\n    echo two\n} >> log 2>&1\n", "", 0),
    ("f() { cat <<EOF >&2\nerr $1\nEOF\nreturn 1; }; declare -f f", "f () \n{ \n    cat <<EOF 1>&2\nerr $1\nEOF\n\n    return 1\n}\n", "", 0),
    ("f() { ls -la | grep -E '^d' | awk '{print $9}' | while read d; do echo \"dir: $d\"; done; }; declare -f f", "f () \n{ \n    ls -la | grep -E '^d' | awk '{print $9}' | while read d; do\n        echo \"dir: $d\";\n    done\n}\n", "", 0),
    ("f() { echo a; echo b\necho c\n}; declare -f f", "f () \n{ \n    echo a;\n    echo b;\n    echo c\n}\n", "", 0),
    ("f() { if [ \"$#\" -eq 0 ]; then echo \"usage: f name\" >&2; return 2; fi; kubectl get pod \"$1\" -o yaml; }; declare -f f", "f () \n{ \n    if [ \"$#\" -eq 0 ]; then\n        echo \"usage: f name\" 1>&2;\n        return 2;\n    fi;\n    kubectl get pod \"$1\" -o yaml\n}\n", "", 0),
    ("f() { [ -f ~/.bashrc ] && . ~/.bashrc; source /dev/null; }; declare -f f", "f () \n{ \n    [ -f ~/.bashrc ] && . ~/.bashrc;\n    source /dev/null\n}\n", "", 0),
    ("f() { echo 'single \"dq\" inside' \"double 'sq' inside\"; }; declare -f f", "f () \n{ \n    echo 'single \"dq\" inside' \"double 'sq' inside\"\n}\n", "", 0),
    ("f() { until false\ndo\n  break\ndone\n}; declare -f f", "f () \n{ \n    until false; do\n        break;\n    done\n}\n", "", 0),
    ("f() { echo a >/dev/null 2>&1 </dev/null; }; f; echo $?; type f", "0\nf is a function\nf () \n{ \n    echo a > /dev/null 2>&1 < /dev/null\n}\n", "", 0),
    ("f() { cat <<EOF &\nbg\nEOF\necho fg; }; declare -f f", "f () \n{ \n    cat <<EOF &\nbg\nEOF\n  echo fg\n}\n", "", 0),
    ("f() { a | cat <<EOF | b\nmid\nEOF\n}; declare -f f", "f () \n{ \n    a | cat <<EOF |\nmid\nEOF\n  b\n}\n", "", 0),
    ("f() { cat <<EOF || echo fail\nx\nEOF\n}; declare -f f", "f () \n{ \n    cat <<EOF || \nx\nEOF\n echo fail\n}\n", "", 0),
    ("f() { case $x in a) cat <<EOF\narm\nEOF\n;; b) echo b;; esac; }; declare -f f", "f () \n{ \n    case $x in \n        a)\n            cat <<EOF\narm\nEOF\n\n        ;;\n        b)\n            echo b\n        ;;\n    esac\n}\n", "", 0),
    ("f() { while cat <<EOF; do break; done\ncond\nEOF\n}; declare -f f", "f () \n{ \n    while cat <<EOF\ncond\nEOF\n do\n        break;\n    done\n}\n", "", 0),
    ("f() { if cat <<EOF; then echo y; fi\nc\nEOF\n}; declare -f f", "f () \n{ \n    if cat <<EOF\nc\nEOF\n then\n        echo y;\n    fi\n}\n", "", 0),
    ("f() { for i in 1; do cat <<EOF; done\n$i\nEOF\necho after; }; declare -f f", "f () \n{ \n    for i in 1;\n    do\n        cat <<EOF\n$i\nEOF\n\n    done\n    echo after\n}\n", "", 0),
    ("f() { ( cat <<EOF; echo in )\nsub\nEOF\n}; declare -f f", "f () \n{ \n    ( cat <<EOF\nsub\nEOF\n\n    echo in )\n}\n", "", 0),
    ("f() { cat; } <<EOF\nfn\nEOF\ndeclare -f f", "f () \n{ \n    cat\n} <<EOF\nfn\nEOF\n\n", "", 0),
    ("f() { x=$(cat <<EOF\na\nEOF\n); y=$(cat <<EOF; echo z\nb\nEOF\n); }; declare -f f", "f () \n{ \n    x=$(cat <<EOF\na\nEOF\n);\n    y=$(cat <<EOF\nb\nEOF\n echo z)\n}\n", "", 0),
    ("f() { cat <<A; cat <<B\n1\nA\n2\nB\n}; declare -f f", "f () \n{ \n    cat <<A\n1\nA\n\n    cat <<B\n2\nB\n\n}\n", "", 0),
    ("f() { cat <<EOF\nline \\$notvar $var `echo bt` $(echo cs) $((1+1)) \\\\ back\nEOF\n}; declare -f f", "f () \n{ \n    cat <<EOF\nline \\$notvar $var `echo bt` $(echo cs) $((1+1)) \\\\ back\nEOF\n\n}\n", "", 0),
    ("f() { echo a && cat <<EOF && echo c\nb\nEOF\n}; declare -f f", "f () \n{ \n    echo a && cat <<EOF\nb\nEOF\n && echo c\n}\n", "", 0),
    ("f() { { echo a; echo b; } | sort; ( echo c ) & }; declare -f f", "f () \n{ \n    { \n        echo a;\n        echo b\n    } | sort;\n    ( echo c ) &\n}\n", "", 0),
    ("f() { a & }; declare -f f", "f () \n{ \n    a &\n}\n", "", 0),
    ("f() { a && b & c || d; }; declare -f f", "f () \n{ \n    a && b & c || d\n}\n", "", 0),
    ("f() { [[ -n $x ]] && return; ((n++)) || true; }; declare -f f", "f () \n{ \n    [[ -n $x ]] && return;\n    ((n++)) || true\n}\n", "", 0),
    ("f() { echo; }; g() { :; }; set | tail -8", "f () \n{ \n    echo\n}\ng () \n{ \n    :\n}\n", "", 0),
    ("f() { [[ $x ]]; [[ ! $x ]]; [[ $a && ( $b || ! c ) ]]; [[ a -nt b ]]; [[ -o x ]]; [[ \"$x\" ]]; [[ -v x ]]; [[ a < b ]]; }; declare -f f", "f () \n{ \n    [[ -n $x ]];\n    [[ ! -n $x ]];\n    [[ -n $a && ( -n $b || ! -n c ) ]];\n    [[ a -nt b ]];\n    [[ -o x ]];\n    [[ -n \"$x\" ]];\n    [[ -v x ]];\n    [[ a < b ]]\n}\n", "", 0),
    ("f() { \\ls; local p=\"${pfx//\\%/%%}\" q=${1//\\//_} IFS=' '$'\\t'; read -d $'\\0' x; case $c in p[\\ \\\t]*) ;; \\\") ;; '=') ;; esac; }; declare -f f", "f () \n{ \n    \\ls;\n    local p=\"${pfx//\\%/%%}\" q=${1//\\//_} IFS=' ''\t';\n    read -d '' x;\n    case $c in \n        p[\\ \\\t]*)\n\n        ;;\n        \\\")\n\n        ;;\n        '=')\n\n        ;;\n    esac\n}\n", "", 0),
    ("f() { local out=${1}; echo \"${out}\" \"${#out}\" \"${@}\" ${out:-none} >> \"${LOG_FILE}\"; }; declare -f f", "f () \n{ \n    local out=${1};\n    echo \"${out}\" \"${#out}\" \"${@}\" ${out:-none} >> \"${LOG_FILE}\"\n}\n", "", 0),
    ("f() { echo >&$x 2>&$y 1>&3- 4<&$z-; cat <&$q; }; declare -f f", "f () \n{ \n    echo >&$x 2>&$y 1>&3- 4<&$z-;\n    cat <&$q\n}\n", "", 0),
    ("f() { echo \"a$\" \"\\$HOME\" \"x\\\\$y\" \"tab\\there\" 'a\\b'; }; declare -f f", "f () \n{ \n    echo \"a$\" \"\\$HOME\" \"x\\\\$y\" \"tab\\there\" 'a\\b'\n}\n", "", 0),
    ("[[ foo =~ (foo|bar) ]] && echo y; [[ bar =~ ^(a|b)ar$ ]] && echo \"${BASH_REMATCH[1]}\"; [[ x =~ (a|b) ]] || echo no", "y\nb\nno\n", "", 0),
    ("a=(x y z); echo ${a[$((${#a[@]}-1))]} ${a[${#a[@]}-1]} ${#a[$((1))]}; unset 'a[$((${#a[@]} - 1))]'; echo ${a[@]}", "z z 1\nx y\n", "", 0),
    ("a=(p q r); i=1; echo ${a[i+1]} ${a[$i]} \"${a[$(( i ))]}\"", "r q q\n", "", 0),
    ("[[ v1 =~ ^v([0-9]+)$ && 1 -eq 1 ]] && echo both", "both\n", "", 0),
    ("declare -p HOME", "declare -x HOME=\"/root\"\n", "", 0),
    ("x=5; declare -a a=($x \"a b\" *.none q\\ r); printf '[%s]' \"${a[@]}\"; echo ${#a[@]}", "[5][a b][*.none][q r]4\n", "", 0),
    ("f() { local b=(\"$@\" 'c d'); printf '<%s>' \"${b[@]}\"; echo; }; f 1 \"2 3\"", "<1><2 3><c d>\n", "", 0),
    ("export -p | grep -c HOME", "1\n", "", 0),
    ("unset HOME; cd", "", "bash: cd: HOME not set\n", 1),
    ("set -e; false; echo never", "", "", 1),
    ("set -x; echo traced; x=1", "traced\n", "+ echo traced\n+ x=1\n", 0),
    ("echo before; set -u; echo after", "before\nafter\n", "", 0),
    ("echo $0", "bash\n", "", 0),
    ("echo $$ | grep -c '^[0-9][0-9]*$'", "1\n", "", 0),
    ("umask", "0022\n", "", 0),
    ("echo ~nosuchuser", "~nosuchuser\n", "", 0),
    ("cd ~; pwd", "/root\n", "", 0),
    ("echo */ | wc -w", "1\n", "", 0),
    ("touch .hidden vis; echo *", "vis\n", "", 0),
    ("touch .hidden vis; echo .*", ".hidden\n", "", 0),
    ("touch 'a b'; for f in *; do echo \"[$f]\"; done", "[a b]\n", "", 0),
    ("touch a1 a2 b1; echo a?; echo [ab]1; echo [!a]*", "a1 a2\na1 b1\nb1\n", "", 0),
    ("echo \\*", "*\n", "", 0),
    ("echo \"*\"", "*\n", "", 0),
    ("x=5; echo \"$x\"'$x'$x", "5$x5\n", "", 0),
    ("s=/a/b/c.txt; echo ${s##*/} ${s%/*} ${s##*.}", "c.txt /a/b txt\n", "", 0),
    ("s=abc; echo ${s:0:1} ${s: -1} ${s:1}", "a c bc\n", "", 0),
    ("s=aXbXc; echo ${s/X/-} ${s//X/-} ${s/#a/A} ${s/%c/C}", "a-bXc a-b-c AXbXc aXbXC\n", "", 0),
    ("s=Hello; echo ${s,,} ${s^} ${s,}", "hello Hello hello\n", "", 0),
    ("echo ${#undefined}", "0\n", "", 0),
    ("echo \"${@:-none}\"", "none\n", "", 0),
    ("f() { echo ${1:-default} ${2:+alt}; }; f \"\" b", "default alt\n", "", 0),
    ("f() { shift; echo \"$@\"; }; f a b c", "b c\n", "", 0),
    ("f() { echo $FUNCNAME; }; f", "f\n", "", 0),
    ("g() { return 5; }; g || echo \"failed $?\"", "failed 5\n", "", 0),
    ("h() { echo in; }; unset -f h; h", "", "bash: h: command not found\n", 127),
    ("ifs_test() { local IFS=,; set -- a,b,c; echo $#; }; ifs_test", "1\n", "", 0),
    ("echo $(( RANDOM >= 0 ))", "1\n", "", 0),
    ("i=0; until (( i == 3 )); do (( i++ )); done; echo $i", "3\n", "", 0),
    ("for x; do echo $x; done; echo none", "none\n", "", 0),
    ("for f in $(echo a b); do echo \"$f\"; done", "a\nb\n", "", 0),
    ("n=0; for i in {1..10}; do n=$((n+i)); done; echo $n", "55\n", "", 0),
    ("echo {1..3..}", "{1..3..}\n", "", 0),
    ("echo {a..c}{1..2}", "a1 a2 b1 b2 c1 c2\n", "", 0),
    ("while read -r a b; do echo \"$b $a\"; done <<EOF\none 1\ntwo 2\nEOF", "1 one\n2 two\n", "", 0),
    ("cat <<EOF\n  indented\n$(echo cmd)\nEOF", "  indented\ncmd\n", "", 0),
    ("echo 'x' | cat - <(echo y)", "x\ny\n", "", 0),
    ("cat <(echo procsub)", "procsub\n", "", 0),
    ("echo ok >&2 2>/dev/null", "", "ok\n", 0),
    ("{ echo to-err >&2; } 2>&1 | wc -l", "1\n", "", 0),
    ("echo a > f; echo b >> f; wc -l < f; cat < f | wc -c", "2\n4\n", "", 0),
    ("echo hi >> newfile; cat newfile", "hi\n", "", 0),
    ("echo data &> both; cat both", "data\n", "", 0),
    ("ls nope &> both; cat both", "ls: cannot access 'nope': No such file or directory\n", "", 0),
    ("exec 2>&1; echo x", "x\n", "", 0),
    ("echo x 1>&2", "", "x\n", 0),
    (": > empty; wc -c empty", "0 empty\n", "", 0),
    ("> empty2; ls empty2", "empty2\n", "", 0),
    ("echo $(exit 3); echo $?", "\n0\n", "", 0),
    ("x=$(false); echo $?", "1\n", "", 0),
    ("echo \"$(echo a; echo b)\"", "a\nb\n", "", 0),
    ("echo `echo \\`echo nested\\``", "nested\n", "", 0),
    ("echo $(( 7 / 2 )) $(( -7 / 2 )) $(( 7 % -3 ))", "3 -3 1\n", "", 0),
    ("echo $(( 1 ? 2 : 3 )) $(( 0 ? 2 : 3 ))", "2 3\n", "", 0),
    ("echo $(( x = 2, x * 10 ))", "20\n", "", 0),
    ("echo \"$(( 2 ** 62 ))\"", "4611686018427387904\n", "", 0),
    ("printf '%.3f\\n' 2.5", "2.500\n", "", 0),
    ("printf '%5.1f%%\\n' 12.345", " 12.3%\n", "", 0),
    ("printf '[%*d]\\n' 5 42", "[   42]\n", "", 0),
    ("printf '%s=%s\\n' a 1 b 2", "a=1\nb=2\n", "", 0),
    ("printf '%03d\\n' 7", "007\n", "", 0),
    ("printf '%+d % d\\n' 5 5", "+5  5\n", "", 0),
    ("printf '%-8s|\\n' left", "left    |\n", "", 0),
    ("printf '%i\\n' 0x1f", "31\n", "", 0),
    ("printf '\\x41\\101\\n'", "AA\n", "", 0),
    ("printf 'a\\cb\\n'; echo", "a\\cb\n\n", "", 0),
    ("echo -e 'a\\cb'; echo", "a\n", "", 0),
    ("echo -e '\\0101'", "A\n", "", 0),
    ("echo -E 'a\\tb'", "a\\tb\n", "", 0),
    ("echo -nx", "-nx\n", "", 0),
    ("type echo printf [ true", "echo is a shell builtin\nprintf is a shell builtin\n[ is a shell builtin\ntrue is a shell builtin\n", "", 0),
    ("command -v nope; echo $?", "1\n", "", 0),
    ("builtin echo hi", "hi\n", "", 0),
    ("builtin nope", "", "bash: builtin: nope: not a shell builtin\n", 1),
    ("hash", "hash: hash table empty\n", "", 0),
    ("times > /dev/null; echo $?", "0\n", "", 0),
    ("jobs; echo $?", "0\n", "", 0),
    ("kill 99999", "", "bash: kill: (99999) - No such process\n", 1),
    ("wait; echo $?", "0\n", "", 0),
    ("shopt -s nullglob; echo ok", "ok\n", "", 0),
    ("echo a | read x; echo \"[$x]\"", "[]\n", "", 0),
    ("echo 3 4 | { read a b; echo $((a*b)); }", "12\n", "", 0),
    ("read x; echo \"[$x] $?\"", "[] 1\n", "", 0),
    ("printf 'a:b:c\\n' | { IFS=: read -r x y z; echo $z$y$x; }", "cba\n", "", 0),
    ("printf 'no-newline' | { read l; echo \"$l $?\"; }", "no-newline 1\n", "", 0),
    ("printf 'one\\ntwo' | while read l || [ -n \"$l\" ]; do echo \"[$l]\"; done", "[one]\n[two]\n", "", 0),
    // Only what reads stdin consumes it: the rest stays for the next reader.
    ("printf 'a\\nb\\n' | while read x; do echo $x; sleep 0; done", "a\nb\n", "", 0),
    ("printf 'a\\nb\\n' | while read x; do echo $x; ls > /dev/null; done", "a\nb\n", "", 0),
    ("printf 'a\\nb\\nc\\n' | while read x; do echo $x; head -1; done", "a\nb\n", "", 0),
    ("echo f > f; printf 'a\\nb\\n' | while read x; do echo $x; cat f > /dev/null; wc -l f; done", "a\n1 f\nb\n1 f\n", "", 0),
    ("printf 'a\\nb\\n' | while read x; do echo $x; date > /dev/null; true; printf ''; echo -n; done", "a\nb\n", "", 0),
    ("printf 'a\\nb\\n' | { sleep 0; cat; }", "a\nb\n", "", 0),
    ("printf 'a\\nb\\nc\\n' | { read x; cat; echo \"[$x]\"; }", "b\nc\n[a]\n", "", 0),
    ("printf 'a\\nb\\n' | while read x; do echo $x; tr a b; done", "a\nb\n", "", 0),
    ("echo hi | cat /dev/stdin", "hi\n", "", 0),
    ("printf 'a\\nb\\n' | wc -l /dev/stdin", "2 /dev/stdin\n", "", 0),
    ("echo hi | { cat < /dev/stdin; }", "hi\n", "", 0),

];

#[test]
fn matches_real_bash() {
    let mut failures = Vec::new();
    for (input, out, err, status) in BASH_CASES {
        let mut sh = shell();
        run(&mut sh, "mkdir -p /tmp/kp; cd /tmp/kp");
        let got = run(&mut sh, input);
        if (got.0.as_str(), got.1.as_str(), got.2) != (*out, *err, *status) {
            failures.push(format!(
                "input {:?}\n  want {:?}\n  got  {:?}",
                input,
                (out, err, status),
                got
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn prompt_follows_cwd() {
    let mut sh = shell();
    assert_eq!(sh.prompt(), "root@minikube:~# ");
    run(&mut sh, "mkdir tutorial; cd tutorial");
    assert_eq!(sh.prompt(), "root@minikube:~/tutorial# ");
    assert_eq!(sh.cwd(), "/root/tutorial");
    run(&mut sh, "cd /tmp");
    assert_eq!(sh.prompt(), "root@minikube:/tmp# ");
    run(&mut sh, "cd");
    assert_eq!(sh.prompt(), "root@minikube:~# ");
}

#[test]
fn completeness_of_input() {
    let sh = shell();
    for open in [
        "echo 'abc",
        "echo \"abc",
        "if true; then",
        "for i in 1 2; do",
        "while true",
        "case x in",
        "{ echo",
        "( echo",
        "echo a |",
        "echo a &&",
        "echo a ||",
        "echo a \\",
        "cat <<EOF",
        "cat <<EOF\nline",
        "f() {",
        "echo $(ls",
        "echo ${x",
        "echo `date",
    ] {
        assert!(!sh.is_complete(open), "{:?} should be incomplete", open);
    }
    for done in [
        "",
        "echo hi",
        "echo 'a\nb'",
        "cat <<EOF\nline\nEOF",
        "cat <<-EOF\n\tline\n\tEOF",
        "if true; then echo; fi",
        "fi",
        "echo )",
        "for i in 1; do echo $i; done",
        "echo a # comment '",
    ] {
        assert!(sh.is_complete(done), "{:?} should be complete", done);
    }
}

#[test]
fn multi_line_input_runs_every_command() {
    check(
        &["echo one\necho two\nif true\nthen\n  echo three\nfi"],
        "one\ntwo\nthree\n",
        "",
        0,
    );
    // A syntax error only costs its own line, as at an interactive prompt.
    check(
        &["echo a\nfi\necho b"],
        "a\nb\n",
        "bash: syntax error near unexpected token `fi'\n",
        0,
    );
    // Here-document bodies are part of the same input.
    check(
        &["cat <<EOF | wc -l\na\nb\nEOF\necho after"],
        "2\nafter\n",
        "",
        0,
    );
}

#[test]
fn aliases_apply_from_the_next_command() {
    check(
        &["alias k=kubectl", "k get pods"],
        "kubectl argv=[\"get\", \"pods\"] cwd=/root\n",
        "",
        0,
    );
    check(
        &["alias k=kubectl\nk version"],
        "kubectl argv=[\"version\"] cwd=/root\n",
        "",
        0,
    );
    check(
        &["alias ls='ls -a'", "cd /root/.kube; ls"],
        ".  ..\n",
        "",
        0,
    );
    check(
        &["alias k=kubectl", "unalias k", "k"],
        "",
        "bash: k: command not found\n",
        127,
    );
    check(
        &["alias k=kubectl; complete -F __start_kubectl k; echo ok"],
        "ok\n",
        "",
        0,
    );
}

#[test]
fn host_programs_in_pipes_and_redirects() {
    check(
        &["echo data | kubectl apply -f -"],
        "kubectl argv=[\"apply\", \"-f\", \"-\"] cwd=/root\nstdin=\"data\\n\"\n",
        "",
        0,
    );
    check(&["kubectl get pods | wc -l"], "1\n", "", 0);
    check(
        &["kubectl get pods > out.txt; cat out.txt"],
        "kubectl argv=[\"get\", \"pods\"] cwd=/root\n",
        "",
        0,
    );
    check(&["kubectl fail"], "", "error: boom\n", 1);
    check(&["kubectl fail 2>/dev/null; echo $?"], "1\n", "", 0);
    check(&["kubectl fail 2>&1 | cat"], "error: boom\n", "", 0);
    check(&["kubectl fail > f 2>&1; cat f"], "error: boom\n", "", 0);
    check(
        &["kubectl create -f - <<EOF\nkind: Pod\nEOF"],
        "kubectl argv=[\"create\", \"-f\", \"-\"] cwd=/root\nstdin=\"kind: Pod\\n\"\n",
        "",
        0,
    );
    check(
        &["KUBECONFIG=/x kubectl get"],
        "kubectl argv=[\"get\"] cwd=/root\nKUBECONFIG=/x\n",
        "",
        0,
    );
    check(&["writer; cat /tmp/written-by-host"], "hi\n", "", 0);
    check(
        &["which kubectl ls sleep cd; echo $?"],
        "/usr/local/bin/kubectl\n/usr/bin/ls\n/usr/bin/sleep\n1\n",
        "",
        0,
    );
    check(
        &["type kubectl"],
        "kubectl is /usr/local/bin/kubectl\n",
        "",
        0,
    );
    // What kubectl prints is sourced as a script (this stand-in kubectl
    // prints its argv, which runs kubectl again).
    check(
        &["source <(kubectl completion bash); echo $?"],
        "kubectl argv=[\"argv=[completion,\", \"bash]\", \"cwd=/root\"] cwd=/root\n0\n",
        "",
        0,
    );
    check(
        &["source <(echo 'echo from procsub')"],
        "from procsub\n",
        "",
        0,
    );
}

#[test]
fn host_programs_leave_stdin_they_do_not_read() {
    check(
        &["printf 'a\\nb\\n' | while read x; do kubectl get $x; done"],
        "kubectl argv=[\"get\", \"a\"] cwd=/root\nkubectl argv=[\"get\", \"b\"] cwd=/root\n",
        "",
        0,
    );
    check(
        &["printf 'a\\nb\\nc\\n' | while read x; do kubectl exec -i $x; done"],
        "kubectl argv=[\"exec\", \"-i\", \"a\"] cwd=/root\nstdin=\"b\\nc\\n\"\n",
        "",
        0,
    );
    check(
        &["printf 'a\\nb\\n' | { ask; cat; }; ask < /dev/null"],
        "ask=Some(\"a\")\nb\nask=None\n",
        "",
        0,
    );
    check(
        &["printf 'a\\nb\\n' | { kubectl get; /usr/bin/sleep 1; cat; }"],
        "kubectl argv=[\"get\"] cwd=/root\na\nb\n",
        "",
        0,
    );
}

#[test]
fn run_with_stdin_reads_exact_bytes() {
    let mut sh = shell();
    let o = sh.run_with_stdin("cat", "a\nb", &mut Host);
    assert_eq!(o.stdout(), "a\nb");
    let o = sh.run_with_stdin("cat", "hi\n", &mut Host);
    assert_eq!(o.stdout(), "hi\n");
    let o = sh.run_with_stdin("wc -l", "x\ny\n", &mut Host);
    assert_eq!(o.stdout(), "2\n");
    let o = sh.run_with_stdin("sh -c 'read a; read b; echo $b $a'", "1\n2\n", &mut Host);
    assert_eq!(o.stdout(), "2 1\n");
    let o = sh.run_with_stdin("sleep 1; cat", "left\n", &mut Host);
    assert_eq!(o.stdout(), "left\n");
}

#[test]
fn functions_shadow_host_programs() {
    check(&["kubectl() { echo mine; }; kubectl get"], "mine\n", "", 0);
    check(
        &["command kubectl() { :; }"],
        "",
        "bash: syntax error near unexpected token `('\n",
        2,
    );
}

#[test]
fn ls_on_a_terminal() {
    check(
        &["cd /tmp; touch a.txt b.txt c.log pod.yml; mkdir tutorial; ls"],
        "a.txt  b.txt  c.log  pod.yml  tutorial\n",
        "",
        0,
    );
    check(&["cd /tmp; touch b a; ls | cat"], "a\nb\n", "", 0);
    check(&["cd /tmp; touch b a; ls -1"], "a\nb\n", "", 0);
    check(&["cd /tmp; touch a; ls -a"], ".  ..  a\n", "", 0);
    check(
        &["mkdir tutorial; echo hello > pod.yml; ls -l"],
        "total 8\n-rw-r--r-- 1 root root    6 Jun  1 09:00 pod.yml\ndrwxr-xr-x 2 root root 4096 Jun  1 09:00 tutorial\n",
        "",
        0,
    );
    check(
        &["cd /tmp; mkdir tutorial; ls tutorial nope"],
        "tutorial:\n",
        "ls: cannot access 'nope': No such file or directory\n",
        2,
    );
    check(&["ls -ld /tmp /dev/null"], "crw-rw-rw- 1 root root 1, 3 Jun  1 09:00 /dev/null\ndrwxrwxrwt 2 root root 4096 Jun  1 09:00 /tmp\n", "", 0);
    // GNU ls pads columns with tabs where a tab stop fits.
    check(&["ls -a /root"], ".  ..  .bashrc\t.kube  .profile\n", "", 0);
}

#[test]
fn mtimes_follow_virtual_time() {
    let mut sh = shell();
    run(&mut sh, "touch old");
    sh.set_now(NOW + 3_600_000);
    run(&mut sh, "touch new");
    assert_eq!(
        run(&mut sh, "ls -lt | tail -n 2").0,
        "-rw-r--r-- 1 root root 0 Jun  1 10:00 new\n-rw-r--r-- 1 root root 0 Jun  1 09:00 old\n"
    );
    assert_eq!(run(&mut sh, "date").0, "Sun Jun  1 10:00:00 UTC 2025\n");
    assert_eq!(run(&mut sh, "date +%F_%T").0, "2025-06-01_10:00:00\n");
    sh.set_now(NOW + 400 * 86_400_000);
    assert_eq!(
        run(&mut sh, "ls -l old").0,
        "-rw-r--r-- 1 root root 0 Jun  1  2025 old\n"
    );
}

#[test]
fn history_lists_every_run() {
    let mut sh = shell();
    run(&mut sh, "echo a");
    run(&mut sh, "");
    run(&mut sh, "cat <<EOF\nx\nEOF");
    assert_eq!(
        run(&mut sh, "history").0,
        "    1  echo a\n    2  cat <<EOF\nx\nEOF\n    3  history\n"
    );
    assert_eq!(sh.history().len(), 3);
    assert_eq!(run(&mut sh, "history 1").0, "    4  history 1\n");
}

#[test]
fn clear_and_misc_builtins() {
    check(&["clear"], "\u{1b}[H\u{1b}[2J\u{1b}[3J", "", 0);
    check(&["cat /etc/hostname"], "minikube\n", "", 0);
    check(
        &["grep PRETTY /etc/os-release"],
        "PRETTY_NAME=\"Ubuntu 22.04.5 LTS\"\n",
        "",
        0,
    );
    check(
        &["echo $HOME $USER $PWD; hostname; whoami"],
        "/root root /root\nminikube\nroot\n",
        "",
        0,
    );
    check(&["export K=v; printenv K"], "v\n", "", 0);
    check(&["exit 3"], "", "exit\n", 3);
    check(&["(exit 3); echo $?"], "3\n", "", 0);
}

#[test]
fn env_accessors() {
    let mut sh = shell();
    run(&mut sh, "export A=1; B=2");
    assert_eq!(sh.env().get("A").map(|s| s.as_str()), Some("1"));
    assert!(sh.env().get("B").is_none());
    assert_eq!(sh.vfs().read("/etc/hostname"), Some("minikube\n"));
    sh.vfs_mut().write("/root/tutorial/pod.yml", "kind: Pod\n");
    assert_eq!(run(&mut sh, "cat tutorial/pod.yml").0, "kind: Pod\n");
}

#[test]
fn completion() {
    let mut sh = shell();
    run(&mut sh, "mkdir tutorial; touch tutorial/pod.yml tutorial/svc.yml top.txt; alias kk=kubectl; kfun() { :; }");
    let c = |sh: &Shell, l: &str| sh.complete(l, &Host);
    assert_eq!(c(&sh, "kub"), vec!["kubectl"]);
    assert_eq!(c(&sh, "k"), vec!["kfun", "kill", "kk", "kubectl"]);
    assert_eq!(c(&sh, "cat t"), vec!["top.txt", "tutorial/"]);
    assert_eq!(
        c(&sh, "cat tutorial/"),
        vec!["tutorial/pod.yml", "tutorial/svc.yml"]
    );
    assert_eq!(c(&sh, "cat tutorial/p"), vec!["tutorial/pod.yml"]);
    assert_eq!(c(&sh, "ls | gr"), vec!["grep", "groups"]);
    assert_eq!(c(&sh, "cat /et"), vec!["/etc/"]);
    assert!(c(&sh, "cat nothing").is_empty());
}

#[test]
fn step_limit_stops_endless_loops() {
    let mut sh = shell();
    let (out, err, st) = run(&mut sh, "while true; do :; done; echo after");
    assert_eq!(out, "");
    assert!(err.contains("step limit exceeded"), "{}", err);
    assert_eq!(st, 1);
    // The shell is still usable afterwards.
    assert_eq!(run(&mut sh, "echo ok").0, "ok\n");
    let (_, err, _) = run(&mut sh, "f() { f; }; f");
    assert!(
        err.contains("maximum function nesting level exceeded"),
        "{}",
        err
    );
    let (_, err, _) = run(&mut sh, "for ((;;)); do :; done");
    assert!(err.contains("step limit exceeded"), "{}", err);
}

#[test]
fn output_limit_stops_floods() {
    let mut sh = shell();
    let o = sh.run(
        "while true; do echo xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx; done",
        &mut Host,
    );
    assert!(o.stdout().len() <= (1 << 20) + 100);
    assert!(o.stderr().contains("output limit exceeded"));
    let o = sh.run("yes | head -n 2", &mut Host);
    assert_eq!(o.stdout(), "y\ny\n");
    let o = sh.run("x=a; for i in $(seq 40); do x=$x$x; done", &mut Host);
    assert!(o.stderr().contains("too large"), "{:?}", o);
    let o = sh.run("seq 100000000 | tail -n 1", &mut Host);
    assert!(o.status != 0 || o.stdout().len() < 20);
}

#[test]
fn garbage_never_panics() {
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    let alphabet: &[u8] = b"ab$(){}[]<>|&;'\"`\\\n #*?!=-0123456789EOFifthendo";
    for round in 0..400 {
        let mut sh = shell();
        let len = (round % 60) + 1;
        let mut s = String::new();
        for _ in 0..len {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            s.push(alphabet[(seed % alphabet.len() as u64) as usize] as char);
        }
        let _ = sh.is_complete(&s);
        let _ = sh.complete(&s, &Host);
        let _ = sh.run(&s, &mut Host);
    }
    // Deep nesting and huge inputs are refused, not overflowed.
    let mut sh = shell();
    let deep = "(".repeat(5000);
    let _ = sh.run(&deep, &mut Host);
    let _ = sh.is_complete(&deep);
    let _ = sh.run(&"$(".repeat(3000), &mut Host);
    let _ = sh.run(&"$((".repeat(3000), &mut Host);
    let _ = sh.run(&"{ ".repeat(3000), &mut Host);
    let _ = sh.run(&"echo x | ".repeat(2000), &mut Host);
    let _ = sh.run(&"a".repeat(200_000), &mut Host);
    let _ = sh.run("echo {1..999999999}", &mut Host);
    let _ = sh.run("printf '%999999999d' 1", &mut Host);
    let _ = sh.run(
        "grep -E '((((((((((a*)*)*)*)*)*)*)*)*)*)*b' /etc/os-release",
        &mut Host,
    );
}

#[test]
fn snapshot_roundtrip_keeps_state() {
    let mut sh = shell();
    run(
        &mut sh,
        "mkdir d; echo x > d/f; f() { echo fn; }; alias k=kubectl; export E=1; cd d",
    );
    let json = serde_json::to_string(&sh).unwrap();
    let mut back: Shell = serde_json::from_str(&json).unwrap();
    assert_eq!(
        run(&mut back, "cat f; f; echo $E; pwd").0,
        "x\nfn\n1\n/root/d\n"
    );
    assert_eq!(run(&mut back, "k").0, "kubectl argv=[] cwd=/root/d\n");
}

#[test]
fn stream_order_is_kept() {
    let mut sh = shell();
    let o = sh.run("echo 1; echo 2 >&2; echo 3", &mut Host);
    assert_eq!(
        o.chunks,
        vec![
            (Stream::Stdout, "1\n".to_string()),
            (Stream::Stderr, "2\n".to_string()),
            (Stream::Stdout, "3\n".to_string())
        ]
    );
}

#[test]
fn sed_stops_runaway_scripts() {
    // GNU sed would loop forever on these; here a budget stops them
    // quietly with a killed process's status.
    let mut sh = shell();
    for script in [":a;ba", ":a;s/x*/y/;ta", ":a;G;h;ba", ":a;x;G;x;G;ba"] {
        let o = sh.run(&format!("printf 'x\\n' | sed '{}'", script), &mut Host);
        assert_eq!(o.status, 137, "{}: {:?}", script, o);
    }
    let o = sh.run("printf 'x\\ny\\n' | sed ':a;N;ba'", &mut Host);
    assert_eq!((o.stdout().as_str(), o.status), ("x\ny\n", 0));
    for script in [
        "99999999999999999999p",
        "1~0p;0~99999999999999999999p",
        "s/é/ü/g;y/ü/x/;l 1",
        "s//x/",
        "1{;}};{",
        "s/\\(\\)*\\1*//g",
        "$!{N;D}",
        "0,/x/{//!d}",
        "w /dev/stdout\nr /dev/stdin",
    ] {
        let _ = sh.run(
            &format!("printf 'x\\né\\n' | sed -n '{}'", script),
            &mut Host,
        );
    }
}
