#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| kubeplay_engine::fuzz_targets::shell_line(data));
