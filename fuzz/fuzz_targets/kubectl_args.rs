#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| kubeplay_engine::fuzz_targets::kubectl_args(data));
