//! The bytes procps watch 4.0.2 wrote here (TERM=xterm-256color,
//! LANG=C.UTF-8, 80x24; 4.0.4 draws the same), run with `timeout N watch`.

use super::*;

fn w(args: &[&str]) -> Watch {
    let args: Vec<String> = args.iter().map(|s| s.to_string()).collect();
    Watch::parse(&args, &BTreeMap::new(), "vm", None).unwrap()
}

fn at(h: i64, m: i64, s: i64) -> Time {
    // Fri Dec  4 2026
    Time::from_secs(1_796_342_400 + h * 3600 + m * 60 + s)
}

#[test]
fn header_and_ticking_seconds() {
    let mut x = w(&["-n1", "date"]);
    let mut bytes = x.start();
    bytes += &x
        .frame(at(7, 6, 58), "Fri Dec  4 07:06:58 UTC 2026\n", 0, true)
        .bytes;
    bytes += &x
        .frame(at(7, 6, 59), "Fri Dec  4 07:06:59 UTC 2026\n", 0, true)
        .bytes;
    bytes += &x.end();
    assert_eq!(
        bytes,
        "\x1b[?1049h\x1b[22;0;0t\x1b[1;24r\x1b(B\x1b[m\x1b[4l\x1b[?7h\x1b[H\x1b[2JEvery 1.0s: date\x1b[1;53Hvm: Fri Dec  4 07:06:58 2026\x1b[3;1HFri Dec  4 07:06:58 UTC 2026\x1b[24;80H\x1b[1;75H9\x1b[3;19H9\x1b[24;80H\x1b[24;1H\x1b[?1049l\x1b[23;0;0t\r\x1b[?1l\x1b>"
    );
}

#[test]
fn lines_growing_and_shrinking() {
    let mut x = w(&["-n1", "cat", "/tmp/f"]);
    let mut b = x.start();
    b += &x.frame(at(7, 6, 18), "a\nbb\n", 0, true).bytes;
    b += &x.frame(at(7, 6, 19), "a\nbb\n", 0, true).bytes;
    b += &x.frame(at(7, 6, 20), "a\nbx\nccc\n", 0, true).bytes;
    b += &x
        .frame(at(7, 6, 21), "NAME   READY\nweb-1  1/1\n", 0, true)
        .bytes;
    b += &x.frame(at(7, 6, 22), "NAME   READY\n", 0, true).bytes;
    b += &x.end();
    assert_eq!(
        b,
        "\x1b[?1049h\x1b[22;0;0t\x1b[1;24r\x1b(B\x1b[m\x1b[4l\x1b[?7h\x1b[H\x1b[2JEvery 1.0s: cat /tmp/f\x1b[1;53Hvm: Fri Dec  4 07:06:18 2026\x1b[3;1Ha\x1b[4d\x08bb\x1b[24;80H\x1b[1;75H9\x1b[24;80H\x1b[1;74H20\r\x1b[4dbx\r\x1b[5dccc\x1b[24;80H\r\x1b[5d\x1b[J\x1b[1;75H1\r\x1b[3dNAME   READY\r\x1b[4dweb-1  1/1\x1b[24;80H\r\x1b[4d\x1b[J\x1b[1;75H2\x1b[24;80H\x1b[24;1H\x1b[?1049l\x1b[23;0;0t\r\x1b[?1l\x1b>"
    );
}

#[test]
fn differences_in_standout() {
    let mut x = w(&["-t", "-d", "-n1", "cat", "/tmp/g"]);
    let mut b = x.start();
    b += &x.frame(at(0, 0, 0), "abc 123\n", 0, true).bytes;
    b += &x.frame(at(0, 0, 1), "abd 124\n", 0, true).bytes;
    b += &x.frame(at(0, 0, 2), "abd 124\n", 0, true).bytes;
    b += &x.end();
    assert_eq!(
        b,
        "\x1b[?1049h\x1b[22;0;0t\x1b[1;24r\x1b(B\x1b[m\x1b[4l\x1b[?7h\x1b[H\x1b[2Jabc 123\x1b[24;80H\x1b[Hab\x1b(B\x1b[0;7md\x1b(B\x1b[m 12\x1b(B\x1b[0;7m4\x1b[24;80H\x1b(B\x1b[m\x1b[Habd 124\x1b[24;80H\x1b[24;1H\x1b[?1049l\x1b[23;0;0t\r\x1b[?1l\x1b>"
    );
}

#[test]
fn errexit_shows_its_message_and_exits_8() {
    let mut x = w(&["-t", "-e", "false"]);
    let mut b = x.start();
    let f = x.frame(at(0, 0, 0), "", 1, true);
    b += &f.bytes;
    assert_eq!(f.exit, Some(8));
    assert_eq!(
        b,
        "\x1b[?1049h\x1b[22;0;0t\x1b[1;24r\x1b(B\x1b[m\x1b[4l\x1b[?7h\x1b[H\x1b[2J\x1b[24dcommand exit with a non-zero status, press a key to exit\x1b[24;1H\x1b[?1049l\x1b[23;0;0t\r\x1b[?1l\x1b>"
    );
}

#[test]
fn usage_errors() {
    let parse = |a: &[&str]| {
        let args: Vec<String> = a.iter().map(|s| s.to_string()).collect();
        Watch::parse(&args, &BTreeMap::new(), "vm", None).unwrap_err()
    };
    let o = parse(&[]);
    assert_eq!(o.status, 1);
    assert!(o
        .stderr()
        .starts_with("\nUsage:\n watch [options] command\n"));
    let o = parse(&["-z", "x"]);
    assert!(o
        .stderr()
        .starts_with("watch: invalid option -- 'z'\n\nUsage:"));
    let o = parse(&["--bogus", "x"]);
    assert!(o
        .stderr()
        .starts_with("watch: unrecognized option '--bogus'\n\nUsage:"));
    let o = parse(&["-n"]);
    assert!(o
        .stderr()
        .starts_with("watch: option requires an argument -- 'n'\n"));
    let o = parse(&["-n", "abc", "date"]);
    assert_eq!(
        o.stderr(),
        "watch: failed to parse argument: 'abc': Invalid argument\n"
    );
    let o = parse(&["--no", "date"]);
    assert!(o.stderr().starts_with(
        "watch: option '--no' is ambiguous; possibilities: '--no-color' '--no-rerun' '--no-title' '--no-wrap'\n"
    ));
    let o = parse(&["--help"]);
    assert_eq!(o.status, 0);
    assert!(o.stdout().starts_with("\nUsage:"));
    // Options end at the command: its own flags are its own.
    let x = w(&["--int", "5", "-t", "kubectl", "get", "pods", "-w"]);
    assert_eq!(x.command, "kubectl get pods -w");
    assert_eq!(x.interval_ms(), 5000);
    assert_eq!(w(&["-n", "0.01", "date"]).interval_ms(), 100);
}

/// `watch -t -p -n1` over a list of outputs, one a second (NUL between).
fn replay(frames: &str) -> String {
    let mut x = w(&["-t", "-n1", "sh", "/tmp/next"]);
    let mut b = x.start();
    for (i, f) in frames.split('\0').enumerate() {
        b += &x.frame(at(0, 0, i as i64), f, 0, true).bytes;
    }
    b + &x.end()
}

/// Recorded from the real watch: lines inserted, deleted and edited at
/// random (`mutations`), and a fixed header over a body that scrolls up and
/// down, then a whole screen that does (`scrolls`).
#[test]
fn matches_the_real_watch_byte_for_byte() {
    assert_eq!(
        replay(include_str!("testdata/mutations.frames")),
        include_str!("testdata/mutations.real")
    );
    assert_eq!(
        replay(include_str!("testdata/scrolls.frames")),
        include_str!("testdata/scrolls.real")
    );
}

/// Differential check against the real watch: frames (separated by NUL)
/// from $WATCH_FRAMES, the bytes to $WATCH_OUT.
#[test]
#[ignore]
fn frames_from_file() {
    let Ok(path) = std::env::var("WATCH_FRAMES") else {
        return;
    };
    let text = std::fs::read_to_string(path).unwrap();
    std::fs::write(std::env::var("WATCH_OUT").unwrap(), replay(&text)).unwrap();
}

#[test]
fn odd_output_and_tiny_screens_never_panic() {
    let mut seed = 7u64;
    let mut next = move |n: u64| {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (seed >> 33) % n
    };
    let alphabet: Vec<char> = "ab \t\n\n\r\x08\x07\x1b\0é漢-".chars().collect();
    for _ in 0..200 {
        let (rows, cols) = (1 + next(8) as usize, 1 + next(30) as usize);
        let mut env = BTreeMap::new();
        if next(2) == 0 {
            env.insert("LINES".to_string(), rows.to_string());
            env.insert("COLUMNS".to_string(), cols.to_string());
        }
        let flags = ["-d", "-t", "-w", "-g", "-e", "-dx", "-q1", "-b"];
        let mut args = vec![flags[next(8) as usize].to_string()];
        args.push("cmd".into());
        let mut x = Watch::parse(&args, &env, "minikube", Some((rows, cols))).unwrap();
        x.start();
        for i in 0..6 {
            let len = next(120) as usize;
            let text: String = (0..len)
                .map(|_| alphabet[next(alphabet.len() as u64) as usize])
                .collect();
            x.frame(at(0, 0, i), &text, next(2) as i32, true);
            x.resize(Some((1 + next(6) as usize, 1 + next(40) as usize)));
        }
        x.end();
    }
}
